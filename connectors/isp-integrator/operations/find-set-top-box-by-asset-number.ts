import { z } from 'zod';
import type { IspIntegratorClient } from '../client';
import { PermanentError } from '../../errors';
import { SetTopBox, setTopBoxSchema } from '../schemas';

/** "No Set-Top box poderá buscar por Patrimônio": the box with this asset number, or null. */
export async function findSetTopBoxByAssetNumber(client: IspIntegratorClient, assetNumber: string): Promise<SetTopBox | null> {
  const asset = client.input('findSetTopBoxByAssetNumber', z.string().trim().min(1).max(30), assetNumber);
  // No public API doc; modelled on the "Set-Top box" search by "Patrimônio": https://wiki.elitesoft.com.br/index.php?title=M%C3%B3dulo_Desktop_-_Integra%C3%A7%C3%A3o_com_Plataformas_de_TV
  const { items } = await client.call('findSetTopBoxByAssetNumber', { method: 'GET', path: '/set-top-boxes', query: { assetNumber: asset } }, z.object({ items: z.array(setTopBoxSchema) }));
  if (items.length > 1) throw new PermanentError(client.system, 'findSetTopBoxByAssetNumber', 'rejected', `asset number ${asset} matches ${items.length} set-top boxes`);
  return items[0] ?? null;
}
