import { z } from 'zod';
import type { LanbillingClient } from '../client';
import { Filter, filterSchema, id, listResponse, validateInput } from '../schemas';

export const paymentRecordSchema = z.object({
  pay: z.object({
    recordid: id,
    agrmid: id,
    classid: z.number().int().default(0),
    amount: z.number(),
    paydate: z.string().default(''),
    receipt: z.string().default(''),
    comment: z.string().default(''),
  }),
  uid: z.number().int().default(0),
  agrm: z.string().default(''),
});
export type PaymentRecord = z.output<typeof paymentRecordSchema>;

/** Payments (and withdrawals) selected by `flt` (agrmid, userid) or all. */
export async function getPayments(client: LanbillingClient, flt: Filter = {}): Promise<PaymentRecord[]> {
  const filter = validateInput(client.system, 'getPayments', filterSchema, flt);
  // No public api3 reference; modelled on lbapi__getPayments in api3.wsdl (API3_WSDL_DOC in ../schemas.ts).
  const answer = await client.call('getPayments', { flt: filter }, listResponse(paymentRecordSchema));
  return answer.ret;
}
