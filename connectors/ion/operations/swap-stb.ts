import { z } from 'zod';
import { outgoing } from '../../tv/http';
import type { IonClient } from '../client';
import { subscriberSchema, type IonSubscriber } from '../schemas';

const body = z.object({ new_serial: z.string().min(1) });

export async function swapStb(client: IonClient, id: string, oldCasn: string, newCasn: string, idempotencyKey: string): Promise<IonSubscriber> {
  const data = outgoing(client.system, 'swapDevice', body, { new_serial: newCasn });
  // No public ION API reference; modelled (see README): POST /v1/subscribers/{id}/stbs/{serial}/swap.
  return client.request('swapDevice', { method: 'POST', path: `/subscribers/${encodeURIComponent(id)}/stbs/${encodeURIComponent(oldCasn)}/swap`, body: data, idempotencyKey }, subscriberSchema);
}
