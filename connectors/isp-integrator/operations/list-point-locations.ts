import { z } from 'zod';
import type { IspIntegratorClient } from '../client';

/** The registered "Local do Ponto" values a point may use. */
export async function listPointLocations(client: IspIntegratorClient): Promise<string[]> {
  // No public API doc; modelled on the "Novo Ponto" screen's location list: https://wiki.elitesoft.com.br/index.php?title=M%C3%B3dulo_Desktop_-_Integra%C3%A7%C3%A3o_com_Plataformas_de_TV
  const page = await client.call('listPointLocations', { method: 'GET', path: '/point-locations' }, z.object({ items: z.array(z.string()) }));
  return page.items;
}
