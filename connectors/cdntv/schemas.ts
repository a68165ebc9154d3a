import { z } from 'zod';
import { tvEndpointConfig } from '../tv/config';

export const cdnTvConfigSchema = z.object({
  ...tvEndpointConfig,
  /** The provider's API key from the CDN TV panel, sent as X-Api-Key. */
  apiKey: z.string().min(1),
});
export type CdnTvConfig = z.output<typeof cdnTvConfigSchema>;

export const customerSchema = z.object({
  id: z.string(),
  login: z.string(),
  status: z.enum(['enabled', 'disabled']),
  plan: z.string().nullable(),
  addons: z.array(z.string()),
  set_top_boxes: z.array(z.object({ casn: z.string(), room: z.string().nullable() })),
});
export type CdnTvCustomer = z.output<typeof customerSchema>;

/** CDN TV wraps every answer in { data }. */
export const envelope = <T extends z.ZodType>(data: T) => z.object({ data });
export const customerEnvelope = envelope(customerSchema);
