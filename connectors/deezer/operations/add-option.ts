import { z } from 'zod';
import { outgoing } from '../../tv/http';
import type { DeezerClient } from '../client';
import { accountSchema, type DeezerAccount } from '../schemas';

const body = z.object({ option: z.string().min(1) });

/** Extras are options on the offer (HiFi, audiobooks). */
export async function addOption(client: DeezerClient, id: number, packageCode: string, idempotencyKey: string): Promise<DeezerAccount> {
  const data = outgoing(client.system, 'addExtraPackage', body, { option: packageCode });
  // Deezer's public API (developers.deezer.com) covers the catalogue, not operator provisioning; the partner API Cariap resells is not public, so modelled: POST /partner/v1/accounts/{id}/options.
  return client.request('addExtraPackage', { method: 'POST', path: `/accounts/${id}/options`, body: data, idempotencyKey }, accountSchema);
}
