import { z } from 'zod';
import type { PackageCatalog } from '../../tv/catalog';
import { outgoing } from '../../tv/http';
import type { IonClient } from '../client';
import { subscriberSchema, type IonSubscriber } from '../schemas';

const body = z.object({ product_id: z.number().int() });

export async function setBaseProduct(client: IonClient, catalog: PackageCatalog<number>, id: string, packageCode: string, idempotencyKey: string): Promise<IonSubscriber> {
  const data = outgoing(client.system, 'setBasePackage', body, { product_id: await catalog.idOf(packageCode, 'setBasePackage') });
  // No public ION API reference; modelled (see README): PUT /v1/subscribers/{id}/base-product.
  return client.request('setBasePackage', { method: 'PUT', path: `/subscribers/${encodeURIComponent(id)}/base-product`, body: data, idempotencyKey }, subscriberSchema);
}
