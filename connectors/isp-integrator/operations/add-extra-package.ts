import { z } from 'zod';
import { contractedPlanPath, IspIntegratorClient } from '../client';
import { centsSchema, ContractedPlan, contractedPlanRefSchema, contractedPlanSchema, idempotencyKeySchema, idSchema } from '../schemas';

export const addExtraPackageInput = contractedPlanRefSchema.extend({
  /** "Nome do Pacote": a package with "Pacote Extra" = Sim. */
  packageId: idSchema,
  /** "Valor Pacote" override in centavos; the package's own price otherwise. */
  price: centsSchema.optional(),
  idempotencyKey: idempotencyKeySchema,
});
export type AddExtraPackageInput = z.input<typeof addExtraPackageInput>;

/** "Add. Pacote". Without a RADIUS login on the plan ISP-Integrator answers 422 naming radiusLogin. */
export async function addExtraPackage(client: IspIntegratorClient, input: AddExtraPackageInput): Promise<ContractedPlan> {
  const { customerId, contractedPlanId, idempotencyKey, ...body } = client.input('addExtraPackage', addExtraPackageInput, input);
  // No public API doc; modelled on "Adicionar Pacote" → "Novo Pacote Extra": https://wiki.elitesoft.com.br/index.php?title=M%C3%B3dulo_Desktop_-_Integra%C3%A7%C3%A3o_com_Plataformas_de_TV
  return client.call('addExtraPackage', { method: 'POST', path: `${contractedPlanPath({ customerId, contractedPlanId })}/packages`, body, idempotencyKey }, contractedPlanSchema);
}
