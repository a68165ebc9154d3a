import type { NeoTvClient } from '../client';
import { userEnvelope } from '../schemas';

export async function removeExtraPackage(client: NeoTvClient, id: number, packageCode: string, idempotencyKey: string): Promise<void> {
  // No public NEO TV push API reference (HubSoft documents only its callback model, see README); modelled: DELETE /neo/api/users/{id}/pacotes-adicionais/{codigo}.
  await client.request('removeExtraPackage', { method: 'DELETE', path: `/users/${id}/pacotes-adicionais/${encodeURIComponent(packageCode)}`, idempotencyKey }, userEnvelope);
}
