import { z } from 'zod';
import type { LanbillingClient } from '../client';
import { double, Filter, filterSchema, id, listResponse, long, text, validateInput } from '../schemas';

/** soapAgreement: the elements subsync reads. */
export const agreementSchema = z.object({
  agrmid: id,
  uid: id,
  operid: long(),
  curid: long(),
  balance: double(),
  credit: double(),
  number: text(),
  date: text(),
});
export type Agreement = z.output<typeof agreementSchema>;

/** Built once: a zod schema compiles itself on its first use. */
const agreementAnswer = listResponse(agreementSchema);

/** Договоры selected by `flt` (agrmid, userid, agrmnum) or all. */
export async function getAgreements(client: LanbillingClient, flt: Filter = {}): Promise<Agreement[]> {
  const filter = validateInput(client.system, 'getAgreements', filterSchema, flt);
  // No public api3 reference; lbapi:getAgreements(flt, ord) → soapAgreement[] in api3.wsdl (API3_WSDL_DOC in ../schemas.ts).
  const answer = await client.call('getAgreements', { flt: filter }, agreementAnswer);
  return answer.ret;
}
