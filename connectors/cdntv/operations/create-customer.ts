import { z } from 'zod';
import { outgoing } from '../../tv/http';
import type { CdnTvClient } from '../client';
import { CdnTvCustomer, customerEnvelope } from '../schemas';

const body = z.object({ login: z.string().min(1), name: z.string().optional(), external_ref: z.string().min(1) });

export async function createCustomer(client: CdnTvClient, input: { login: string; name?: string; externalId: string; idempotencyKey: string }): Promise<CdnTvCustomer> {
  const data = outgoing(client.system, 'createSubscriber', body, { login: input.login, name: input.name, external_ref: input.externalId });
  // No public CDN TV API reference (integrations are set up with CDN TV support, see README); modelled: POST /api/v2/customers.
  return (await client.request('createSubscriber', { method: 'POST', path: '/customers', body: data, idempotencyKey: input.idempotencyKey }, customerEnvelope)).data;
}
