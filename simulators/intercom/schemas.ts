import { z } from 'zod';

/**
 * Request bodies of the simulated intercom API and the seed format. Intersvyaz publishes no
 * API reference, so these are our model of a clean REST API for its client profiles.
 */
export const CAPABILITIES = ['door_key', 'handset_call', 'video_archive', 'app_open'] as const;
export const capabilitySchema = z.enum(CAPABILITIES);
export type Capability = z.infer<typeof capabilitySchema>;

export const loginSchema = z.string().trim().min(1).max(128).regex(/^\S+$/, 'must not contain whitespace');

export const capabilitiesSchema = z.array(capabilitySchema);

export const addressInputSchema = z.object({
  externalId: z.string().trim().min(1).max(128),
  label: z.string().trim().min(1).max(256).optional(),
  capabilities: capabilitiesSchema,
});
export type AddressInput = z.infer<typeof addressInputSchema>;

export const createClientBodySchema = z.object({
  login: loginSchema,
  name: z.string().trim().min(1).max(256).optional(),
  /** Addresses created with the profile in the same write, so a new profile never exists half-made. */
  addresses: z.array(addressInputSchema).default([]),
});

export const setCapabilitiesBodySchema = z.object({ capabilities: capabilitiesSchema });

export const eventsQuerySchema = z.object({
  after: z.string().regex(/^\d+$/, 'must be an event id returned earlier').optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const findClientsQuerySchema = z.object({ login: loginSchema });

/** Seed format (see README): profiles that already exist on the platform, with their addresses. */
export const seedSchema = z.object({
  profiles: z.array(
    z.object({
      login: loginSchema,
      name: z.string().trim().min(1).max(256).optional(),
      addresses: z.array(addressInputSchema).default([]),
    }),
  ),
});
export type Seed = z.input<typeof seedSchema>;

/** "addresses[0].capabilities[1]": the field a validation issue is about, as a client would name it. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '');
}
