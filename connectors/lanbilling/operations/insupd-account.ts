import { z } from 'zod';
import type { LanbillingClient } from '../client';
import { compact, id, idResponse, validateInput } from '../schemas';

/** soapAccount: the elements subsync writes (uid, type, login and pass are required there; absent ones go as 0 and ""). */
export const accountInputSchema = z
  .object({
    uid: id.optional(),
    /** 1 legal entity, 2 natural person. */
    type: z.union([z.literal(1), z.literal(2)]),
    /** The абонент's own login (personal cabinet); "" for none. */
    login: z.string().default(''),
    pass: z.string().default(''),
    name: z.string().min(1),
    descr: z.string().optional(),
    phone: z.string().optional(),
    email: z.string().optional(),
    mobile: z.string().optional(),
  })
  .strict();
export type AccountInput = z.input<typeof accountInputSchema>;

/** Creates the абонент when `uid` is absent, else updates it; returns its uid. */
export async function insupdAccount(client: LanbillingClient, account: AccountInput): Promise<number> {
  const val = validateInput(client.system, 'insupdAccount', accountInputSchema, account);
  // No public api3 reference; lbapi:insupdAccount(isInsert, val: soapAccountFull) in api3.wsdl (API3_WSDL_DOC in ../schemas.ts).
  const answer = await client.call(
    'insupdAccount',
    { isInsert: val.uid === undefined ? 1 : 0, val: { account: compact({ ...val, uid: val.uid ?? 0 }) } },
    idResponse,
  );
  return answer.ret;
}
