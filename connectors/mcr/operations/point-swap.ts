import { z } from 'zod';
import { outgoing } from '../../tv/http';
import type { McrClient } from '../client';
import { subscriberResult, type McrDetail } from '../schemas';

const params = z.object({ login: z.string().min(1), casn: z.string().min(1), new_casn: z.string().min(1) });

export async function pointSwap(client: McrClient, login: string, oldCasn: string, newCasn: string, idempotencyKey: string): Promise<McrDetail> {
  const p = outgoing(client.system, 'swapDevice', params, { login, casn: oldCasn, new_casn: newCasn });
  // ISP-Integrator's integration requires MCR's view.detail call (EliteSoft wiki, see README); no public MCR reference, so the rest is modelled: POST /api/?call=point.swap.
  return (await client.call('point.swap', 'swapDevice', p, subscriberResult, idempotencyKey)).subscriber;
}
