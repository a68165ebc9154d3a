import { z } from 'zod';
import { outgoing } from '../../tv/http';
import type { MaxiTvClient } from '../client';
import { assinanteEnvelope, type MaxiTvAssinante } from '../schemas';

const form = z.object({ novo_casn: z.string().min(1) });

/** "Troca de ponto": new box, same localização. */
export async function trocaPonto(client: MaxiTvClient, id: number, oldCasn: string, newCasn: string, idempotencyKey: string): Promise<MaxiTvAssinante> {
  const data = outgoing(client.system, 'swapDevice', form, { novo_casn: newCasn });
  // No public Maxi TV API reference (ISP-Integrator added it in changelog 6.06.00, see README); modelled: POST /api/v1/assinantes/{id}/pontos/{casn}/troca (form).
  return (await client.request('swapDevice', { method: 'POST', path: `/assinantes/${id}/pontos/${encodeURIComponent(oldCasn)}/troca`, form: data, idempotencyKey }, assinanteEnvelope)).assinante;
}
