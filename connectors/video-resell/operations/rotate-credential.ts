import type { AxiosInstance } from 'axios';
import { z } from 'zod';
import { PermanentError } from '../../errors';
import { toConnectorError } from '../errors';
import { credentialSchema, one, SYSTEM } from '../schemas';

const rotatedSchema = one(credentialSchema.extend({ client_secret: z.string().min(1) }));

/** Issues a new secret for the credential with a new expiration date; the old secret keeps working for a grace period. */
export async function rotateCredential(http: AxiosInstance, accessToken: string, input: { credentialId: string; expiresAt: string }): Promise<z.output<typeof rotatedSchema>> {
  let data: unknown;
  try {
    // Assumed endpoint (the docs describe API credentials but not their rotation): POST /api/v1/api-credentials/{id}/rotate.
    data = (await http.post(`/api/v1/api-credentials/${encodeURIComponent(input.credentialId)}/rotate`, { expires_at: input.expiresAt }, { headers: { Authorization: `Bearer ${accessToken}` } })).data;
  } catch (err) {
    throw toConnectorError(SYSTEM, 'rotateCredential', err);
  }
  const parsed = rotatedSchema.safeParse(data);
  if (!parsed.success) throw new PermanentError(SYSTEM, 'rotateCredential', 'rejected', `unexpected answer: ${parsed.error.issues[0].path.join('.')}`);
  return parsed.data;
}
