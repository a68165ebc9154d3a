import { z } from 'zod';
import type { IonClient } from '../client';
import { IonSubscriber, subscriberSchema } from '../schemas';

export async function findSubscriber(client: IonClient, login: string): Promise<IonSubscriber | null> {
  // No public ION API reference; modelled (see README): GET /v1/subscribers?username=<RADIUS login>.
  const res = await client.request('findSubscriber', { method: 'GET', path: '/subscribers', params: { username: login } }, z.object({ items: z.array(subscriberSchema), total: z.number() }));
  return res.items.find((s) => s.username === login) ?? null;
}
