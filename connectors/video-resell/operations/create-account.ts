import { z } from 'zod';
import { parseInput, VideoResellClient } from '../client';
import { AccountRecord, accountSchema, one } from '../schemas';

const inputSchema = z.object({
  subscription_id: z.string().min(1),
  account_name: z.string().min(1).max(200),
  account_key: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'must be lower-case letters, digits and dashes'),
  account_metadata: z.record(z.string(), z.unknown()).optional(),
});

/** Creates an account bound to the subscription; its owner is the customer's owner user. A taken key answers 422. */
export async function createAccount(client: VideoResellClient, input: z.input<typeof inputSchema>): Promise<AccountRecord> {
  const body = parseInput('createAccount', inputSchema, input);
  // Vendor doc: https://docs.streamwise.app/docs/administration/accounts (POST /accounts).
  return client.call('createAccount', { method: 'POST', url: '/accounts', data: body }, one(accountSchema));
}
