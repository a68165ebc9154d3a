import type { DeezerClient } from '../client';
import { accountSchema, type DeezerAccount } from '../schemas';

/** Suspension pauses the account; resumption resumes it. */
export async function setStatus(client: DeezerClient, id: number, status: 'active' | 'suspended', idempotencyKey: string): Promise<DeezerAccount> {
  const action = status === 'active' ? 'resume' : 'pause';
  // Deezer's public API (developers.deezer.com) covers the catalogue, not operator provisioning; the partner API Cariap resells is not public, so modelled: POST /partner/v1/accounts/{id}/pause | /resume.
  return client.request('setStatus', { method: 'POST', path: `/accounts/${id}/${action}`, idempotencyKey }, accountSchema);
}
