import { z } from 'zod';
import { outgoing } from '../../tv/http';
import type { McrClient } from '../client';

const params = z.object({ login: z.string().min(1) });

export async function subscriberDelete(client: McrClient, login: string, idempotencyKey: string): Promise<void> {
  // ISP-Integrator's integration requires MCR's view.detail call (EliteSoft wiki, see README); no public MCR reference, so the rest is modelled: POST /api/?call=subscriber.delete.
  await client.call('subscriber.delete', 'removeSubscriber', outgoing(client.system, 'removeSubscriber', params, { login }), z.object({ deleted: z.literal(true) }), idempotencyKey);
}
