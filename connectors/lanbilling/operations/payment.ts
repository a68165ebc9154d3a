import { z } from 'zod';
import type { LanbillingClient } from '../client';
import { compact, id, idResponse, lbDate, validateInput } from '../schemas';

export const paymentInputSchema = z
  .object({
    agrmid: id,
    /** Positive: a payment; negative: a charge (withdrawal). */
    amount: z.number().finite().refine((v) => v !== 0, 'must not be zero'),
    /** The payment's document number; subsync puts its idempotency key here and looks it up with getPayments. */
    receipt: z.string().min(1),
    comment: z.string().optional(),
    classid: z.number().int().nonnegative().optional(),
    paydate: lbDate.optional(),
  })
  .strict();
export type PaymentInput = z.input<typeof paymentInputSchema>;

/** Books a payment (or, with a negative amount, a withdrawal) on an agreement; returns its recordid. */
export async function payment(client: LanbillingClient, input: PaymentInput): Promise<number> {
  const val = validateInput(client.system, 'Payment', paymentInputSchema, input);
  // No public api3 reference; lbapi:Payment(val: soapPayment) in api3.wsdl (API3_WSDL_DOC in ../schemas.ts).
  const answer = await client.call('Payment', { val: compact(val) }, idResponse);
  return answer.ret;
}
