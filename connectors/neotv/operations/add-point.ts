import { z } from 'zod';
import { outgoing } from '../../tv/http';
import type { NeoTvClient } from '../client';
import { userEnvelope, type NeoTvUser } from '../schemas';

const body = z.object({ casn: z.string().min(1), local: z.string().optional() });

/** A set-top point ("ponto"): the box's CASN and where it is ("local"); posting it again updates the local. */
export async function addPoint(client: NeoTvClient, id: number, casn: string, location: string | undefined, idempotencyKey: string): Promise<NeoTvUser> {
  const data = outgoing(client.system, 'bindDevice', body, { casn, local: location });
  // No public NEO TV push API reference (HubSoft documents only its callback model, see README); modelled: POST /neo/api/users/{id}/pontos.
  return (await client.request('bindDevice', { method: 'POST', path: `/users/${id}/pontos`, body: data, idempotencyKey }, userEnvelope)).user;
}
