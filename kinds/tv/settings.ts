import { z } from 'zod';

/** A `services.<name>` block of kind "tv": TV goes to whichever platform billing names for each plan. */
export const tvSettingsSchema = z.object({
  /** Billing's TV platform code ("beenius") → platform instance (config name); codes not listed name the instance directly. */
  platformByCode: z.record(z.string(), z.string().min(1)).default({}),
});
export type TvSettings = z.infer<typeof tvSettingsSchema>;
