import { z } from 'zod';
import { outgoing } from '../../tv/http';
import type { CdnTvClient } from '../client';
import { customerEnvelope, type CdnTvCustomer } from '../schemas';

const body = z.object({ room: z.string().optional() });

/** PUT by CASN: binds the box, or moves it to another room. */
export async function putSetTopBox(client: CdnTvClient, id: string, casn: string, location: string | undefined, idempotencyKey: string): Promise<CdnTvCustomer> {
  const data = outgoing(client.system, 'bindDevice', body, { room: location });
  // No public CDN TV API reference (integrations are set up with CDN TV support, see README); modelled: PUT /api/v2/customers/{id}/set-top-boxes/{casn}.
  return (await client.request('bindDevice', { method: 'PUT', path: `/customers/${encodeURIComponent(id)}/set-top-boxes/${encodeURIComponent(casn)}`, body: data, idempotencyKey }, customerEnvelope)).data;
}
