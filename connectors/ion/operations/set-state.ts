import { z } from 'zod';
import { outgoing } from '../../tv/http';
import type { IonClient } from '../client';
import { subscriberSchema, type IonSubscriber } from '../schemas';

const body = z.object({ state: z.enum(['active', 'barred']) });

/** ION calls a suspended subscriber "barred". */
export async function setState(client: IonClient, id: string, status: 'active' | 'suspended', idempotencyKey: string): Promise<IonSubscriber> {
  const data = outgoing(client.system, 'setStatus', body, { state: status === 'active' ? 'active' : 'barred' });
  // No public ION API reference; modelled (see README): PATCH /v1/subscribers/{id}.
  return client.request('setStatus', { method: 'PATCH', path: `/subscribers/${encodeURIComponent(id)}`, body: data, idempotencyKey }, subscriberSchema);
}
