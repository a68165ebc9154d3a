import { z } from 'zod';
import type { IspIntegratorClient } from '../client';
import { TvPackage, tvPackageSchema } from '../schemas';

export const listPackagesInput = z.object({ extra: z.boolean().optional() }).default({});

/** The package catalogue; `extra: true` lists what "Novo Pacote Extra" offers. */
export async function listPackages(client: IspIntegratorClient, input?: z.input<typeof listPackagesInput>): Promise<TvPackage[]> {
  const i = client.input('listPackages', listPackagesInput, input);
  // No public API doc; modelled on the "Novo Pacote Extra" screen's package list: https://wiki.elitesoft.com.br/index.php?title=M%C3%B3dulo_Desktop_-_Integra%C3%A7%C3%A3o_com_Plataformas_de_TV
  const page = await client.call('listPackages', { method: 'GET', path: '/packages', query: { extra: i.extra === undefined ? undefined : String(i.extra) } }, z.object({ items: z.array(tvPackageSchema) }));
  return page.items;
}
