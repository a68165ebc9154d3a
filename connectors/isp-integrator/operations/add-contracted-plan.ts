import { z } from 'zod';
import type { IspIntegratorClient } from '../client';
import { ContractedPlan, contractedPlanSchema, idempotencyKeySchema, idSchema } from '../schemas';

export const addContractedPlanInput = z.object({
  customerId: idSchema,
  planId: idSchema,
  /** "Login de Radius"; TV changes are refused while it is missing. */
  radiusLogin: z.string().min(1).max(64).optional(),
  idempotencyKey: idempotencyKeySchema,
});
export type AddContractedPlanInput = z.input<typeof addContractedPlanInput>;

/** Contracts a plan for the customer; a TV plan starts with its released package ("Pacote liberado no Plano"). */
export async function addContractedPlan(client: IspIntegratorClient, input: AddContractedPlanInput): Promise<ContractedPlan> {
  const { customerId, idempotencyKey, ...body } = client.input('addContractedPlan', addContractedPlanInput, input);
  // No public API doc; modelled on "Cliente / Planos / Planos Ativos": https://wiki.elitesoft.com.br/index.php?title=M%C3%B3dulo_Desktop_-_Integra%C3%A7%C3%A3o_com_Plataformas_de_TV
  return client.call('addContractedPlan', { method: 'POST', path: `/customers/${encodeURIComponent(customerId)}/plans`, body, idempotencyKey }, contractedPlanSchema);
}
