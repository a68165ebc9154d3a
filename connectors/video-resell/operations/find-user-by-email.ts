import { z } from 'zod';
import { parseInput, VideoResellClient } from '../client';
import { many, userSchema } from '../schemas';

const inputSchema = z.object({ email: z.email() });

export async function findUserByEmail(client: VideoResellClient, input: z.input<typeof inputSchema>): Promise<z.output<typeof userSchema> | undefined> {
  const { email } = parseInput('findUserByEmail', inputSchema, input);
  // Vendor doc: https://docs.streamwise.app/docs/administration/users (users; the list endpoint is assumed to follow https://docs.streamwise.app/docs/api/resources).
  const found = await client.call('findUserByEmail', { method: 'GET', url: '/users', params: { search: `email:${email}`, limit: 2 } }, many(userSchema));
  return found.find((u) => u.email.toLowerCase() === email.toLowerCase());
}
