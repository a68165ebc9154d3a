import { z } from 'zod';
import { outgoing } from '../../tv/http';
import type { McrClient } from '../client';
import { subscriberResult, type McrDetail } from '../schemas';

const params = z.object({ login: z.string().min(1), casn: z.string().min(1), place: z.string().optional() });

/** A set-top point: CASN and place; adding a point the subscriber has updates its place. */
export async function pointAdd(client: McrClient, login: string, casn: string, location: string | undefined, idempotencyKey: string): Promise<McrDetail> {
  const p = outgoing(client.system, 'bindDevice', params, { login, casn, place: location });
  // ISP-Integrator's integration requires MCR's view.detail call (EliteSoft wiki, see README); no public MCR reference, so the rest is modelled: POST /api/?call=point.add.
  return (await client.call('point.add', 'bindDevice', p, subscriberResult, idempotencyKey)).subscriber;
}
