import { z } from 'zod';
import { IntercomClient } from '../client';

const responseSchema = z.object({ status: z.literal('ok') });

/** Succeeds when the platform answers and accepts our token (health is behind auth too). */
export async function checkHealth(client: IntercomClient): Promise<void> {
  // No public API doc (Intersvyaz); modelled REST API: GET /api/v1/health, see connectors/intercom/README.md.
  await client.call('health', { method: 'GET', url: '/health' }, responseSchema);
}
