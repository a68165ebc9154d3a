import { z } from 'zod';
import { outgoing } from '../../tv/http';
import type { MaxiTvClient } from '../client';
import { assinanteEnvelope, MaxiTvAssinante } from '../schemas';

const form = z.object({ login_radius: z.string().min(1), nome: z.string().optional(), codigo_cliente: z.string().min(1) });

export async function createAssinante(client: MaxiTvClient, input: { login: string; name?: string; externalId: string; idempotencyKey: string }): Promise<MaxiTvAssinante> {
  const data = outgoing(client.system, 'createSubscriber', form, { login_radius: input.login, nome: input.name, codigo_cliente: input.externalId });
  // No public Maxi TV API reference (ISP-Integrator added it in changelog 6.06.00, see README); modelled: POST /api/v1/assinantes (form).
  return (await client.request('createSubscriber', { method: 'POST', path: '/assinantes', form: data, idempotencyKey: input.idempotencyKey }, assinanteEnvelope)).assinante;
}
