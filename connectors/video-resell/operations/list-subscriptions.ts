import { z } from 'zod';
import { parseInput, VideoResellClient } from '../client';
import { many, SubscriptionRecord, subscriptionSchema } from '../schemas';

const inputSchema = z.object({ customerId: z.string().min(1) });

/** Every subscription the customer holds (limit=0 turns pagination off). */
export async function listSubscriptions(client: VideoResellClient, input: z.input<typeof inputSchema>): Promise<SubscriptionRecord[]> {
  const { customerId } = parseInput('listSubscriptions', inputSchema, input);
  // Vendor doc: https://docs.streamwise.app/docs/administration/subscriptions (GET /subscriptions) and https://docs.streamwise.app/docs/api/resources (search, limit=0).
  return client.call('listSubscriptions', { method: 'GET', url: '/subscriptions', params: { search: `subscriber_id:${customerId}`, limit: 0 } }, many(subscriptionSchema));
}
