import { z } from 'zod';
import { contractedPlanPath, IspIntegratorClient } from '../client';
import { ContractedPlan, contractedPlanRefSchema, contractedPlanSchema, idempotencyKeySchema, idSchema } from '../schemas';

export const packageRefInput = contractedPlanRefSchema.extend({ packageId: idSchema, idempotencyKey: idempotencyKeySchema });
export type PackageRefInput = z.input<typeof packageRefInput>;

/** "Cancelar Pacote": the extra stays on the plan as cancelled (history). */
export async function cancelPackage(client: IspIntegratorClient, input: PackageRefInput): Promise<ContractedPlan> {
  const { packageId, idempotencyKey, ...ref } = client.input('cancelPackage', packageRefInput, input);
  // No public API doc; modelled on "Adicionar Pacote", button "Cancelar Pacote": https://wiki.elitesoft.com.br/index.php?title=M%C3%B3dulo_Desktop_-_Integra%C3%A7%C3%A3o_com_Plataformas_de_TV
  return client.call('cancelPackage', { method: 'POST', path: `${contractedPlanPath(ref)}/packages/${encodeURIComponent(packageId)}/cancel`, idempotencyKey }, contractedPlanSchema);
}
