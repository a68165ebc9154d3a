import { z } from 'zod';
import type { NeoTvClient } from '../client';
import { NeoTvUser, userSchema } from '../schemas';

export async function findUser(client: NeoTvClient, login: string): Promise<NeoTvUser | null> {
  // No public NEO TV push API reference (HubSoft documents only its callback model, see README); modelled: GET /neo/api/users?radius_login=.
  const res = await client.request('findSubscriber', { method: 'GET', path: '/users', params: { radius_login: login } }, z.object({ users: z.array(userSchema) }));
  return res.users.find((u) => u.radius_login === login) ?? null;
}
