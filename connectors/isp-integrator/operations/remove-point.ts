import { z } from 'zod';
import { contractedPlanPath, IspIntegratorClient } from '../client';
import { ContractedPlan, contractedPlanRefSchema, contractedPlanSchema, idempotencyKeySchema, idSchema } from '../schemas';

export const removePointInput = contractedPlanRefSchema.extend({ pointId: idSchema, idempotencyKey: idempotencyKeySchema });
export type RemovePointInput = z.input<typeof removePointInput>;

/** "Retirar Ponto": the point goes, its set-top box becomes available. */
export async function removePoint(client: IspIntegratorClient, input: RemovePointInput): Promise<ContractedPlan> {
  const { customerId, contractedPlanId, pointId, idempotencyKey } = client.input('removePoint', removePointInput, input);
  // No public API doc; modelled on "Adicionar Ponto", button "Retirar Ponto": https://wiki.elitesoft.com.br/index.php?title=M%C3%B3dulo_Desktop_-_Integra%C3%A7%C3%A3o_com_Plataformas_de_TV
  return client.call('removePoint', { method: 'DELETE', path: `${contractedPlanPath({ customerId, contractedPlanId })}/points/${encodeURIComponent(pointId)}`, idempotencyKey }, contractedPlanSchema);
}
