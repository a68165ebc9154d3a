import { z } from 'zod';
import { contractedPlanPath, IspIntegratorClient } from '../client';
import { ContractedPlan, contractedPlanRefSchema, contractedPlanSchema, idempotencyKeySchema } from '../schemas';

export const updateContractedPlanInput = contractedPlanRefSchema.extend({
  radiusLogin: z.string().min(1).max(64).optional(),
  /** suspended = blocked; cancelled is final and sends the set-top boxes back to stock. */
  status: z.enum(['active', 'suspended', 'cancelled']).optional(),
  idempotencyKey: idempotencyKeySchema,
}).refine((i) => i.radiusLogin !== undefined || i.status !== undefined, { message: 'give radiusLogin or status', path: ['status'] });
export type UpdateContractedPlanInput = z.input<typeof updateContractedPlanInput>;

/** Staff action: set the RADIUS login, suspend, reactivate or cancel a contracted plan. */
export async function updateContractedPlan(client: IspIntegratorClient, input: UpdateContractedPlanInput): Promise<ContractedPlan> {
  const { customerId, contractedPlanId, idempotencyKey, ...body } = client.input('updateContractedPlan', updateContractedPlanInput, input);
  // No public API doc; modelled on the "Plano/Serviço" screen of "Planos Ativos": https://wiki.elitesoft.com.br/index.php?title=M%C3%B3dulo_Desktop_-_Integra%C3%A7%C3%A3o_com_Plataformas_de_TV
  return client.call('updateContractedPlan', { method: 'PATCH', path: contractedPlanPath({ customerId, contractedPlanId }), body, idempotencyKey }, contractedPlanSchema);
}
