import { z } from 'zod';
import { IntercomClient, parseInput } from '../client';
import { Address, addressSchema, capabilitySchema, idempotencyKeySchema } from '../schemas';

const inputSchema = z.object({
  clientId: z.string().min(1),
  addressId: z.string().min(1),
  capabilities: z.array(capabilitySchema),
  idempotencyKey: idempotencyKeySchema,
});

/** Replaces the address's capabilities with exactly this set. */
export async function setAddressCapabilities(client: IntercomClient, input: z.input<typeof inputSchema>): Promise<Address> {
  const { clientId, addressId, capabilities, idempotencyKey } = parseInput('setCapabilities', inputSchema, input);
  // No public API doc (Intersvyaz); modelled REST API: PUT /api/v1/clients/:id/addresses/:addressId/capabilities, see connectors/intercom/README.md.
  const url = `/clients/${encodeURIComponent(clientId)}/addresses/${encodeURIComponent(addressId)}/capabilities`;
  return client.call('setCapabilities', { method: 'PUT', url, data: { capabilities }, idempotencyKey }, addressSchema);
}
