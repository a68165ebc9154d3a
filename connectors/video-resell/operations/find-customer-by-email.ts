import { z } from 'zod';
import { parseInput, VideoResellClient } from '../client';
import { CustomerRecord, customerSchema, many } from '../schemas';

const inputSchema = z.object({ email: z.email() });

/** The customer whose e-mail (the platform's primary identifier of a customer) is `email`, if any. */
export async function findCustomerByEmail(client: VideoResellClient, input: z.input<typeof inputSchema>): Promise<CustomerRecord | undefined> {
  const { email } = parseInput('findCustomerByEmail', inputSchema, input);
  // Vendor doc: https://docs.streamwise.app/docs/administration/customers (GET /customers) and https://docs.streamwise.app/docs/api/resources (search=field:value).
  const found = await client.call('findCustomerByEmail', { method: 'GET', url: '/customers', params: { search: `email:${email}`, limit: 2 } }, many(customerSchema));
  return found.find((c) => c.email.toLowerCase() === email.toLowerCase());
}
