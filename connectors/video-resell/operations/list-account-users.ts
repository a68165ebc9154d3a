import { z } from 'zod';
import { parseInput, VideoResellClient } from '../client';
import { associatedUserSchema, many } from '../schemas';

const inputSchema = z.object({ accountId: z.string().min(1) });

/** The account's users with their permissions and which one is the owner. */
export async function listAccountUsers(client: VideoResellClient, input: z.input<typeof inputSchema>): Promise<z.output<typeof associatedUserSchema>[]> {
  const { accountId } = parseInput('listAccountUsers', inputSchema, input);
  // Vendor doc: https://docs.streamwise.app/docs/administration/accounts (/accounts/{account_id}/users).
  return client.call('listAccountUsers', { method: 'GET', url: `/accounts/${encodeURIComponent(accountId)}/users`, params: { limit: 0 } }, many(associatedUserSchema));
}
