import { z } from 'zod';
import type { CredentialStore } from './credentials';
import type { Customer, ResellPlatform } from './model';

/** Every permission a route checks; a credential lists the ones it has. */
export const VIDEO_RESELL_PERMISSIONS = [
  'read-packages',
  'read-customers',
  'create-customers',
  'update-customers',
  'delete-customers',
  'read-users',
  'create-users',
  'read-subscriptions',
  'create-subscriptions',
  'update-subscriptions',
  'delete-subscriptions',
  'read-accounts',
  'create-accounts',
  'update-accounts',
  'delete-accounts',
  'read-rooms',
  'create-rooms',
  'update-rooms',
  'delete-rooms',
] as const;

const when = z.union([z.iso.datetime({ offset: true }).transform((s) => Date.parse(s)), z.number().int()]);

export const videoResellSeedSchema = z.object({
  packages: z
    .array(
      z.object({
        id: z.string().min(1),
        name: z.string().min(1),
        service_type: z.enum(['meet', 'live', 'video', 'webinar', 'webcast', 'simulcast', 'phone', 'audio', 'audcast']).default('meet'),
        price: z.number().nonnegative().default(0),
        currency: z.string().regex(/^[A-Z]{3}$/).default('EUR'),
        /** Feature tag → value, e.g. { max_rooms: "3" }. */
        features: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
      }),
    )
    .default([]),
  credentials: z
    .array(
      z.object({
        id: z.string().min(1),
        secret: z.string().min(8),
        name: z.string().min(1),
        description: z.string().optional(),
        permissions: z.array(z.enum(VIDEO_RESELL_PERMISSIONS)),
        expires_at: when,
      }),
    )
    .default([]),
  users: z.array(z.object({ email: z.email(), first_name: z.string().min(1), last_name: z.string().min(1) })).default([]),
  /** Customers that exist on the platform already (linked, never created, by subsync). */
  customers: z
    .array(
      z.object({
        email: z.email(),
        first_name: z.string().min(1),
        last_name: z.string().min(1),
        customer_type: z.enum(['business', 'personal']).default('personal'),
        company_name: z.string().optional(),
        country: z.string().regex(/^[A-Z]{2}$/).default('DE'),
        currency: z.string().regex(/^[A-Z]{3}$/).default('EUR'),
      }),
    )
    .default([]),
});
export type VideoResellSeed = z.input<typeof videoResellSeedSchema>;

/** Checks the whole seed first, so a bad one changes nothing, then adds it. */
export function applySeed(platform: ResellPlatform, credentials: CredentialStore, data: unknown): void {
  const parsed = videoResellSeedSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid video-resell seed at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const seed = parsed.data;
  for (const p of seed.packages) {
    const ids = platform.ids();
    platform.packages.set(p.id, {
      ...ids,
      id: p.id,
      name: p.name,
      service_type: p.service_type,
      status: 'active',
      description: '',
      price: p.price,
      currency: p.currency,
      features: Object.entries(p.features).map(([tag, value]) => ({ tag, name: tag, value: String(value) })),
    });
  }
  for (const c of seed.credentials) credentials.create({ id: c.id, secret: c.secret, name: c.name, description: c.description, permissions: c.permissions, expiresAt: c.expires_at });
  for (const u of seed.users) platform.ensureUser(u);
  for (const c of seed.customers) {
    const ids = platform.ids();
    const customer: Customer = {
      ...ids,
      external_id: null,
      tenant_id: null,
      customer_key: ids.id.slice(0, 8).toLowerCase(),
      customer_prefix: null,
      status: 'active',
      email: c.email,
      first_name: c.first_name,
      last_name: c.last_name,
      company_name: c.company_name ?? null,
      customer_type: c.customer_type,
      hostname: null,
      subdomain: ids.id.slice(0, 10).toLowerCase(),
      country: c.country,
      currency: c.currency,
      delinquent: false,
      allowed_domains_origins: [],
      allowed_domains_registration: [],
      customer_settings: {},
      customer_metadata: {},
      ...platform.stamp(),
      users: [],
    };
    platform.associate(customer, platform.ensureUser(c).id, [], true);
    platform.customers.set(customer.id, customer);
  }
}
