import type { PackageCatalog } from '../../tv/catalog';
import { noContent } from '../../tv/http';
import type { MaxiTvClient } from '../client';

export async function removeAdicional(client: MaxiTvClient, catalog: PackageCatalog<number>, id: number, packageCode: string, idempotencyKey: string): Promise<void> {
  const packageId = await catalog.idOf(packageCode, 'removeExtraPackage');
  // No public Maxi TV API reference (ISP-Integrator added it in changelog 6.06.00, see README); modelled: DELETE /api/v1/assinantes/{id}/adicionais/{id_pacote}.
  await client.request('removeExtraPackage', { method: 'DELETE', path: `/assinantes/${id}/adicionais/${packageId}`, idempotencyKey }, noContent);
}
