import type { AxiosInstance } from 'axios';
import { z } from 'zod';
import { PermanentError } from '../../errors';
import { toConnectorError } from '../errors';
import { SYSTEM, tokenSchema } from '../schemas';

export type TokenRequest =
  | { grant_type: 'client_credentials'; client_id: string; client_secret: string }
  | { grant_type: 'refresh_token'; client_id: string; client_secret: string; refresh_token: string };

/** Exchanges the API credential (or a refresh token) for a bearer access token. */
export async function requestToken(http: AxiosInstance, body: TokenRequest): Promise<z.output<typeof tokenSchema>> {
  let data: unknown;
  try {
    // Vendor doc: https://docs.streamwise.app/docs/api/authentication (POST /oauth/token, refresh_token grant). The client_credentials grant for API credentials is assumed.
    data = (await http.post('/oauth/token', body)).data;
  } catch (err) {
    throw toConnectorError(SYSTEM, `token:${body.grant_type}`, err);
  }
  const parsed = tokenSchema.safeParse(data);
  if (!parsed.success) throw new PermanentError(SYSTEM, `token:${body.grant_type}`, 'rejected', `unexpected token answer: ${parsed.error.issues[0].path.join('.')}`);
  return parsed.data;
}
