import { z } from 'zod';
import { parseInput, VideoResellClient } from '../client';
import { CustomerRecord, customerSchema, one } from '../schemas';

const inputSchema = z.object({ customerId: z.string().min(1) });

export async function getCustomer(client: VideoResellClient, input: z.input<typeof inputSchema>): Promise<CustomerRecord> {
  const { customerId } = parseInput('getCustomer', inputSchema, input);
  // Vendor doc: https://docs.streamwise.app/docs/administration/customers (GET /customers/{customer_id}).
  return client.call('getCustomer', { method: 'GET', url: `/customers/${encodeURIComponent(customerId)}` }, one(customerSchema));
}
