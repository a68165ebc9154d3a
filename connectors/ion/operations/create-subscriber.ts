import { z } from 'zod';
import { outgoing } from '../../tv/http';
import type { IonClient } from '../client';
import { IonSubscriber, subscriberSchema } from '../schemas';

const body = z.object({ username: z.string().min(1), full_name: z.string().optional(), reference: z.string().min(1) });

export async function createSubscriber(client: IonClient, input: { login: string; name?: string; externalId: string; idempotencyKey: string }): Promise<IonSubscriber> {
  const data = outgoing(client.system, 'createSubscriber', body, { username: input.login, full_name: input.name, reference: input.externalId });
  // No public ION API reference; modelled (see README): POST /v1/subscribers.
  return client.request('createSubscriber', { method: 'POST', path: '/subscribers', body: data, idempotencyKey: input.idempotencyKey }, subscriberSchema);
}
