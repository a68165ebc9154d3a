import { z } from 'zod';
import { outgoing } from '../../tv/http';
import type { NeoTvClient } from '../client';
import { userEnvelope, type NeoTvUser } from '../schemas';

const body = z.object({ status: z.enum(['ativo', 'suspenso']) });

export async function setStatus(client: NeoTvClient, id: number, status: 'active' | 'suspended', idempotencyKey: string): Promise<NeoTvUser> {
  const data = outgoing(client.system, 'setStatus', body, { status: status === 'active' ? 'ativo' : 'suspenso' });
  // No public NEO TV push API reference (HubSoft documents only its callback model, see README); modelled: PUT /neo/api/users/{id}/status.
  return (await client.request('setStatus', { method: 'PUT', path: `/users/${id}/status`, body: data, idempotencyKey }, userEnvelope)).user;
}
