import type { LanbillingClient } from '../client';
import { id, longResponse, validateInput } from '../schemas';

/** Deletes (archives) a vgroup: it is switched off and its periodic services end. */
export async function delVgroup(client: LanbillingClient, vgid: number): Promise<void> {
  const valid = validateInput(client.system, 'delVgroup', id, vgid);
  // No public api3 reference; lbapi:delVgroup(id) in api3.wsdl (API3_WSDL_DOC in ../schemas.ts).
  await client.call('delVgroup', { id: valid }, longResponse);
}
