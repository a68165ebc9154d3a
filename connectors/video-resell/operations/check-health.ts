import { VideoResellClient } from '../client';
import { credentialSchema, one } from '../schemas';

/** Succeeds when the platform answers and accepts our credential (a token is obtained on the way). */
export async function checkHealth(client: VideoResellClient): Promise<void> {
  // Assumed endpoint (the docs describe API credentials but not their API): GET /api/v1/api-credentials/current.
  await client.call('health', { method: 'GET', url: '/api-credentials/current' }, one(credentialSchema));
}
