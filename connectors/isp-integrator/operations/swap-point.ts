import { z } from 'zod';
import { contractedPlanPath, IspIntegratorClient } from '../client';
import { ContractedPlan, contractedPlanRefSchema, contractedPlanSchema, idempotencyKeySchema, idSchema } from '../schemas';

export const swapPointInput = contractedPlanRefSchema.extend({
  pointId: idSchema,
  /** The replacement set-top box; the old one goes back to stock. */
  casn: z.string().min(1).max(64),
  idempotencyKey: idempotencyKeySchema,
});
export type SwapPointInput = z.input<typeof swapPointInput>;

/** "Trocar Ponto". */
export async function swapPoint(client: IspIntegratorClient, input: SwapPointInput): Promise<ContractedPlan> {
  const { customerId, contractedPlanId, pointId, casn, idempotencyKey } = client.input('swapPoint', swapPointInput, input);
  // No public API doc; modelled on "Adicionar Ponto", button "Trocar Ponto": https://wiki.elitesoft.com.br/index.php?title=M%C3%B3dulo_Desktop_-_Integra%C3%A7%C3%A3o_com_Plataformas_de_TV
  return client.call('swapPoint', { method: 'POST', path: `${contractedPlanPath({ customerId, contractedPlanId })}/points/${encodeURIComponent(pointId)}/swap`, body: { casn }, idempotencyKey }, contractedPlanSchema);
}
