import { z } from 'zod';
import { parseInput, VideoResellClient } from '../client';

const inputSchema = z.object({ subscriptionId: z.string().min(1) });

/** Deletes a subscription with its accounts and rooms; only inactive subscriptions can be deleted. */
export async function deleteSubscription(client: VideoResellClient, input: z.input<typeof inputSchema>): Promise<void> {
  const { subscriptionId } = parseInput('deleteSubscription', inputSchema, input);
  // Vendor doc: https://docs.streamwise.app/docs/administration/subscriptions (DELETE /subscriptions/{subscriptionId}, inactive only).
  await client.call('deleteSubscription', { method: 'DELETE', url: `/subscriptions/${encodeURIComponent(subscriptionId)}` }, z.unknown());
}
