import { z } from 'zod';

/**
 * What the platform answers, as subsync reads it. The attributes are the documented ones
 * (docs.streamwise.app: Customers, Accounts, Rooms, Subscriptions, API Resources); members we
 * do not use are not listed and are ignored, so a field the vendor adds never breaks a read.
 */

export const SYSTEM = 'video-resell';
export const DOCS = 'https://docs.streamwise.app/docs';

const metadataSchema = z.record(z.string(), z.unknown());

export const customerSchema = z.object({
  id: z.string().min(1),
  email: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  company_name: z.string().nullable().optional(),
  customer_type: z.enum(['business', 'personal']),
  country: z.string(),
  currency: z.string(),
  status: z.enum(['active', 'inactive', 'suspended', 'terminated']),
  customer_settings: metadataSchema.optional(),
  customer_metadata: metadataSchema.optional(),
});
export type CustomerRecord = z.infer<typeof customerSchema>;

export const userSchema = z.object({ id: z.string().min(1), email: z.string(), first_name: z.string().optional(), last_name: z.string().optional() });
export const associatedUserSchema = userSchema.extend({ owner: z.boolean(), permissions: z.array(z.string()) });

export const subscriptionSchema = z.object({
  id: z.string().min(1),
  package_id: z.string(),
  subscriber_id: z.string(),
  status: z.enum(['active', 'inactive', 'canceled', 'suspended', 'terminated']),
  subscription_metadata: metadataSchema.optional(),
});
export type SubscriptionRecord = z.infer<typeof subscriptionSchema>;

export const accountSchema = z.object({
  id: z.string().min(1),
  account_name: z.string(),
  account_key: z.string(),
  subscriber_id: z.string(),
  subscription_id: z.string(),
  status: z.enum(['active', 'inactive', 'suspended', 'terminated']),
  account_metadata: metadataSchema.optional(),
});
export type AccountRecord = z.infer<typeof accountSchema>;

export const roomSchema = z.object({
  id: z.string().min(1),
  account_id: z.string(),
  room_name: z.string(),
  slug: z.string(),
  url: z.string(),
  is_public: z.boolean(),
  status: z.enum(['active', 'inactive']),
  room_type: z.string(),
  room_settings: metadataSchema.optional(),
  room_metadata: metadataSchema.optional(),
});
export type RoomRecord = z.infer<typeof roomSchema>;

/** `{data: T, meta}`: the platform's envelope for one resource. */
export const one = <S extends z.ZodType>(schema: S) => z.object({ data: schema }).transform((e) => (e as { data: z.output<S> }).data);
/** `{data: T[], meta: {pagination}}`: a list. */
export const many = <S extends z.ZodType>(schema: S) => z.object({ data: z.array(schema) }).transform((e) => (e as { data: z.output<S>[] }).data);

export const credentialSchema = z.object({ id: z.string().min(1), expires_at: z.iso.datetime({ offset: true }), permissions: z.array(z.string()) });
export const tokenSchema = z.object({ token_type: z.string(), expires_in: z.number().int().nonnegative(), access_token: z.string().min(1), refresh_token: z.string().min(1).optional() });
