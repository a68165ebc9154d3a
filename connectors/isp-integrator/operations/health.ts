import { z } from 'zod';
import type { IspIntegratorClient } from '../client';

const healthSchema = z.object({ status: z.literal('ok') });

/** A cheap authenticated call: fails with PermanentError('auth') on a bad token, TransientError when down. */
export async function health(client: IspIntegratorClient): Promise<void> {
  // No public API doc; modelled as an authenticated status probe (see README).
  await client.call('health', { method: 'GET', path: '/health' }, healthSchema);
}
