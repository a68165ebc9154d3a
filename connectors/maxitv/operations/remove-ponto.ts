import { noContent } from '../../tv/http';
import type { MaxiTvClient } from '../client';
import { hasErrorCode } from '../schemas';

/** 404 PONTO_NAO_ENCONTRADO: the point is already gone. */
export async function removePonto(client: MaxiTvClient, id: number, casn: string, idempotencyKey: string): Promise<void> {
  // No public Maxi TV API reference (ISP-Integrator added it in changelog 6.06.00, see README); modelled: DELETE /api/v1/assinantes/{id}/pontos/{casn}.
  await client.write('unbindDevice', { method: 'DELETE', path: `/assinantes/${id}/pontos/${encodeURIComponent(casn)}`, idempotencyKey }, noContent, (status, body) => status === 404 && hasErrorCode(body, 'PONTO_NAO_ENCONTRADO'));
}
