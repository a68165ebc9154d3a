import { noContent } from '../../tv/http';
import type { CdnTvClient } from '../client';

export async function deleteCustomer(client: CdnTvClient, id: string, idempotencyKey: string): Promise<void> {
  // No public CDN TV API reference (integrations are set up with CDN TV support, see README); modelled: DELETE /api/v2/customers/{id}.
  await client.request('removeSubscriber', { method: 'DELETE', path: `/customers/${encodeURIComponent(id)}`, idempotencyKey }, noContent);
}
