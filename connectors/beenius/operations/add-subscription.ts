import { z } from 'zod';
import type { PackageCatalog } from '../../tv/catalog';
import { outgoing } from '../../tv/http';
import type { BeeniusClient } from '../client';
import { subscriberSchema, type BeeniusSubscriber } from '../schemas';

const body = z.object({ subscriptionId: z.string().min(1) });

/** Adds an extra ("ADDON") subscription; adding one the subscriber has answers 200 with no change. */
export async function addSubscription(client: BeeniusClient, catalog: PackageCatalog<string>, id: number, packageCode: string, idempotencyKey: string): Promise<BeeniusSubscriber> {
  const subscriptionId = await catalog.idOf(packageCode, 'addExtraPackage');
  // No public Beenius reference; modelled (see README): POST /restapi/rest/1/subscribers/{id}/subscriptions.
  return client.request('addExtraPackage', { method: 'POST', path: `/subscribers/${id}/subscriptions`, body: outgoing(client.system, 'addExtraPackage', body, { subscriptionId }), idempotencyKey }, subscriberSchema);
}
