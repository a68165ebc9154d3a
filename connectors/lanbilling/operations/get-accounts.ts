import { z } from 'zod';
import type { LanbillingClient } from '../client';
import { Filter, filterSchema, id, list, listResponse, validateInput } from '../schemas';

const text = z.string().default('');

export const accountListItemSchema = z.object({
  account: z.object({ uid: id, vgcnt: z.number().int(), type: z.number().int(), login: text, name: text, descr: text, email: text, phone: text, mobile: text }),
  agreements: list(z.object({ agrmid: id, balance: z.number(), number: z.string() })),
});
export type AccountListItem = z.output<typeof accountListItemSchema>;

/** Абоненты with their agreements, selected by `flt` (userid) or all. */
export async function getAccounts(client: LanbillingClient, flt: Filter = {}): Promise<AccountListItem[]> {
  const filter = validateInput(client.system, 'getAccounts', filterSchema, flt);
  // No public api3 reference; modelled on lbapi__getAccounts in api3.wsdl (API3_WSDL_DOC in ../schemas.ts).
  const answer = await client.call('getAccounts', { flt: filter }, listResponse(accountListItemSchema));
  return answer.ret;
}
