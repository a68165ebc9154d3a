import type { NeoTvClient } from '../client';
import { userEnvelope, type NeoTvUser } from '../schemas';

export async function removePoint(client: NeoTvClient, id: number, casn: string, idempotencyKey: string): Promise<NeoTvUser> {
  // No public NEO TV push API reference (HubSoft documents only its callback model, see README); modelled: DELETE /neo/api/users/{id}/pontos/{casn}.
  return (await client.request('unbindDevice', { method: 'DELETE', path: `/users/${id}/pontos/${encodeURIComponent(casn)}`, idempotencyKey }, userEnvelope)).user;
}
