import { noContent } from '../../tv/http';
import type { CdnTvClient } from '../client';

export async function deleteSetTopBox(client: CdnTvClient, id: string, casn: string, idempotencyKey: string): Promise<void> {
  // No public CDN TV API reference (integrations are set up with CDN TV support, see README); modelled: DELETE /api/v2/customers/{id}/set-top-boxes/{casn}.
  await client.request('unbindDevice', { method: 'DELETE', path: `/customers/${encodeURIComponent(id)}/set-top-boxes/${encodeURIComponent(casn)}`, idempotencyKey }, noContent);
}
