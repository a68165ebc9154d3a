import { z } from 'zod';

/**
 * A Standard Webhooks secret: `whsec_` and the base64 of 24 to 64 random bytes (the spec's
 * "Signing secret", symmetric HMAC-SHA256). Checked by decoding, so a typo fails at start.
 */
export const webhookSecretSchema = z
  .string()
  .regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, 'a Standard Webhooks secret: whsec_ followed by base64')
  .refine((s) => {
    const bytes = Buffer.from(s.slice('whsec_'.length), 'base64').length;
    return bytes >= 24 && bytes <= 64;
  }, 'the secret must decode to 24..64 bytes (the spec asks for at least 24 random bytes)');

/** One webhook endpoint: where to POST, and the secrets to sign with. */
export const webhookEndpointSchema = z.object({
  url: z.url(),
  /**
   * Every secret signs every message; the receiver accepts any one. Rotation: add the new secret
   * in front, let the receiver learn it, then drop the old one (zero downtime, per the spec).
   */
  secrets: z.array(webhookSecretSchema).min(1),
  /** Per attempt; the spec recommends 15 to 30 s. */
  timeoutMs: z.number().int().min(100).max(120_000).default(15_000),
  /** Sockets kept open to the endpoint (also caps concurrent requests). */
  maxSockets: z.number().int().min(1).max(1000).default(64),
});
export type WebhookEndpointConfig = z.output<typeof webhookEndpointSchema>;
export type WebhookEndpointConfigInput = z.input<typeof webhookEndpointSchema>;
