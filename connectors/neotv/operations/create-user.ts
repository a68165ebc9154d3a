import { z } from 'zod';
import { outgoing } from '../../tv/http';
import type { NeoTvClient } from '../client';
import { NeoTvUser, userEnvelope } from '../schemas';

const body = z.object({ radius_login: z.string().min(1), nome: z.string().optional(), codigo_externo: z.string().min(1) });

export async function createUser(client: NeoTvClient, input: { login: string; name?: string; externalId: string; idempotencyKey: string }): Promise<NeoTvUser> {
  const data = outgoing(client.system, 'createSubscriber', body, { radius_login: input.login, nome: input.name, codigo_externo: input.externalId });
  // No public NEO TV push API reference (HubSoft documents only its callback model, see README); modelled: POST /neo/api/users.
  return (await client.request('createSubscriber', { method: 'POST', path: '/users', body: data, idempotencyKey: input.idempotencyKey }, userEnvelope)).user;
}
