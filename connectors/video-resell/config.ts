import { z } from 'zod';

export const videoResellConfigSchema = z
  .object({
    /** Platform API root, e.g. https://api.resell.example; tokens at <url>/oauth/token, resources at <url>/api/v1. */
    url: z.url({ protocol: /^https?$/ }),
    /** The API credential (client id and secret) from the platform's API Credentials page. */
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    timeoutMs: z.number().int().positive().default(10_000),
    /** Renew the access token when less than this is left. */
    refreshBeforeSeconds: z.number().int().nonnegative().default(60),
    /** Rotate the API credential when less than this is left before its expiration date. */
    rotateBeforeDays: z.number().positive().default(14),
    /** Validity of a rotated credential (the platform allows up to a year). */
    rotateValidityDays: z.number().positive().max(365).default(90),
    /** How often to look at the credential's expiration date. */
    credentialCheckMinutes: z.number().positive().default(60),
    /** Where a rotated secret is kept (JSON, mode 0600); without it a rotated secret lives in memory only. */
    credentialsFile: z.string().min(1).optional(),
  })
  .strict()
  .refine((c) => c.rotateValidityDays > c.rotateBeforeDays, { message: 'must be longer than rotateBeforeDays', path: ['rotateValidityDays'] });
export type VideoResellConfig = z.infer<typeof videoResellConfigSchema>;
