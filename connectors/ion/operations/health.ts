import { z } from 'zod';
import type { IonClient } from '../client';

/** Needs a token, so it checks the client credentials as well as reachability. */
export async function health(client: IonClient): Promise<void> {
  // No public ION API reference; modelled (see README): GET /v1/health.
  await client.request('health', { method: 'GET', path: '/health' }, z.object({ status: z.literal('UP') }));
}
