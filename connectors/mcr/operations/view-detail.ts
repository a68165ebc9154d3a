import { z } from 'zod';
import type { McrClient } from '../client';
import { detailSchema, McrDetail } from '../schemas';

/** The look-up: view.detail by login; an unknown login is { subscriber: null }. */
export async function viewDetail(client: McrClient, login: string): Promise<McrDetail | null> {
  // ISP-Integrator's integration requires MCR's view.detail call (EliteSoft wiki, see README); no public MCR reference, so the rest is modelled: POST /api/?call=view.detail.
  const res = await client.call('view.detail', 'findSubscriber', { login }, z.object({ subscriber: detailSchema.nullable() }));
  return res.subscriber;
}
