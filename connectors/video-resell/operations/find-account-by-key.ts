import { z } from 'zod';
import { parseInput, VideoResellClient } from '../client';
import { AccountRecord, accountSchema, many } from '../schemas';

const inputSchema = z.object({ accountKey: z.string().min(1) });

/** The account with this key (account keys are unique on the platform), if any. */
export async function findAccountByKey(client: VideoResellClient, input: z.input<typeof inputSchema>): Promise<AccountRecord | undefined> {
  const { accountKey } = parseInput('findAccountByKey', inputSchema, input);
  // Vendor doc: https://docs.streamwise.app/docs/administration/accounts (GET /accounts, account_key) and https://docs.streamwise.app/docs/api/resources (search).
  const found = await client.call('findAccountByKey', { method: 'GET', url: '/accounts', params: { search: `account_key:${accountKey}`, limit: 2 } }, many(accountSchema));
  return found.find((a) => a.account_key === accountKey);
}
