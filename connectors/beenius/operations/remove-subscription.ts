import type { PackageCatalog } from '../../tv/catalog';
import { noContent } from '../../tv/http';
import type { BeeniusClient } from '../client';

export async function removeSubscription(client: BeeniusClient, catalog: PackageCatalog<string>, id: number, packageCode: string, idempotencyKey: string): Promise<void> {
  const subscriptionId = await catalog.idOf(packageCode, 'removeExtraPackage');
  // No public Beenius reference; modelled (see README): DELETE /restapi/rest/1/subscribers/{id}/subscriptions/{subscriptionId}.
  await client.request('removeExtraPackage', { method: 'DELETE', path: `/subscribers/${id}/subscriptions/${encodeURIComponent(subscriptionId)}`, idempotencyKey }, noContent);
}
