import { noContent } from '../../tv/http';
import type { BeeniusClient } from '../client';

export async function deleteSubscriber(client: BeeniusClient, id: number, idempotencyKey: string): Promise<void> {
  // No public Beenius reference; modelled (see README): DELETE /restapi/rest/1/subscribers/{id}.
  await client.request('removeSubscriber', { method: 'DELETE', path: `/subscribers/${id}`, idempotencyKey }, noContent);
}
