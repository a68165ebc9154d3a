import { z } from 'zod';
import type { IspIntegratorClient } from '../client';
import { ChargedExtras, chargedExtrasSchema, Page, pageInputSchema, pageSchema } from '../schemas';

/**
 * One page of the "Faturamento TV" listing: every active contracted plan with extra packages that
 * cost money. Pass `nextCursor` back until it is null; each plan appears exactly once.
 */
export async function listChargedExtras(client: IspIntegratorClient, input: z.input<typeof pageInputSchema> = {}): Promise<Page<ChargedExtras>> {
  const i = client.input('listChargedExtras', pageInputSchema, input);
  // No public API doc; modelled on "Faturamento / Faturamento TV" (Vencimento → Carregar): https://wiki.elitesoft.com.br/index.php?title=M%C3%B3dulo_Desktop_-_Integra%C3%A7%C3%A3o_com_Plataformas_de_TV
  return client.call('listChargedExtras', { method: 'GET', path: '/tv/charged-extras', query: { cursor: i.cursor, limit: i.limit } }, pageSchema(chargedExtrasSchema));
}
