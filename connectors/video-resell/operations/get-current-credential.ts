import type { AxiosInstance } from 'axios';
import { z } from 'zod';
import { PermanentError } from '../../errors';
import { toConnectorError } from '../errors';
import { credentialSchema, one, SYSTEM } from '../schemas';

/** The API credential behind an access token: its id, permissions and expiration date. */
export async function getCurrentCredential(http: AxiosInstance, accessToken: string): Promise<z.output<typeof credentialSchema>> {
  let data: unknown;
  try {
    // Assumed endpoint (the docs describe API credentials but not their API): GET /api/v1/api-credentials/current.
    data = (await http.get('/api/v1/api-credentials/current', { headers: { Authorization: `Bearer ${accessToken}` } })).data;
  } catch (err) {
    throw toConnectorError(SYSTEM, 'getCurrentCredential', err);
  }
  const parsed = one(credentialSchema).safeParse(data);
  if (!parsed.success) throw new PermanentError(SYSTEM, 'getCurrentCredential', 'rejected', `unexpected answer: ${parsed.error.issues[0].path.join('.')}`);
  return parsed.data;
}
