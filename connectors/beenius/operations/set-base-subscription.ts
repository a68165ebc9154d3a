import { z } from 'zod';
import type { PackageCatalog } from '../../tv/catalog';
import { outgoing } from '../../tv/http';
import type { BeeniusClient } from '../client';
import { subscriberSchema, type BeeniusSubscriber } from '../schemas';

const body = z.object({ subscriptionId: z.string().min(1) });

export async function setBaseSubscription(client: BeeniusClient, catalog: PackageCatalog<string>, id: number, packageCode: string, idempotencyKey: string): Promise<BeeniusSubscriber> {
  const subscriptionId = await catalog.idOf(packageCode, 'setBasePackage');
  // No public Beenius reference; modelled (see README): PUT /restapi/rest/1/subscribers/{id}/base-subscription.
  return client.request('setBasePackage', { method: 'PUT', path: `/subscribers/${id}/base-subscription`, body: outgoing(client.system, 'setBasePackage', body, { subscriptionId }), idempotencyKey }, subscriberSchema);
}
