import { z } from 'zod';
import { tvEndpointConfig } from '../tv/config';

export const ionConfigSchema = z.object({
  ...tvEndpointConfig,
  /** OAuth 2 client credentials issued by ION. */
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
});
export type IonConfig = z.output<typeof ionConfigSchema>;

export const tokenSchema = z.object({ access_token: z.string().min(1), token_type: z.string(), expires_in: z.number().positive() });

export const subscriberSchema = z.object({
  subscriber_id: z.string(),
  username: z.string(),
  state: z.enum(['active', 'barred']),
  products: z.array(z.object({ product_id: z.number().int(), type: z.enum(['base', 'addon']) })),
  stbs: z.array(z.object({ serial: z.string(), label: z.string().nullable() })),
});
export type IonSubscriber = z.output<typeof subscriberSchema>;

export const productSchema = z.object({ product_id: z.number().int(), sku: z.string(), type: z.enum(['base', 'addon']) });

/** ION's error body; its `code` tells "already in that state" from real refusals. */
export const errorBody = z.object({ code: z.string() });
export const hasErrorCode = (body: unknown, code: string) => errorBody.safeParse(body).data?.code === code;
