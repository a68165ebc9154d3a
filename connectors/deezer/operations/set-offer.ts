import { z } from 'zod';
import { outgoing } from '../../tv/http';
import type { DeezerClient } from '../client';
import { accountSchema, type DeezerAccount } from '../schemas';

const body = z.object({ offer: z.string().min(1) });

/** The base package is the account's offer (Premium, Family, ...). */
export async function setOffer(client: DeezerClient, id: number, packageCode: string, idempotencyKey: string): Promise<DeezerAccount> {
  const data = outgoing(client.system, 'setBasePackage', body, { offer: packageCode });
  // Deezer's public API (developers.deezer.com) covers the catalogue, not operator provisioning; the partner API Cariap resells is not public, so modelled: PUT /partner/v1/accounts/{id}/offer.
  return client.request('setBasePackage', { method: 'PUT', path: `/accounts/${id}/offer`, body: data, idempotencyKey }, accountSchema);
}
