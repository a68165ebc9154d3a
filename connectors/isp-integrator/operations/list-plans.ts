import { z } from 'zod';
import type { IspIntegratorClient } from '../client';
import { PlanSettings, planSettingsSchema } from '../schemas';

export async function listPlans(client: IspIntegratorClient): Promise<PlanSettings[]> {
  // No public API doc; modelled on "Painel de Configurações / Planos e Serviços", aba TV: https://wiki.elitesoft.com.br/index.php?title=M%C3%B3dulo_Desktop_-_Integra%C3%A7%C3%A3o_com_Plataformas_de_TV
  const page = await client.call('listPlans', { method: 'GET', path: '/plans' }, z.object({ items: z.array(planSettingsSchema) }));
  return page.items;
}
