import { z } from 'zod';
import { tvEndpointConfig } from '../tv/config';

export const mcrConfigSchema = z.object({
  ...tvEndpointConfig,
  /** The provider's MCR API token, sent in every call's body. */
  token: z.string().min(1),
});
export type McrConfig = z.output<typeof mcrConfigSchema>;

/** Every MCR answer, success or failure, comes as HTTP 200 with this envelope. */
export const envelopeSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ok'), result: z.unknown() }),
  z.object({ status: z.literal('error'), error: z.object({ code: z.string(), message: z.string() }) }),
]);

export const detailSchema = z.object({
  code: z.string(),
  login: z.string(),
  situation: z.enum(['A', 'S']),
  base: z.string().nullable(),
  extras: z.array(z.string()),
  points: z.array(z.object({ casn: z.string(), place: z.string().nullable() })),
});
export type McrDetail = z.output<typeof detailSchema>;

/** What subscriber-changing calls return. */
export const subscriberResult = z.object({ subscriber: detailSchema });
