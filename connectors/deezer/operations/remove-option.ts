import type { DeezerClient } from '../client';
import { accountSchema, type DeezerAccount } from '../schemas';

export async function removeOption(client: DeezerClient, id: number, packageCode: string, idempotencyKey: string): Promise<DeezerAccount> {
  // Deezer's public API (developers.deezer.com) covers the catalogue, not operator provisioning; the partner API Cariap resells is not public, so modelled: DELETE /partner/v1/accounts/{id}/options/{option}.
  return client.request('removeExtraPackage', { method: 'DELETE', path: `/accounts/${id}/options/${encodeURIComponent(packageCode)}`, idempotencyKey }, accountSchema);
}
