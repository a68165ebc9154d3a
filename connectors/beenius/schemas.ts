import { z } from 'zod';
import { tvEndpointConfig } from '../tv/config';

export const beeniusConfigSchema = z.object({
  ...tvEndpointConfig,
  /** OAuth 1.0a consumer credentials issued by the Beenius operator console. */
  consumerKey: z.string().min(1),
  consumerSecret: z.string().min(1),
  /** OAuth 1.0a access token and its secret. */
  token: z.string().min(1),
  tokenSecret: z.string().min(1),
  /** N in application/vnd.beenius+json;version=N. */
  apiVersion: z.number().int().positive().default(9),
});
export type BeeniusConfig = z.output<typeof beeniusConfigSchema>;

/** Beenius list envelope. */
export const listOf = <T extends z.ZodType>(item: T) => z.object({ list: z.array(item), rowCount: z.number().int() });

export const subscriberSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  status: z.enum(['ACTIVE', 'SUSPENDED']),
  authPin: z.string().nullish(),
  baseSubscription: z.object({ id: z.string() }).nullable(),
  subscriptions: z.array(z.object({ id: z.string(), type: z.string() })),
  devices: z.array(z.object({ casn: z.string(), locationName: z.string().nullable() })),
});
export type BeeniusSubscriber = z.output<typeof subscriberSchema>;

export const subscriptionSchema = z.object({
  id: z.string(),
  externalCode: z.string(),
  name: z.string(),
  type: z.enum(['BASE', 'ADDON']),
});
