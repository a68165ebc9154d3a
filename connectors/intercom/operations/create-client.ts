import { z } from 'zod';
import { IntercomClient, parseInput } from '../client';
import { addressInputSchema, idempotencyKeySchema, Profile, profileSchema } from '../schemas';

const inputSchema = z.object({
  login: z.string().min(1),
  /** Created together with the profile, so a new profile never exists without its first address. */
  address: addressInputSchema,
  idempotencyKey: idempotencyKeySchema,
});

/** Creates a client profile with its first address. A taken login answers 409 (PermanentError 'conflict'). */
export async function createClient(client: IntercomClient, input: z.input<typeof inputSchema>): Promise<Profile> {
  const { login, address, idempotencyKey } = parseInput('createClient', inputSchema, input);
  // No public API doc (Intersvyaz); modelled REST API: POST /api/v1/clients, see connectors/intercom/README.md.
  return client.call('createClient', { method: 'POST', url: '/clients', data: { login, addresses: [address] }, idempotencyKey }, profileSchema);
}
