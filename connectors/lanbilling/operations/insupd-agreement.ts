import { z } from 'zod';
import type { LanbillingClient } from '../client';
import { compact, id, idResponse, lbDate, validateInput } from '../schemas';

/** soapAgreement: the elements subsync writes (agrmid, uid, operid and curid are required there). */
export const agreementInputSchema = z
  .object({
    agrmid: id.optional(),
    uid: id,
    /** The operator (the ISP's legal entity) the agreement is with. */
    operid: id,
    /** Currency of the agreement. */
    curid: id,
    /** Opening balance; taken on insert only, afterwards money moves through Payment. */
    balance: z.number().finite().optional(),
    credit: z.number().nonnegative().optional(),
    number: z.string().min(1),
    date: lbDate.optional(),
  })
  .strict();
export type AgreementInput = z.input<typeof agreementInputSchema>;

/** Creates the договор when `agrmid` is absent, else updates it; returns its agrmid. */
export async function insupdAgreement(client: LanbillingClient, agreement: AgreementInput): Promise<number> {
  const val = validateInput(client.system, 'insupdAgreement', agreementInputSchema, agreement);
  // No public api3 reference; lbapi:insupdAgreement(isInsert, val: soapAgreement) in api3.wsdl (API3_WSDL_DOC in ../schemas.ts).
  const answer = await client.call('insupdAgreement', { isInsert: val.agrmid === undefined ? 1 : 0, val: compact({ ...val, agrmid: val.agrmid ?? 0 }) }, idResponse);
  return answer.ret;
}
