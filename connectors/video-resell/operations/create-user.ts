import { z } from 'zod';
import { parseInput, VideoResellClient } from '../client';
import { one, userSchema } from '../schemas';

const inputSchema = z.object({ email: z.email(), first_name: z.string().min(1).max(100), last_name: z.string().min(1).max(100) });

/** Creates a platform user (a person who can log in); a taken e-mail answers 422. */
export async function createUser(client: VideoResellClient, input: z.input<typeof inputSchema>): Promise<z.output<typeof userSchema>> {
  const body = parseInput('createUser', inputSchema, input);
  // Vendor doc: https://docs.streamwise.app/docs/administration/users (POST /users is assumed: the page is marked work in progress).
  return client.call('createUser', { method: 'POST', url: '/users', data: body }, one(userSchema));
}
