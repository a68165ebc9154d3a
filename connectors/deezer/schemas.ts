import { z } from 'zod';
import { tvEndpointConfig } from '../tv/config';

export const deezerConfigSchema = z.object({
  ...tvEndpointConfig,
  /** The partner access token Cariap issues with the Deezer contract. */
  accessToken: z.string().min(1),
});
export type DeezerConfig = z.output<typeof deezerConfigSchema>;

export const accountSchema = z.object({
  id: z.number().int(),
  partner_login: z.string(),
  status: z.enum(['active', 'paused']),
  offer: z.string().nullable(),
  options: z.array(z.string()),
});
export type DeezerAccount = z.output<typeof accountSchema>;
