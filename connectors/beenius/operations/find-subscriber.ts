import type { BeeniusClient } from '../client';
import { BeeniusSubscriber, listOf, subscriberSchema } from '../schemas';

export async function findSubscriber(client: BeeniusClient, login: string): Promise<BeeniusSubscriber | null> {
  // No public Beenius reference; modelled (see README): GET /restapi/rest/1/subscribers?username=<RADIUS login>.
  const res = await client.request('findSubscriber', { method: 'GET', path: '/subscribers', query: { username: login } }, listOf(subscriberSchema));
  return res.list.find((s) => s.username === login) ?? null;
}
