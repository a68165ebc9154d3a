import type { PackageCatalog } from '../../tv/catalog';
import { noContent } from '../../tv/http';
import type { IonClient } from '../client';
import { hasErrorCode } from '../schemas';

/** ION answers 404 PRODUCT_NOT_ACTIVE for a product the subscriber does not have: that is success here. */
export async function removeProduct(client: IonClient, catalog: PackageCatalog<number>, id: string, packageCode: string, idempotencyKey: string): Promise<void> {
  const productId = await catalog.idOf(packageCode, 'removeExtraPackage');
  // No public ION API reference; modelled (see README): DELETE /v1/subscribers/{id}/products/{product_id}.
  await client.write('removeExtraPackage', { method: 'DELETE', path: `/subscribers/${encodeURIComponent(id)}/products/${productId}`, idempotencyKey }, noContent, (status, answer) => status === 404 && hasErrorCode(answer, 'PRODUCT_NOT_ACTIVE'));
}
