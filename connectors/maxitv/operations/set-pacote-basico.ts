import { z } from 'zod';
import type { PackageCatalog } from '../../tv/catalog';
import { outgoing } from '../../tv/http';
import type { MaxiTvClient } from '../client';
import { assinanteEnvelope, packageIdField, type MaxiTvAssinante } from '../schemas';

const form = z.object({ id_pacote: packageIdField });

export async function setPacoteBasico(client: MaxiTvClient, catalog: PackageCatalog<number>, id: number, packageCode: string, idempotencyKey: string): Promise<MaxiTvAssinante> {
  const data = outgoing(client.system, 'setBasePackage', form, { id_pacote: String(await catalog.idOf(packageCode, 'setBasePackage')) });
  // No public Maxi TV API reference (ISP-Integrator added it in changelog 6.06.00, see README); modelled: PUT /api/v1/assinantes/{id}/pacote-basico (form).
  return (await client.request('setBasePackage', { method: 'PUT', path: `/assinantes/${id}/pacote-basico`, form: data, idempotencyKey }, assinanteEnvelope)).assinante;
}
