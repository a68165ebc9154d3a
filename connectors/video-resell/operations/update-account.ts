import { z } from 'zod';
import { parseInput, VideoResellClient } from '../client';
import { AccountRecord, accountSchema, one } from '../schemas';

const inputSchema = z.object({
  accountId: z.string().min(1),
  changes: z.object({ account_name: z.string().min(1).max(200).optional(), status: z.enum(['active', 'inactive', 'suspended', 'terminated']).optional() }),
});

/** Renames the account or changes its status (active, suspended, inactive before deletion). */
export async function updateAccount(client: VideoResellClient, input: z.input<typeof inputSchema>): Promise<AccountRecord> {
  const { accountId, changes } = parseInput('updateAccount', inputSchema, input);
  // Vendor doc: https://docs.streamwise.app/docs/administration/accounts (PATCH /accounts/{account_id}).
  return client.call('updateAccount', { method: 'PATCH', url: `/accounts/${encodeURIComponent(accountId)}`, data: changes }, one(accountSchema));
}
