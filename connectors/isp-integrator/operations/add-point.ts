import { z } from 'zod';
import { contractedPlanPath, IspIntegratorClient } from '../client';
import { PermanentError } from '../../errors';
import { ContractedPlan, contractedPlanRefSchema, contractedPlanSchema, idempotencyKeySchema, Point } from '../schemas';

export const addPointInput = contractedPlanRefSchema.extend({
  /** "Local do Ponto": one of listPointLocations(). */
  location: z.string().min(1),
  /** The set-top box; it must be registered and not used by another point (409 → PermanentError conflict). */
  casn: z.string().min(1).max(64),
  idempotencyKey: idempotencyKeySchema,
});
export type AddPointInput = z.input<typeof addPointInput>;

/** "Add. Ponto" → "Novo Ponto". */
export async function addPoint(client: IspIntegratorClient, input: AddPointInput): Promise<{ contractedPlan: ContractedPlan; point: Point }> {
  const { customerId, contractedPlanId, idempotencyKey, ...body } = client.input('addPoint', addPointInput, input);
  // No public API doc; modelled on "Adicionar Ponto" → "Novo Ponto": https://wiki.elitesoft.com.br/index.php?title=M%C3%B3dulo_Desktop_-_Integra%C3%A7%C3%A3o_com_Plataformas_de_TV
  const contractedPlan = await client.call('addPoint', { method: 'POST', path: `${contractedPlanPath({ customerId, contractedPlanId })}/points`, body, idempotencyKey }, contractedPlanSchema);
  const point = contractedPlan.points.find((p) => p.casn === body.casn);
  if (!point) throw new PermanentError(client.system, 'addPoint', 'rejected', `malformed response: points: no point with casn ${body.casn}`);
  return { contractedPlan, point };
}
