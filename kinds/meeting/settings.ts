import { z } from 'zod';

/** What one billing plan (tariff) gives on the meeting platform. */
const meetingPlanSchema = z
  .object({
    /** A profile defined on the parent license (display, functions, branding inherited); absent: the platform's standard settings. */
    profile: z.string().min(1).optional(),
    /** Concurrent lines: how many sessions may run at once. */
    lines: z.number().int().min(1).max(1000),
    /** A trial ("Teststellung") that expires after this many days; absent: a full license. */
    trialDays: z.number().int().min(1).max(90).optional(),
  })
  .strict();
export type MeetingPlan = z.infer<typeof meetingPlanSchema>;

/**
 * A `services.<name>` block of kind "meeting": the license platform, the parent license child
 * licenses go under, and what each of billing's plans gives.
 */
export const meetingSettingsSchema = z
  .object({
    /** Platform instance (config name) of a meeting license platform. */
    platform: z.string().min(1),
    /** The parent license new licenses go under; default: the platform's configured one. */
    parentLicense: z.string().min(1).optional(),
    /** Billing's plan code (LANBilling: the tariff id) → profile, lines, trial. */
    plans: z.record(z.string().min(1), meetingPlanSchema).refine((plans) => Object.keys(plans).length > 0, 'name at least one plan'),
    /** The plan of a service billing gives no plan code for. */
    defaultPlan: z.string().min(1).optional(),
  })
  .refine((s) => s.defaultPlan === undefined || s.plans[s.defaultPlan] !== undefined, { message: 'must be one of plans', path: ['defaultPlan'] });
export type MeetingSettings = z.infer<typeof meetingSettingsSchema>;
