import type { CdnTvClient } from '../client';
import { customerEnvelope, type CdnTvCustomer } from '../schemas';

/** Extras are "addons", PUT by code: naturally idempotent. */
export async function putAddon(client: CdnTvClient, id: string, packageCode: string, idempotencyKey: string): Promise<CdnTvCustomer> {
  // No public CDN TV API reference (integrations are set up with CDN TV support, see README); modelled: PUT /api/v2/customers/{id}/addons/{code}.
  return (await client.request('addExtraPackage', { method: 'PUT', path: `/customers/${encodeURIComponent(id)}/addons/${encodeURIComponent(packageCode)}`, idempotencyKey }, customerEnvelope)).data;
}
