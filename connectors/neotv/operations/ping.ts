import { z } from 'zod';
import type { NeoTvClient } from '../client';

/** Authenticated, so it checks the Basic credentials too. */
export async function ping(client: NeoTvClient): Promise<void> {
  // No public NEO TV push API reference (HubSoft documents only its callback model, see README); modelled: GET /neo/api/ping.
  await client.request('health', { method: 'GET', path: '/ping' }, z.object({ ok: z.literal(true) }));
}
