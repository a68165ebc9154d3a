import type { NeoTvClient } from '../client';
import { userEnvelope, type NeoTvUser } from '../schemas';

export async function removeExtraPackage(client: NeoTvClient, id: number, packageCode: string, idempotencyKey: string): Promise<NeoTvUser> {
  // No public NEO TV push API reference (HubSoft documents only its callback model, see README); modelled: DELETE /neo/api/users/{id}/pacotes-adicionais/{codigo}.
  return (await client.request('removeExtraPackage', { method: 'DELETE', path: `/users/${id}/pacotes-adicionais/${encodeURIComponent(packageCode)}`, idempotencyKey }, userEnvelope)).user;
}
