import { z } from 'zod';
import type { CatalogEntry } from '../../tv/catalog';
import type { MaxiTvClient } from '../client';
import { pacoteSchema } from '../schemas';

/** Maxi TV packages: numeric ids; the sigla is billing's package code. */
export async function listPackages(client: MaxiTvClient): Promise<CatalogEntry<number>[]> {
  // No public Maxi TV API reference (ISP-Integrator added it in changelog 6.06.00, see README); modelled: GET /api/v1/pacotes.
  const res = await client.request('listPackages', { method: 'GET', path: '/pacotes' }, z.object({ pacotes: z.array(pacoteSchema) }));
  return res.pacotes.map((p) => ({ code: p.sigla, id: p.id }));
}
