import { z } from 'zod';
import { outgoing } from '../../tv/http';
import type { McrClient } from '../client';
import { subscriberResult, type McrDetail } from '../schemas';

const params = z.object({ login: z.string().min(1), package: z.string().min(1) });

/** The base package, by code. */
export async function packageBase(client: McrClient, login: string, packageCode: string, idempotencyKey: string): Promise<McrDetail> {
  const p = outgoing(client.system, 'setBasePackage', params, { login, package: packageCode });
  // ISP-Integrator's integration requires MCR's view.detail call (EliteSoft wiki, see README); no public MCR reference, so the rest is modelled: POST /api/?call=package.base.
  return (await client.call('package.base', 'setBasePackage', p, subscriberResult, idempotencyKey)).subscriber;
}
