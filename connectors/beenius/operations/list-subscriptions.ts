import type { CatalogEntry } from '../../tv/catalog';
import type { BeeniusClient } from '../client';
import { listOf, subscriptionSchema } from '../schemas';

/** The operator's subscriptions (packages): UUID ids, with the external code billing uses. */
export async function listSubscriptions(client: BeeniusClient): Promise<CatalogEntry<string>[]> {
  // No public Beenius reference; modelled (see README): GET /restapi/rest/1/subscriptions, Beenius list envelope.
  const res = await client.request('listPackages', { method: 'GET', path: '/subscriptions', query: { page_size: '500' } }, listOf(subscriptionSchema));
  return res.list.map((s) => ({ code: s.externalCode, id: s.id }));
}
