import { z } from 'zod';
import { outgoing } from '../../tv/http';
import type { McrClient } from '../client';
import { subscriberResult, type McrDetail } from '../schemas';

const params = z.object({ login: z.string().min(1), package: z.string().min(1) });

/** Removes an extra package; one the subscriber lacks is fine. */
export async function packageRemove(client: McrClient, login: string, packageCode: string, idempotencyKey: string): Promise<McrDetail> {
  const p = outgoing(client.system, 'removeExtraPackage', params, { login, package: packageCode });
  // ISP-Integrator's integration requires MCR's view.detail call (EliteSoft wiki, see README); no public MCR reference, so the rest is modelled: POST /api/?call=package.remove.
  return (await client.call('package.remove', 'removeExtraPackage', p, subscriberResult, idempotencyKey)).subscriber;
}
