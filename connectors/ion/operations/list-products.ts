import { z } from 'zod';
import type { CatalogEntry } from '../../tv/catalog';
import type { IonClient } from '../client';
import { productSchema } from '../schemas';

/** ION products: numeric ids; the sku is billing's package code. */
export async function listProducts(client: IonClient): Promise<CatalogEntry<number>[]> {
  // No public ION API reference; modelled (see README): GET /v1/products.
  const res = await client.request('listPackages', { method: 'GET', path: '/products' }, z.object({ items: z.array(productSchema) }));
  return res.items.map((p) => ({ code: p.sku, id: p.product_id }));
}
