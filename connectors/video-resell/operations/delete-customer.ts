import { z } from 'zod';
import { parseInput, VideoResellClient } from '../client';

const inputSchema = z.object({ customerId: z.string().min(1) });

/** Deletes a customer and all its data; the platform only deletes customers with status terminated. */
export async function deleteCustomer(client: VideoResellClient, input: z.input<typeof inputSchema>): Promise<void> {
  const { customerId } = parseInput('deleteCustomer', inputSchema, input);
  // Vendor doc: https://docs.streamwise.app/docs/administration/customers (DELETE /customers/{customer_id}, terminated only).
  await client.call('deleteCustomer', { method: 'DELETE', url: `/customers/${encodeURIComponent(customerId)}` }, z.unknown());
}
