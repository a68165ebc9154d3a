import type { LanbillingClient } from '../client';
import { id, longResponse, validateInput } from '../schemas';

/** Removes a periodic service from its vgroup. */
export async function delUsboxService(client: LanbillingClient, servid: number): Promise<void> {
  const valid = validateInput(client.system, 'delUsboxService', id, servid);
  // No public api3 reference; lbapi:delUsboxService(id) in api3.wsdl (API3_WSDL_DOC in ../schemas.ts).
  await client.call('delUsboxService', { id: valid }, longResponse);
}
