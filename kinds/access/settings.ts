import { z } from 'zod';

/** Which capabilities the platform grants in each state of the account: configuration, not code. */
export const capabilityMatrixSchema = z.object({
  /** Account active and the service's periodic service active. */
  active: z.array(z.string()),
  /** Account blocked for any reason (manager, insufficient funds, ...): partial blocking. */
  blocked: z.array(z.string()),
  /** Linked, but not yet activated or the service not yet added. */
  inactive: z.array(z.string()).default([]),
});
export type CapabilityMatrix = z.infer<typeof capabilityMatrixSchema>;

/** A `services.<name>` block of kind "access": the platform instance and its capability matrix. */
export const accessSettingsSchema = z.object({
  /** Platform instance (config name) that delivers the service. */
  platform: z.string().min(1),
  capabilities: capabilityMatrixSchema.default({ active: [], blocked: [], inactive: [] }),
});
export type AccessSettings = z.infer<typeof accessSettingsSchema>;
