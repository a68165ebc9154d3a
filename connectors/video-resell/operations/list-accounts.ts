import { z } from 'zod';
import { parseInput, VideoResellClient } from '../client';
import { AccountRecord, accountSchema, many } from '../schemas';

const inputSchema = z.object({ customerId: z.string().min(1) });

/** Every account of the customer (the account's subscriber). */
export async function listAccounts(client: VideoResellClient, input: z.input<typeof inputSchema>): Promise<AccountRecord[]> {
  const { customerId } = parseInput('listAccounts', inputSchema, input);
  // Vendor doc: https://docs.streamwise.app/docs/administration/accounts (GET /accounts, subscriber_id) and https://docs.streamwise.app/docs/api/resources (search, limit=0).
  return client.call('listAccounts', { method: 'GET', url: '/accounts', params: { search: `subscriber_id:${customerId}`, limit: 0 } }, many(accountSchema));
}
