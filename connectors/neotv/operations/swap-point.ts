import { z } from 'zod';
import { outgoing } from '../../tv/http';
import type { NeoTvClient } from '../client';
import { userEnvelope, type NeoTvUser } from '../schemas';

const body = z.object({ novo_casn: z.string().min(1) });

/** "Trocar ponto": the point keeps its local, the box changes. */
export async function swapPoint(client: NeoTvClient, id: number, oldCasn: string, newCasn: string, idempotencyKey: string): Promise<NeoTvUser> {
  const data = outgoing(client.system, 'swapDevice', body, { novo_casn: newCasn });
  // No public NEO TV push API reference (HubSoft documents only its callback model, see README); modelled: PUT /neo/api/users/{id}/pontos/{casn}.
  return (await client.request('swapDevice', { method: 'PUT', path: `/users/${id}/pontos/${encodeURIComponent(oldCasn)}`, body: data, idempotencyKey }, userEnvelope)).user;
}
