import { z } from 'zod';

/**
 * Shapes shared by the intercom operations. Intersvyaz publishes no API reference; these
 * follow our model of its client-profile API (see README and simulators/intercom).
 */

/** What a resident can do at an address; the billing side's capability matrix picks a subset. */
export const CAPABILITIES = ['door_key', 'handset_call', 'video_archive', 'app_open'] as const;
export const capabilitySchema = z.enum(CAPABILITIES);

export const addressInputSchema = z.object({
  externalId: z.string().min(1),
  label: z.string().min(1).optional(),
  capabilities: z.array(capabilitySchema),
});
export type AddressInput = z.infer<typeof addressInputSchema>;

export const idempotencyKeySchema = z.string().min(1).max(255);

// Answers accept any capability string: a capability the platform adds later must not break reads.
export const addressSchema = z.object({
  id: z.string().min(1),
  externalId: z.string(),
  label: z.string().optional(),
  capabilities: z.array(z.string()),
});
export type Address = z.infer<typeof addressSchema>;

export const profileSchema = z.object({
  id: z.string().min(1),
  login: z.string(),
  name: z.string().optional(),
  createdAt: z.string(),
  addresses: z.array(addressSchema),
});
export type Profile = z.infer<typeof profileSchema>;
