import { z } from 'zod';
import { tvEndpointConfig } from '../tv/config';

export const maxiTvConfigSchema = z.object({
  ...tvEndpointConfig,
  /** The provider's static API token from the Maxi TV panel (Authorization: Bearer). */
  apiToken: z.string().min(1),
});
export type MaxiTvConfig = z.output<typeof maxiTvConfigSchema>;

export const assinanteSchema = z.object({
  id: z.number().int(),
  login_radius: z.string(),
  situacao: z.enum(['ATIVO', 'BLOQUEADO']),
  pacote_basico: z.number().int().nullable(),
  adicionais: z.array(z.number().int()),
  pontos: z.array(z.object({ casn: z.string(), localizacao: z.string().nullable() })),
});
export type MaxiTvAssinante = z.output<typeof assinanteSchema>;

/** Single answers come as { assinante }. */
export const assinanteEnvelope = z.object({ assinante: assinanteSchema });

export const pacoteSchema = z.object({ id: z.number().int(), sigla: z.string(), tipo: z.enum(['BASICO', 'ADICIONAL']) });

/** Maxi TV's error body; its `codigo` tells "already so" from real refusals. */
export const hasErrorCode = (body: unknown, code: string) => z.object({ codigo: z.string() }).safeParse(body).data?.codigo === code;

/** Form fields are strings; package ids travel as decimal strings. */
export const packageIdField = z.string().regex(/^\d+$/, 'a numeric package id');
