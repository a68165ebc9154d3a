import { z } from 'zod';

const roomSchema = z
  .object({
    /** Our stable key of the room within the account ("main"); renaming a room keeps its key. */
    key: z.string().min(1).max(100),
    name: z.string().min(1).max(200),
    isPublic: z.boolean().default(false),
    settings: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

/** What one billing plan (tariff) gives on the video rooms platform. */
const videoPlanSchema = z
  .object({
    /** The platform's service package the account's subscription is of. */
    package: z.string().min(1),
    /** Exactly the rooms the plan gives (the customer's own rooms are left alone). */
    rooms: z.array(roomSchema).min(1).refine((rooms) => new Set(rooms.map((r) => r.key)).size === rooms.length, 'room keys must be unique'),
  })
  .strict();
export type VideoPlan = z.infer<typeof videoPlanSchema>;

/**
 * A `services.<name>` block of kind "video-rooms": the resell platform, what each of billing's
 * plans gives, and what the platform needs of a customer that billing does not hold.
 */
export const videoRoomsSettingsSchema = z
  .object({
    platform: z.string().min(1),
    /** Billing's plan code (LANBilling: the tariff id) → service package and rooms. */
    plans: z.record(z.string().min(1), videoPlanSchema).refine((plans) => Object.keys(plans).length > 0, 'name at least one plan'),
    defaultPlan: z.string().min(1).optional(),
    /** The customer's country, currency and language on the platform (billing holds none of them). */
    customer: z
      .object({
        country: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code such as RU'),
        currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as RUB'),
        language: z.string().regex(/^[a-z]{2}$/, 'an ISO 639-1 code such as ru').optional(),
      })
      .strict(),
    /**
     * How billing writes a person's name: "surname-first" (LANBilling's "Фамилия Имя Отчество")
     * or "given-first"; the platform wants first and last name apart.
     */
    nameOrder: z.enum(['surname-first', 'given-first']).default('surname-first'),
  })
  .refine((s) => s.defaultPlan === undefined || s.plans[s.defaultPlan] !== undefined, { message: 'must be one of plans', path: ['defaultPlan'] });
export type VideoRoomsSettings = z.infer<typeof videoRoomsSettingsSchema>;
