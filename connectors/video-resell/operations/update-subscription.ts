import { z } from 'zod';
import { parseInput, VideoResellClient } from '../client';
import { one, SubscriptionRecord, subscriptionSchema } from '../schemas';

const inputSchema = z.object({ subscriptionId: z.string().min(1), changes: z.object({ status: z.enum(['active', 'inactive', 'canceled', 'suspended', 'terminated']) }) });

export async function updateSubscription(client: VideoResellClient, input: z.input<typeof inputSchema>): Promise<SubscriptionRecord> {
  const { subscriptionId, changes } = parseInput('updateSubscription', inputSchema, input);
  // Vendor doc: https://docs.streamwise.app/docs/administration/subscriptions (PATCH /subscriptions/{subscriptionId}).
  return client.call('updateSubscription', { method: 'PATCH', url: `/subscriptions/${encodeURIComponent(subscriptionId)}`, data: changes }, one(subscriptionSchema));
}
