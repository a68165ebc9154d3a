import { z } from 'zod';
import { contractedPlanPath, IspIntegratorClient } from '../client';
import { ContractedPlan, contractedPlanRefSchema, contractedPlanSchema, idempotencyKeySchema, idSchema } from '../schemas';

export const editPointInput = contractedPlanRefSchema.extend({
  pointId: idSchema,
  location: z.string().min(1).optional(),
  casn: z.string().min(1).max(64).optional(),
  idempotencyKey: idempotencyKeySchema,
}).refine((i) => i.location !== undefined || i.casn !== undefined, { message: 'give location or casn', path: ['location'] });
export type EditPointInput = z.input<typeof editPointInput>;

/** "Editar Ponto": change the location and/or the CASN. */
export async function editPoint(client: IspIntegratorClient, input: EditPointInput): Promise<ContractedPlan> {
  const { customerId, contractedPlanId, pointId, idempotencyKey, ...body } = client.input('editPoint', editPointInput, input);
  // No public API doc; modelled on "Adicionar Ponto", button "Editar Ponto": https://wiki.elitesoft.com.br/index.php?title=M%C3%B3dulo_Desktop_-_Integra%C3%A7%C3%A3o_com_Plataformas_de_TV
  return client.call('editPoint', { method: 'PATCH', path: `${contractedPlanPath({ customerId, contractedPlanId })}/points/${encodeURIComponent(pointId)}`, body, idempotencyKey }, contractedPlanSchema);
}
