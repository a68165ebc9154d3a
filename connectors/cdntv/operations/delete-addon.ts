import { noContent } from '../../tv/http';
import type { CdnTvClient } from '../client';

export async function deleteAddon(client: CdnTvClient, id: string, packageCode: string, idempotencyKey: string): Promise<void> {
  // No public CDN TV API reference (integrations are set up with CDN TV support, see README); modelled: DELETE /api/v2/customers/{id}/addons/{code}.
  await client.request('removeExtraPackage', { method: 'DELETE', path: `/customers/${encodeURIComponent(id)}/addons/${encodeURIComponent(packageCode)}`, idempotencyKey }, noContent);
}
