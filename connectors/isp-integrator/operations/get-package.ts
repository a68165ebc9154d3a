import type { IspIntegratorClient } from '../client';
import { idSchema, TvPackage, tvPackageSchema } from '../schemas';

/** A package with its price ("Valor Pacote") and channel grid ("Nome Canal", "N.Canal", "Família"). */
export async function getPackage(client: IspIntegratorClient, packageId: string): Promise<TvPackage> {
  const id = client.input('getPackage', idSchema, packageId);
  // No public API doc; modelled on the "Novo Pacote Extra" screen: https://wiki.elitesoft.com.br/index.php?title=M%C3%B3dulo_Desktop_-_Integra%C3%A7%C3%A3o_com_Plataformas_de_TV
  return client.call('getPackage', { method: 'GET', path: `/packages/${encodeURIComponent(id)}` }, tvPackageSchema);
}
