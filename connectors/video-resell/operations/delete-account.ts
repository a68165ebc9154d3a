import { z } from 'zod';
import { parseInput, VideoResellClient } from '../client';

const inputSchema = z.object({ accountId: z.string().min(1) });

/** Deletes the account with its rooms; only accounts with status inactive can be deleted. */
export async function deleteAccount(client: VideoResellClient, input: z.input<typeof inputSchema>): Promise<void> {
  const { accountId } = parseInput('deleteAccount', inputSchema, input);
  // Vendor doc: https://docs.streamwise.app/docs/administration/accounts (DELETE /accounts/{account_id}, inactive only).
  await client.call('deleteAccount', { method: 'DELETE', url: `/accounts/${encodeURIComponent(accountId)}` }, z.unknown());
}
