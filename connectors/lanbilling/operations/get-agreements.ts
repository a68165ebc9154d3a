import { z } from 'zod';
import type { LanbillingClient } from '../client';
import { Filter, filterSchema, id, listResponse, validateInput } from '../schemas';

export const agreementSchema = z.object({
  agrmid: id,
  uid: id,
  balance: z.number(),
  credit: z.number().default(0),
  number: z.string(),
  date: z.string().default(''),
});
export type Agreement = z.output<typeof agreementSchema>;

/** Договоры selected by `flt` (agrmid, userid) or all. */
export async function getAgreements(client: LanbillingClient, flt: Filter = {}): Promise<Agreement[]> {
  const filter = validateInput(client.system, 'getAgreements', filterSchema, flt);
  // No public api3 reference; modelled on lbapi__getAgreements in api3.wsdl (API3_WSDL_DOC in ../schemas.ts).
  const answer = await client.call('getAgreements', { flt: filter }, listResponse(agreementSchema));
  return answer.ret;
}
