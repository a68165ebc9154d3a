import { noContent } from '../../tv/http';
import type { DeezerClient } from '../client';

export async function deleteAccount(client: DeezerClient, id: number, idempotencyKey: string): Promise<void> {
  // Deezer's public API (developers.deezer.com) covers the catalogue, not operator provisioning; the partner API Cariap resells is not public, so modelled: DELETE /partner/v1/accounts/{id}.
  await client.request('removeSubscriber', { method: 'DELETE', path: `/accounts/${id}`, idempotencyKey }, noContent);
}
