import { z } from 'zod';
import { IntercomClient, parseInput } from '../client';
import { Profile, profileSchema } from '../schemas';

const inputSchema = z.object({ login: z.string().min(1) });
const responseSchema = z.object({ items: z.array(profileSchema).max(1) });

/** The profile whose login is `login` (logins are unique on the platform), if any. */
export async function findClientByLogin(client: IntercomClient, input: z.input<typeof inputSchema>): Promise<Profile | undefined> {
  const { login } = parseInput('findClients', inputSchema, input);
  // No public API doc (Intersvyaz); modelled REST API: GET /api/v1/clients?login=<login>, see connectors/intercom/README.md.
  const { items } = await client.call('findClients', { method: 'GET', url: '/clients', params: { login } }, responseSchema);
  return items[0];
}
