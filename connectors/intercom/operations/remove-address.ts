import { z } from 'zod';
import { IntercomClient, parseInput } from '../client';
import { idempotencyKeySchema } from '../schemas';

const inputSchema = z.object({ clientId: z.string().min(1), addressId: z.string().min(1), idempotencyKey: idempotencyKeySchema });

/** Removes one address from a profile; an unknown address answers 404 (PermanentError 'not_found'). */
export async function removeAddress(client: IntercomClient, input: z.input<typeof inputSchema>): Promise<void> {
  const { clientId, addressId, idempotencyKey } = parseInput('removeAddress', inputSchema, input);
  // No public API doc (Intersvyaz); modelled REST API: DELETE /api/v1/clients/:id/addresses/:addressId (204), see connectors/intercom/README.md.
  const url = `/clients/${encodeURIComponent(clientId)}/addresses/${encodeURIComponent(addressId)}`;
  await client.call('removeAddress', { method: 'DELETE', url, idempotencyKey }, z.unknown());
}
