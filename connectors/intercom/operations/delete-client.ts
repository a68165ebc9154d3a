import { z } from 'zod';
import { IntercomClient, parseInput } from '../client';
import { idempotencyKeySchema } from '../schemas';

const inputSchema = z.object({ clientId: z.string().min(1), idempotencyKey: idempotencyKeySchema });

/** Deletes a profile. The platform refuses (409, PermanentError 'conflict') while it still has addresses. */
export async function deleteClient(client: IntercomClient, input: z.input<typeof inputSchema>): Promise<void> {
  const { clientId, idempotencyKey } = parseInput('deleteClient', inputSchema, input);
  // No public API doc (Intersvyaz); modelled REST API: DELETE /api/v1/clients/:id (204), see connectors/intercom/README.md.
  await client.call('deleteClient', { method: 'DELETE', url: `/clients/${encodeURIComponent(clientId)}`, idempotencyKey }, z.unknown());
}
