import type { IspIntegratorClient } from '../client';
import { idSchema, PlanSettings, planSettingsSchema } from '../schemas';

/** The plan's TV tab: "Permite a criação de Planos de TV", "Pacote liberado no Plano" and the delivering platform. */
export async function getPlanSettings(client: IspIntegratorClient, planId: string): Promise<PlanSettings> {
  const id = client.input('getPlanSettings', idSchema, planId);
  // No public API doc; modelled on "Painel de Configurações / Planos e Serviços", aba TV: https://wiki.elitesoft.com.br/index.php?title=M%C3%B3dulo_Desktop_-_Integra%C3%A7%C3%A3o_com_Plataformas_de_TV
  return client.call('getPlanSettings', { method: 'GET', path: `/plans/${encodeURIComponent(id)}` }, planSettingsSchema);
}
