import { z } from 'zod';
import type { LanbillingClient } from '../client';
import { double, Filter, filterSchema, id, list, listResponse, long, text, validateInput } from '../schemas';

/** soapAccountsListItem: the абонент (soapAccountBrief) with its agreements (soapAgreementBrief). */
export const accountListItemSchema = z.object({
  account: z.object({ uid: id, vgcnt: long(), type: long(), login: text(), name: text(), descr: text(), email: text(), phone: text(), mobile: text() }),
  agreements: list(z.object({ agrmid: long().pipe(id), balance: double(), number: text(), date: text() })),
});
export type AccountListItem = z.output<typeof accountListItemSchema>;

/** Built once: a zod schema compiles itself on its first use. */
const accountListItemAnswer = listResponse(accountListItemSchema);

/** Абоненты with their agreements, selected by `flt` (userid, login) or all. */
export async function getAccounts(client: LanbillingClient, flt: Filter = {}): Promise<AccountListItem[]> {
  const filter = validateInput(client.system, 'getAccounts', filterSchema, flt);
  // No public api3 reference; lbapi:getAccounts(flt, ord) → soapAccountsListItem[] in api3.wsdl (API3_WSDL_DOC in ../schemas.ts).
  const answer = await client.call('getAccounts', { flt: filter }, accountListItemAnswer);
  return answer.ret;
}
