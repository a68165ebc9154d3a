import { z } from 'zod';
import { outgoing } from '../../tv/http';
import type { McrClient } from '../client';
import { McrDetail, subscriberResult } from '../schemas';

const params = z.object({ login: z.string().min(1), name: z.string().optional(), ref: z.string().min(1) });

export async function subscriberCreate(client: McrClient, input: { login: string; name?: string; externalId: string; idempotencyKey: string }): Promise<McrDetail> {
  const p = outgoing(client.system, 'createSubscriber', params, { login: input.login, name: input.name, ref: input.externalId });
  // ISP-Integrator's integration requires MCR's view.detail call (EliteSoft wiki, see README); no public MCR reference, so the rest is modelled: POST /api/?call=subscriber.create.
  return (await client.call('subscriber.create', 'createSubscriber', p, subscriberResult, input.idempotencyKey)).subscriber;
}
