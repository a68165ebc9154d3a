import { z } from 'zod';
import { tvEndpointConfig } from '../tv/config';

export const neoTvConfigSchema = z.object({
  ...tvEndpointConfig,
  /** HTTP Basic credentials of the provider's NEO TV API user. */
  username: z.string().min(1),
  password: z.string().min(1),
});
export type NeoTvConfig = z.output<typeof neoTvConfigSchema>;

export const userSchema = z.object({
  id_usuario: z.number().int(),
  radius_login: z.string(),
  status: z.enum(['ativo', 'suspenso']),
  pacote_principal: z.string().nullable(),
  pacotes_adicionais: z.array(z.string()),
  pontos: z.array(z.object({ casn: z.string(), local: z.string().nullable() })),
});
export type NeoTvUser = z.output<typeof userSchema>;

/** Single-user answers come as { user }. */
export const userEnvelope = z.object({ user: userSchema });
