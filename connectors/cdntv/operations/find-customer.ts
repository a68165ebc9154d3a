import { z } from 'zod';
import type { CdnTvClient } from '../client';
import { CdnTvCustomer, customerSchema, envelope } from '../schemas';

export async function findCustomer(client: CdnTvClient, login: string): Promise<CdnTvCustomer | null> {
  // No public CDN TV API reference (integrations are set up with CDN TV support, see README); modelled: GET /api/v2/customers?login=<RADIUS login>.
  const res = await client.request('findSubscriber', { method: 'GET', path: '/customers', params: { login } }, envelope(z.array(customerSchema)));
  return res.data.find((c) => c.login === login) ?? null;
}
