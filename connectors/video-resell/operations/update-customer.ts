import { z } from 'zod';
import { parseInput, VideoResellClient } from '../client';
import { CustomerRecord, customerSchema, one } from '../schemas';

const inputSchema = z.object({ customerId: z.string().min(1), changes: z.object({ status: z.enum(['active', 'inactive', 'suspended', 'terminated']).optional() }) });

export async function updateCustomer(client: VideoResellClient, input: z.input<typeof inputSchema>): Promise<CustomerRecord> {
  const { customerId, changes } = parseInput('updateCustomer', inputSchema, input);
  // Vendor doc: https://docs.streamwise.app/docs/administration/customers (PATCH /customers/{customer_id}).
  return client.call('updateCustomer', { method: 'PATCH', url: `/customers/${encodeURIComponent(customerId)}`, data: changes }, one(customerSchema));
}
