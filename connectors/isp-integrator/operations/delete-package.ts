import { contractedPlanPath, IspIntegratorClient } from '../client';
import { ContractedPlan, contractedPlanSchema } from '../schemas';
import { PackageRefInput, packageRefInput } from './cancel-package';

/** "Apagar Pacote": the extra is removed from the plan, history included. */
export async function deletePackage(client: IspIntegratorClient, input: PackageRefInput): Promise<ContractedPlan> {
  const { packageId, idempotencyKey, ...ref } = client.input('deletePackage', packageRefInput, input);
  // No public API doc; modelled on "Adicionar Pacote", button "Apagar Pacote": https://wiki.elitesoft.com.br/index.php?title=M%C3%B3dulo_Desktop_-_Integra%C3%A7%C3%A3o_com_Plataformas_de_TV
  return client.call('deletePackage', { method: 'DELETE', path: `${contractedPlanPath(ref)}/packages/${encodeURIComponent(packageId)}`, idempotencyKey }, contractedPlanSchema);
}
