import { z } from 'zod';
import type { MaxiTvClient } from '../client';

/** Authenticated, so it checks the API token too. */
export async function status(client: MaxiTvClient): Promise<void> {
  // No public Maxi TV API reference (ISP-Integrator added it in changelog 6.06.00, see README); modelled: GET /api/v1/status.
  await client.request('health', { method: 'GET', path: '/status' }, z.object({ status: z.literal('OK') }));
}
