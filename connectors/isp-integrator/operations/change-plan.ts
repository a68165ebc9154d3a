import { z } from 'zod';
import { contractedPlanPath, IspIntegratorClient } from '../client';
import { ContractedPlan, contractedPlanRefSchema, contractedPlanSchema, idempotencyKeySchema, idSchema } from '../schemas';

export const changePlanInput = contractedPlanRefSchema.extend({ planId: idSchema, idempotencyKey: idempotencyKeySchema });
export type ChangePlanInput = z.input<typeof changePlanInput>;

/** Option 2 of the manual: a closed package changed by changing the plan; the default package follows the new plan. */
export async function changePlan(client: IspIntegratorClient, input: ChangePlanInput): Promise<ContractedPlan> {
  const { planId, idempotencyKey, ...ref } = client.input('changePlan', changePlanInput, input);
  // No public API doc; modelled on "Adicionar Pacote e Ponto no Plano do Cliente", 2ª opção: https://wiki.elitesoft.com.br/index.php?title=M%C3%B3dulo_Desktop_-_Integra%C3%A7%C3%A3o_com_Plataformas_de_TV
  return client.call('changePlan', { method: 'POST', path: `${contractedPlanPath(ref)}/change-plan`, body: { planId }, idempotencyKey }, contractedPlanSchema);
}
