import { z } from 'zod';
import type { CdnTvClient } from '../client';

export async function status(client: CdnTvClient): Promise<void> {
  // No public CDN TV API reference (integrations are set up with CDN TV support, see README); modelled: GET /api/v2/status (authenticated, so it checks the key too).
  await client.request('health', { method: 'GET', path: '/status' }, z.object({ status: z.literal('ok') }));
}
