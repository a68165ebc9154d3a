import { z } from 'zod';
import { contractedPlanPath, IspIntegratorClient } from '../client';
import { ContractedPlan, contractedPlanRefSchema, contractedPlanSchema } from '../schemas';

export async function getContractedPlan(client: IspIntegratorClient, input: z.input<typeof contractedPlanRefSchema>): Promise<ContractedPlan> {
  const ref = client.input('getContractedPlan', contractedPlanRefSchema, input);
  // No public API doc; modelled on the "Plano/Serviço" screen of "Planos Ativos": https://wiki.elitesoft.com.br/index.php?title=M%C3%B3dulo_Desktop_-_Integra%C3%A7%C3%A3o_com_Plataformas_de_TV
  return client.call('getContractedPlan', { method: 'GET', path: contractedPlanPath(ref) }, contractedPlanSchema);
}
