import { z } from 'zod';
import { outgoing } from '../../tv/http';
import type { BeeniusClient } from '../client';
import { subscriberSchema, type BeeniusSubscriber } from '../schemas';

const body = z.object({ status: z.enum(['ACTIVE', 'SUSPENDED']) });

export async function setStatus(client: BeeniusClient, id: number, status: 'active' | 'suspended', idempotencyKey: string): Promise<BeeniusSubscriber> {
  // No public Beenius reference; modelled (see README): PUT /restapi/rest/1/subscribers/{id}/status.
  return client.request('setStatus', { method: 'PUT', path: `/subscribers/${id}/status`, body: outgoing(client.system, 'setStatus', body, { status: status === 'active' ? 'ACTIVE' : 'SUSPENDED' }), idempotencyKey }, subscriberSchema);
}
