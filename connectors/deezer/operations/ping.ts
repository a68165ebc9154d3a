import { z } from 'zod';
import type { DeezerClient } from '../client';

/** Carries the access token, so it checks it as well as reachability. */
export async function ping(client: DeezerClient): Promise<void> {
  // Deezer's public API (developers.deezer.com) covers the catalogue, not operator provisioning; the partner API Cariap resells is not public, so modelled: GET /partner/v1/ping.
  await client.request('health', { method: 'GET', path: '/ping' }, z.object({ status: z.literal('ok') }));
}
