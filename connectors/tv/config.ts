import { z } from 'zod';

/** Config fields every TV connector has; each adds its own credentials. */
export const tvEndpointConfig = {
  /** The platform's base URL without the API path, e.g. https://tv.example.net. */
  url: z.url().transform((u) => u.replace(/\/+$/, '')),
  /** Per-request timeout in ms; a call that times out is a TransientError. */
  timeoutMs: z.number().int().positive().default(10_000),
};
