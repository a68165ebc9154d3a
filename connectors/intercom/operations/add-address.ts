import { z } from 'zod';
import { IntercomClient, parseInput } from '../client';
import { Address, addressInputSchema, addressSchema, idempotencyKeySchema } from '../schemas';

const inputSchema = z.object({ clientId: z.string().min(1), address: addressInputSchema, idempotencyKey: idempotencyKeySchema });

/** Adds an address (one billing account) to an existing profile: this is how an account is linked. */
export async function addAddress(client: IntercomClient, input: z.input<typeof inputSchema>): Promise<Address> {
  const { clientId, address, idempotencyKey } = parseInput('addAddress', inputSchema, input);
  // No public API doc (Intersvyaz); modelled REST API: POST /api/v1/clients/:id/addresses, see connectors/intercom/README.md.
  return client.call('addAddress', { method: 'POST', url: `/clients/${encodeURIComponent(clientId)}/addresses`, data: address, idempotencyKey }, addressSchema);
}
