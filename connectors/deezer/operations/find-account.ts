import { z } from 'zod';
import type { DeezerClient } from '../client';
import { accountSchema, DeezerAccount } from '../schemas';

export async function findAccount(client: DeezerClient, login: string): Promise<DeezerAccount | null> {
  // Deezer's public API (developers.deezer.com) covers the catalogue, not operator provisioning; the partner API Cariap resells is not public, so modelled: GET /partner/v1/accounts?partner_login=.
  const res = await client.request('findSubscriber', { method: 'GET', path: '/accounts', params: { partner_login: login } }, z.object({ data: z.array(accountSchema), total: z.number() }));
  return res.data.find((a) => a.partner_login === login) ?? null;
}
