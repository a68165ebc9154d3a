import type { CdnTvClient } from '../client';
import { customerEnvelope, type CdnTvCustomer } from '../schemas';

/** Suspension is "disable", resumption "enable". */
export async function setStatus(client: CdnTvClient, id: string, status: 'active' | 'suspended', idempotencyKey: string): Promise<CdnTvCustomer> {
  const action = status === 'active' ? 'enable' : 'disable';
  // No public CDN TV API reference (integrations are set up with CDN TV support, see README); modelled: POST /api/v2/customers/{id}/enable | /disable.
  return (await client.request('setStatus', { method: 'POST', path: `/customers/${encodeURIComponent(id)}/${action}`, idempotencyKey }, customerEnvelope)).data;
}
