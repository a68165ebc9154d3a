import { z } from 'zod';
import { parseInput, VideoResellClient } from '../client';
import { associatedUserSchema, many } from '../schemas';

const inputSchema = z.object({ accountId: z.string().min(1), user_id: z.string().min(1), permissions: z.array(z.string().min(1)).default([]), owner: z.boolean().default(false) });

/** Associates a user with the account with these permissions; `owner: true` makes the user the account's one owner. Repeating it changes nothing. */
export async function associateAccountUser(client: VideoResellClient, input: z.input<typeof inputSchema>): Promise<z.output<typeof associatedUserSchema>[]> {
  const { accountId, ...body } = parseInput('associateAccountUser', inputSchema, input);
  // Vendor doc: https://docs.streamwise.app/docs/administration/accounts (/accounts/{account_id}/users) and https://docs.streamwise.app/docs/administration/customers (owner attribute).
  return client.call('associateAccountUser', { method: 'POST', url: `/accounts/${encodeURIComponent(accountId)}/users`, data: body }, many(associatedUserSchema));
}
