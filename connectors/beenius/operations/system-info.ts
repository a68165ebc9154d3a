import { z } from 'zod';
import type { BeeniusClient } from '../client';

/** A signed, versioned call: proves reachability, credentials and media-type version in one go. */
export async function systemInfo(client: BeeniusClient): Promise<void> {
  // No public Beenius reference; modelled (see README): GET /restapi/rest/1/system/info.
  await client.request('health', { method: 'GET', path: '/system/info' }, z.object({ apiVersions: z.array(z.number()) }));
}
