import { z } from 'zod';
import { outgoing } from '../../tv/http';
import type { BeeniusClient } from '../client';
import { BeeniusSubscriber, subscriberSchema } from '../schemas';

const createBody = z.object({
  username: z.string().min(1),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  externalId: z.string().min(1),
});

/** Creates the subscriber; Beenius answers with its numeric id and the auth PIN its set-top boxes ask for. */
export async function createSubscriber(
  client: BeeniusClient,
  input: { login: string; name?: string; externalId: string; idempotencyKey: string },
): Promise<BeeniusSubscriber> {
  const [firstName, ...rest] = (input.name ?? '').trim().split(/\s+/);
  const body = outgoing(client.system, 'createSubscriber', createBody, { username: input.login, firstName: firstName || undefined, lastName: rest.join(' ') || undefined, externalId: input.externalId });
  // No public Beenius reference; modelled (see README): POST /restapi/rest/1/subscribers.
  return client.request('createSubscriber', { method: 'POST', path: '/subscribers', body, idempotencyKey: input.idempotencyKey }, subscriberSchema);
}
