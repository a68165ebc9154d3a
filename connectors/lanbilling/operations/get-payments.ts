import { z } from 'zod';
import type { LanbillingClient } from '../client';
import { Filter, filterSchema, id, listResponse, long, text, validateInput } from '../schemas';

/** soapPaymentFull: the elements subsync reads. */
export const paymentRecordSchema = z.object({
  pay: z.object({
    recordid: long().pipe(id),
    agrmid: id,
    classid: long(),
    amount: z.number(),
    paydate: text(),
    receipt: text(),
    comment: text(),
  }),
  uid: long(),
  agrm: text(),
});
export type PaymentRecord = z.output<typeof paymentRecordSchema>;

/** Built once: a zod schema compiles itself on its first use. */
const paymentRecordAnswer = listResponse(paymentRecordSchema);

/** Payments (and withdrawals) selected by `flt` (agrmid, userid, recordid, receipt) or all. */
export async function getPayments(client: LanbillingClient, flt: Filter = {}): Promise<PaymentRecord[]> {
  const filter = validateInput(client.system, 'getPayments', filterSchema, flt);
  // No public api3 reference; lbapi:getPayments(flt, ord) → soapPaymentFull[] in api3.wsdl (API3_WSDL_DOC in ../schemas.ts).
  const answer = await client.call('getPayments', { flt: filter }, paymentRecordAnswer);
  return answer.ret;
}
