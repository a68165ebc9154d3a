import { noContent } from '../../tv/http';
import type { BeeniusClient } from '../client';

export async function unbindDevice(client: BeeniusClient, id: number, casn: string, idempotencyKey: string): Promise<void> {
  // No public Beenius reference; modelled (see README): DELETE /restapi/rest/1/subscribers/{id}/devices/{casn}.
  await client.request('unbindDevice', { method: 'DELETE', path: `/subscribers/${id}/devices/${encodeURIComponent(casn)}`, idempotencyKey }, noContent);
}
