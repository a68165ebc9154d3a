import { z } from 'zod';

/** One thing to order: a product of a vendor (CodeMeter firm code + product code) and how many licenses of it. */
const licenseItemSchema = z
  .object({
    firmCode: z.number().int().positive(),
    productCode: z.number().int().nonnegative(),
    quantity: z.number().int().positive().default(1),
  })
  .strict();

/** The items of one plan; an item listed twice would be ordered as two lines of one position, so it is refused. */
const itemListSchema = z.array(licenseItemSchema).superRefine((items, ctx) => {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const key = `${item.firmCode}/${item.productCode}`;
    if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [i], message: `item ${key} is listed twice; give it once with the total quantity` });
    seen.add(key);
  });
});

/**
 * A `services.<name>` block of kind "license": which license server, what each billing plan
 * (LANBilling tariff, ISP-Integrator plan) orders, and what blocking and disabling do.
 */
export const licenseSettingsSchema = z
  .object({
    /** License server instance (config name in `platforms`). */
    platform: z.string().min(1),
    /** Billing's plan code (BillingService.plan) → the items an account on that plan holds. */
    itemsByPlan: z.record(z.string().min(1), itemListSchema).default({}),
    /** The items of a plan `itemsByPlan` does not list (or when billing names no plan). */
    defaultItems: itemListSchema.optional(),
    /** While billing blocks the account: `suspend` the ticket (its licenses cannot be collected) or leave it (`none`). */
    onBlock: z.enum(['suspend', 'none']).default('suspend'),
    /**
     * When billing disables the account or ends the service: `withdraw` the licenses (free ones at
     * once, activated ones at their container's next update; final) or only `suspend` the ticket.
     */
    onDisable: z.enum(['withdraw', 'suspend']).default('withdraw'),
    /** Billing field the ticket number is written to (a LANBilling vgroup addon, an ISP-Integrator extra field); none: no write-back. */
    ticketField: z.string().min(1).optional(),
  })
  .strict()
  .refine((s) => Object.keys(s.itemsByPlan).length > 0 || s.defaultItems !== undefined, {
    message: 'name the items to order: itemsByPlan (per billing plan or tariff) and/or defaultItems',
    path: ['itemsByPlan'],
  });
export type LicenseSettings = z.output<typeof licenseSettingsSchema>;
export type LicenseItemSetting = z.output<typeof licenseItemSchema>;
