import { z } from 'zod';
import { parseInput, VideoResellClient } from '../client';
import { one, SubscriptionRecord, subscriptionSchema } from '../schemas';

const inputSchema = z.object({ subscriptionId: z.string().min(1) });

export async function getSubscription(client: VideoResellClient, input: z.input<typeof inputSchema>): Promise<SubscriptionRecord> {
  const { subscriptionId } = parseInput('getSubscription', inputSchema, input);
  // Vendor doc: https://docs.streamwise.app/docs/administration/subscriptions (GET /subscriptions/{subscriptionId}).
  return client.call('getSubscription', { method: 'GET', url: `/subscriptions/${encodeURIComponent(subscriptionId)}` }, one(subscriptionSchema));
}
