import { z } from 'zod';
import { outgoing } from '../../tv/http';
import type { MaxiTvClient } from '../client';
import { assinanteEnvelope, hasErrorCode, type MaxiTvAssinante } from '../schemas';

const form = z.object({ casn: z.string().min(1), localizacao: z.string().optional() });

/**
 * Adds a point (CASN + localização), or moves it when the localização differs. 409
 * PONTO_JA_CADASTRADO means this assinante has it already (success); PONTO_EM_USO means another
 * assinante has it (conflict).
 */
export async function addPonto(client: MaxiTvClient, id: number, casn: string, location: string | undefined, idempotencyKey: string): Promise<MaxiTvAssinante | undefined> {
  const data = outgoing(client.system, 'bindDevice', form, { casn, localizacao: location });
  // No public Maxi TV API reference (ISP-Integrator added it in changelog 6.06.00, see README); modelled: POST /api/v1/assinantes/{id}/pontos (form).
  return (await client.write('bindDevice', { method: 'POST', path: `/assinantes/${id}/pontos`, form: data, idempotencyKey }, assinanteEnvelope, (status, body) => status === 409 && hasErrorCode(body, 'PONTO_JA_CADASTRADO')))?.assinante;
}
