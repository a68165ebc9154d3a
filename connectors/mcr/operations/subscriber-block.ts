import { z } from 'zod';
import { outgoing } from '../../tv/http';
import type { McrClient } from '../client';
import { subscriberResult, type McrDetail } from '../schemas';

const params = z.object({ login: z.string().min(1) });

/** Suspension is subscriber.block, resumption subscriber.unblock. */
export async function subscriberBlock(client: McrClient, login: string, status: 'active' | 'suspended', idempotencyKey: string): Promise<McrDetail> {
  const call = status === 'active' ? 'subscriber.unblock' : 'subscriber.block';
  // ISP-Integrator's integration requires MCR's view.detail call (EliteSoft wiki, see README); no public MCR reference, so the rest is modelled: POST /api/?call=subscriber.block | subscriber.unblock.
  return (await client.call(call, 'setStatus', outgoing(client.system, 'setStatus', params, { login }), subscriberResult, idempotencyKey)).subscriber;
}
