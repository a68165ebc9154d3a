import { z } from 'zod';

/**
 * What ISP-Integrator answers, as zod schemas. Money is in centavos (integer). Unknown fields are
 * dropped, missing or mistyped ones make the call fail as PermanentError('rejected') naming them.
 */
/** Extra fields ("Campo Extra") that subsync writes back after Beenius created the subscriber. */
export const BEENIUS_SUBSCRIBER_ID_FIELD = 'ID Assinante Beenius';
export const BEENIUS_AUTH_PIN_FIELD = 'Auth Pin Assinante Beenius';

export const idSchema = z.string().min(1).max(40);
export const centsSchema = z.number().int().nonnegative();
export const dateSchema = z.iso.date();
export const idempotencyKeySchema = z.string().min(1).max(255).optional();
/** The TV platform's code as ISP-Integrator names it; subsync maps it to a configured platform (an unknown one parks that subscriber). */
export const tvPlatformSchema = z.string().trim().min(1).max(60);

/** "Planos e Serviços", aba TV. */
export const planSettingsSchema = z.object({
  id: idSchema,
  name: z.string(),
  allowsTvPlans: z.boolean(),
  releasedPackageId: idSchema.nullable(),
  tvPlatform: tvPlatformSchema.nullable(),
});
export type PlanSettings = z.output<typeof planSettingsSchema>;

export const tvPackageSchema = z.object({
  id: idSchema,
  name: z.string(),
  extra: z.boolean(),
  price: centsSchema,
  platformCode: z.string().min(1),
  channels: z.array(z.object({ name: z.string(), number: z.number().int(), family: z.string() })),
});
export type TvPackage = z.output<typeof tvPackageSchema>;

export const contractedPackageSchema = z.object({
  packageId: idSchema,
  kind: z.enum(['default', 'extra']),
  price: centsSchema,
  status: z.enum(['active', 'cancelled']),
  addedAt: z.string().optional(),
  cancelledAt: z.string().optional(),
});
export type ContractedPackage = z.output<typeof contractedPackageSchema>;

export const pointSchema = z.object({ id: idSchema, location: z.string(), casn: z.string().min(1) });
export type Point = z.output<typeof pointSchema>;

export const contractedPlanSchema = z.object({
  id: idSchema,
  customerId: idSchema,
  planId: idSchema,
  status: z.enum(['active', 'suspended', 'cancelled']),
  radiusLogin: z.string().min(1).optional(),
  packages: z.array(contractedPackageSchema),
  points: z.array(pointSchema),
  extraFields: z.record(z.string(), z.string()),
  updatedAt: z.string().optional(),
});
export type ContractedPlan = z.output<typeof contractedPlanSchema>;

export const customerSchema = z.object({
  id: idSchema,
  name: z.string(),
  document: z.string().optional(),
  plans: z.array(contractedPlanSchema),
});
export type Customer = z.output<typeof customerSchema>;

export const setTopBoxSchema = z.object({
  casn: z.string().min(1),
  assetNumber: z.string().min(1),
  model: z.string().optional(),
  status: z.enum(['available', 'in_use']),
});
export type SetTopBox = z.output<typeof setTopBoxSchema>;

export const billingItemSchema = z.object({ packageId: idSchema, name: z.string(), price: centsSchema });
export type BillingItem = z.output<typeof billingItemSchema>;

/** "Evento de Faturamento". */
export const tvBillingEventSchema = z.object({
  id: idSchema,
  customerId: idSchema,
  contractedPlanId: idSchema,
  dueDate: dateSchema,
  items: z.array(billingItemSchema),
  total: centsSchema,
  status: z.enum(['pending', 'processed']),
  idempotencyKey: z.string(),
  createdAt: z.string().optional(),
  processedAt: z.string().optional(),
});
export type TvBillingEvent = z.output<typeof tvBillingEventSchema>;

/** One row of the "Faturamento TV" listing. */
export const chargedExtrasSchema = z.object({
  customerId: idSchema,
  customerName: z.string(),
  contractedPlanId: idSchema,
  planId: idSchema,
  tvPlatform: tvPlatformSchema.nullable(),
  radiusLogin: z.string().optional(),
  extras: z.array(billingItemSchema).min(1),
  total: centsSchema,
});
export type ChargedExtras = z.output<typeof chargedExtrasSchema>;

/** "Extrato Financeiro". */
export const statementSchema = z.object({
  customerId: idSchema,
  entries: z.array(z.object({ id: z.string(), date: z.string(), description: z.string(), amount: z.number().int(), billingEventId: z.string().optional() })),
  total: z.number().int(),
});
export type Statement = z.output<typeof statementSchema>;

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().min(1).nullable() });
}
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const pageInputSchema = z.object({ cursor: z.string().min(1).optional(), limit: z.number().int().min(1).max(1000).optional() });

/** Addresses one contracted plan ("Planos Ativos") of a customer. */
export const contractedPlanRefSchema = z.object({ customerId: idSchema, contractedPlanId: idSchema });
