import { z } from 'zod';
import { parseInput, VideoResellClient } from '../client';
import { CustomerRecord, customerSchema, one } from '../schemas';

const inputSchema = z.object({
  customer_type: z.enum(['business', 'personal']),
  first_name: z.string().min(1).max(100),
  last_name: z.string().min(1).max(100),
  email: z.email(),
  company_name: z.string().min(1).max(200).optional(),
  country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code'),
  language: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'must be an ISO 639-1 code').optional(),
  customer_metadata: z.record(z.string(), z.unknown()).optional(),
});

/**
 * Creates a customer; the platform makes (or associates) the user with the customer's e-mail as
 * its owner. A taken e-mail answers 422 (PermanentError 'validation' naming email).
 */
export async function createCustomer(client: VideoResellClient, input: z.input<typeof inputSchema>): Promise<CustomerRecord> {
  const body = parseInput('createCustomer', inputSchema, input);
  // Vendor doc: https://docs.streamwise.app/docs/administration/customers (POST /customers, minimum customer profile).
  return client.call('createCustomer', { method: 'POST', url: '/customers', data: body }, one(customerSchema));
}
