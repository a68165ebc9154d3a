import { noContent } from '../../tv/http';
import type { MaxiTvClient } from '../client';

export async function deleteAssinante(client: MaxiTvClient, id: number, idempotencyKey: string): Promise<void> {
  // No public Maxi TV API reference (ISP-Integrator added it in changelog 6.06.00, see README); modelled: DELETE /api/v1/assinantes/{id}.
  await client.request('removeSubscriber', { method: 'DELETE', path: `/assinantes/${id}`, idempotencyKey }, noContent);
}
