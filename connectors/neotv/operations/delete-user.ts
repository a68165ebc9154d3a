import { z } from 'zod';
import type { NeoTvClient } from '../client';

export async function deleteUser(client: NeoTvClient, id: number, idempotencyKey: string): Promise<void> {
  // No public NEO TV push API reference (HubSoft documents only its callback model, see README); modelled: DELETE /neo/api/users/{id}.
  await client.request('removeSubscriber', { method: 'DELETE', path: `/users/${id}`, idempotencyKey }, z.object({ removido: z.literal(true) }));
}
