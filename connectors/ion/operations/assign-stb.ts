import { z } from 'zod';
import { outgoing } from '../../tv/http';
import type { IonClient } from '../client';
import { hasErrorCode, subscriberSchema, type IonSubscriber } from '../schemas';

const body = z.object({ serial: z.string().min(1), label: z.string().optional() });

/**
 * Assigns a set-top box (serial = CASN, label = location). 409 STB_ALREADY_ASSIGNED means this
 * subscriber has it already (success); 409 STB_IN_USE means someone else has it (conflict).
 */
export async function assignStb(client: IonClient, id: string, casn: string, location: string | undefined, idempotencyKey: string): Promise<IonSubscriber | undefined> {
  const data = outgoing(client.system, 'bindDevice', body, { serial: casn, label: location });
  // No public ION API reference; modelled (see README): POST /v1/subscribers/{id}/stbs.
  return client.write('bindDevice', { method: 'POST', path: `/subscribers/${encodeURIComponent(id)}/stbs`, body: data, idempotencyKey }, subscriberSchema, (status, answer) => status === 409 && hasErrorCode(answer, 'STB_ALREADY_ASSIGNED'));
}
