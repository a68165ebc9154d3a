import { z } from 'zod';
import { outgoing } from '../../tv/http';
import type { CdnTvClient } from '../client';
import { customerEnvelope, type CdnTvCustomer } from '../schemas';

const body = z.object({ plan: z.string().min(1) });

/** The base package is the customer's "plan", by code. */
export async function setPlan(client: CdnTvClient, id: string, packageCode: string, idempotencyKey: string): Promise<CdnTvCustomer> {
  const data = outgoing(client.system, 'setBasePackage', body, { plan: packageCode });
  // No public CDN TV API reference (integrations are set up with CDN TV support, see README); modelled: PUT /api/v2/customers/{id}/plan.
  return (await client.request('setBasePackage', { method: 'PUT', path: `/customers/${encodeURIComponent(id)}/plan`, body: data, idempotencyKey }, customerEnvelope)).data;
}
