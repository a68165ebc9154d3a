import { z } from 'zod';
import { outgoing } from '../../tv/http';
import type { DeezerClient } from '../client';
import { accountSchema, DeezerAccount } from '../schemas';

const body = z.object({ partner_login: z.string().min(1), display_name: z.string().optional(), partner_ref: z.string().min(1) });

export async function createAccount(client: DeezerClient, input: { login: string; name?: string; externalId: string; idempotencyKey: string }): Promise<DeezerAccount> {
  const data = outgoing(client.system, 'createSubscriber', body, { partner_login: input.login, display_name: input.name, partner_ref: input.externalId });
  // Deezer's public API (developers.deezer.com) covers the catalogue, not operator provisioning; the partner API Cariap resells is not public, so modelled: POST /partner/v1/accounts.
  return client.request('createSubscriber', { method: 'POST', path: '/accounts', body: data, idempotencyKey: input.idempotencyKey }, accountSchema);
}
