import { z } from 'zod';
import type { PackageCatalog } from '../../tv/catalog';
import { outgoing } from '../../tv/http';
import type { MaxiTvClient } from '../client';
import { assinanteEnvelope, packageIdField, type MaxiTvAssinante } from '../schemas';

const form = z.object({ id_pacote: packageIdField });

export async function addAdicional(client: MaxiTvClient, catalog: PackageCatalog<number>, id: number, packageCode: string, idempotencyKey: string): Promise<MaxiTvAssinante> {
  const data = outgoing(client.system, 'addExtraPackage', form, { id_pacote: String(await catalog.idOf(packageCode, 'addExtraPackage')) });
  // No public Maxi TV API reference (ISP-Integrator added it in changelog 6.06.00, see README); modelled: POST /api/v1/assinantes/{id}/adicionais (form).
  return (await client.request('addExtraPackage', { method: 'POST', path: `/assinantes/${id}/adicionais`, form: data, idempotencyKey }, assinanteEnvelope)).assinante;
}
