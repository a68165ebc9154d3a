import { z } from 'zod';
import type { PackageCatalog } from '../../tv/catalog';
import { outgoing } from '../../tv/http';
import type { IonClient } from '../client';
import { hasErrorCode, subscriberSchema, type IonSubscriber } from '../schemas';

const body = z.object({ product_id: z.number().int() });

/** ION answers 409 PRODUCT_ALREADY_ACTIVE for a product the subscriber has: that is success here. */
export async function addProduct(client: IonClient, catalog: PackageCatalog<number>, id: string, packageCode: string, idempotencyKey: string): Promise<IonSubscriber | undefined> {
  const data = outgoing(client.system, 'addExtraPackage', body, { product_id: await catalog.idOf(packageCode, 'addExtraPackage') });
  // No public ION API reference; modelled (see README): POST /v1/subscribers/{id}/products.
  return client.write('addExtraPackage', { method: 'POST', path: `/subscribers/${encodeURIComponent(id)}/products`, body: data, idempotencyKey }, subscriberSchema, (status, answer) => status === 409 && hasErrorCode(answer, 'PRODUCT_ALREADY_ACTIVE'));
}
