import { z } from 'zod';
import type { McrClient } from '../client';

/** Carries the token, so it checks it as well as reachability. */
export async function ping(client: McrClient): Promise<void> {
  // ISP-Integrator's integration requires MCR's view.detail call (EliteSoft wiki, see README); no public MCR reference, so the rest is modelled: POST /api/?call=ping.
  await client.call('ping', 'health', {}, z.object({ pong: z.literal(true) }));
}
