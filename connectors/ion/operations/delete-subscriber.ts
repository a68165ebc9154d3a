import { noContent } from '../../tv/http';
import type { IonClient } from '../client';

export async function deleteSubscriber(client: IonClient, id: string, idempotencyKey: string): Promise<void> {
  // No public ION API reference; modelled (see README): DELETE /v1/subscribers/{id}.
  await client.request('removeSubscriber', { method: 'DELETE', path: `/subscribers/${encodeURIComponent(id)}`, idempotencyKey }, noContent);
}
