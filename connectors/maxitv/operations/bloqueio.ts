import type { MaxiTvClient } from '../client';
import { assinanteEnvelope, type MaxiTvAssinante } from '../schemas';

/** Suspension creates the bloqueio, resumption deletes it. */
export async function setBloqueio(client: MaxiTvClient, id: number, status: 'active' | 'suspended', idempotencyKey: string): Promise<MaxiTvAssinante> {
  // No public Maxi TV API reference (ISP-Integrator added it in changelog 6.06.00, see README); modelled: POST | DELETE /api/v1/assinantes/{id}/bloqueio.
  return (await client.request('setStatus', { method: status === 'active' ? 'DELETE' : 'POST', path: `/assinantes/${id}/bloqueio`, idempotencyKey }, assinanteEnvelope)).assinante;
}
