import { z } from 'zod';
import { outgoing } from '../../tv/http';
import type { BeeniusClient } from '../client';
import { subscriberSchema, type BeeniusSubscriber } from '../schemas';

const body = z.object({ casn: z.string().min(1) });

/** Replaces a box in place (the point keeps its location); Beenius has a call for it. */
export async function swapDevice(client: BeeniusClient, id: number, oldCasn: string, newCasn: string, idempotencyKey: string): Promise<BeeniusSubscriber> {
  // No public Beenius reference; modelled (see README): PUT /restapi/rest/1/subscribers/{id}/devices/{oldCasn} { casn: newCasn }.
  return client.request('swapDevice', { method: 'PUT', path: `/subscribers/${id}/devices/${encodeURIComponent(oldCasn)}`, body: outgoing(client.system, 'swapDevice', body, { casn: newCasn }), idempotencyKey }, subscriberSchema);
}
