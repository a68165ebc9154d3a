import { noContent } from '../../tv/http';
import type { IonClient } from '../client';
import { hasErrorCode } from '../schemas';

/** 404 STB_NOT_ASSIGNED: the box is not there, which is what we want. */
export async function releaseStb(client: IonClient, id: string, casn: string, idempotencyKey: string): Promise<void> {
  // No public ION API reference; modelled (see README): DELETE /v1/subscribers/{id}/stbs/{serial}.
  await client.write('unbindDevice', { method: 'DELETE', path: `/subscribers/${encodeURIComponent(id)}/stbs/${encodeURIComponent(casn)}`, idempotencyKey }, noContent, (status, answer) => status === 404 && hasErrorCode(answer, 'STB_NOT_ASSIGNED'));
}
