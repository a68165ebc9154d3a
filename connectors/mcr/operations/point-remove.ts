import { z } from 'zod';
import { outgoing } from '../../tv/http';
import type { McrClient } from '../client';
import { subscriberResult, type McrDetail } from '../schemas';

const params = z.object({ login: z.string().min(1), casn: z.string().min(1) });

export async function pointRemove(client: McrClient, login: string, casn: string, idempotencyKey: string): Promise<McrDetail> {
  const p = outgoing(client.system, 'unbindDevice', params, { login, casn });
  // ISP-Integrator's integration requires MCR's view.detail call (EliteSoft wiki, see README); no public MCR reference, so the rest is modelled: POST /api/?call=point.remove.
  return (await client.call('point.remove', 'unbindDevice', p, subscriberResult, idempotencyKey)).subscriber;
}
