import { z } from 'zod';
import type { MaxiTvClient } from '../client';
import { assinanteSchema, MaxiTvAssinante } from '../schemas';

export async function findAssinante(client: MaxiTvClient, login: string): Promise<MaxiTvAssinante | null> {
  // No public Maxi TV API reference (ISP-Integrator added it in changelog 6.06.00, see README); modelled: GET /api/v1/assinantes?login_radius=.
  const res = await client.request('findSubscriber', { method: 'GET', path: '/assinantes', params: { login_radius: login } }, z.object({ assinantes: z.array(assinanteSchema) }));
  return res.assinantes.find((a) => a.login_radius === login) ?? null;
}
