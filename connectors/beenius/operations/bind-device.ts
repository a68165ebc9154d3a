import { z } from 'zod';
import { outgoing } from '../../tv/http';
import type { BeeniusClient } from '../client';
import { subscriberSchema, type BeeniusSubscriber } from '../schemas';

const body = z.object({ casn: z.string().min(1), locationName: z.string().optional() });

/** Binds a set-top box by CASN; binding a bound box again updates its location. */
export async function bindDevice(client: BeeniusClient, id: number, casn: string, location: string | undefined, idempotencyKey: string): Promise<BeeniusSubscriber> {
  // No public Beenius reference; modelled (see README): POST /restapi/rest/1/subscribers/{id}/devices.
  return client.request('bindDevice', { method: 'POST', path: `/subscribers/${id}/devices`, body: outgoing(client.system, 'bindDevice', body, { casn, locationName: location }), idempotencyKey }, subscriberSchema);
}
