import { z } from 'zod';
import { parseInput, VideoResellClient } from '../client';
import { one, SubscriptionRecord, subscriptionSchema } from '../schemas';

const inputSchema = z.object({ package_id: z.string().min(1), subscriber_id: z.string().min(1), subscription_metadata: z.record(z.string(), z.unknown()).optional() });

/** Subscribes the customer to a service package (the plan); accounts are always bound to a subscription. */
export async function createSubscription(client: VideoResellClient, input: z.input<typeof inputSchema>): Promise<SubscriptionRecord> {
  const body = parseInput('createSubscription', inputSchema, input);
  // Vendor doc: https://docs.streamwise.app/docs/administration/subscriptions (POST /subscriptions {package_id, subscriber_id}).
  return client.call('createSubscription', { method: 'POST', url: '/subscriptions', data: body }, one(subscriptionSchema));
}
