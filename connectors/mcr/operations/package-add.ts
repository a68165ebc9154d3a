import { z } from 'zod';
import { outgoing } from '../../tv/http';
import type { McrClient } from '../client';
import { subscriberResult, type McrDetail } from '../schemas';

const params = z.object({ login: z.string().min(1), package: z.string().min(1) });

/** Adds an extra package; one the subscriber has is left as is. */
export async function packageAdd(client: McrClient, login: string, packageCode: string, idempotencyKey: string): Promise<McrDetail> {
  const p = outgoing(client.system, 'addExtraPackage', params, { login, package: packageCode });
  // ISP-Integrator's integration requires MCR's view.detail call (EliteSoft wiki, see README); no public MCR reference, so the rest is modelled: POST /api/?call=package.add.
  return (await client.call('package.add', 'addExtraPackage', p, subscriberResult, idempotencyKey)).subscriber;
}
