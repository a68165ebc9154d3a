import { randomUUID } from 'node:crypto';
import { randomId } from './credentials';

/**
 * The resell platform's entities as its documentation describes them: customers (the billable
 * party, e-mail as primary identifier) own subscriptions and accounts; an account is bound to a
 * subscription and has exactly one owner user; users are associated with customers, accounts
 * and rooms with permissions per association; rooms belong to an account. Field names are the
 * documented snake_case attributes; the routes render these records as they are.
 */
export type CustomerStatus = 'active' | 'inactive' | 'suspended' | 'terminated';

export interface Association {
  user_id: string;
  owner: boolean;
  permissions: string[];
}

export interface Customer {
  id: string;
  uuid: string;
  ulid: string;
  external_id: string | null;
  tenant_id: string | null;
  customer_key: string;
  customer_prefix: string | null;
  status: CustomerStatus;
  email: string;
  first_name: string;
  last_name: string;
  company_name: string | null;
  customer_type: 'business' | 'personal';
  hostname: string | null;
  subdomain: string;
  country: string;
  currency: string;
  delinquent: boolean;
  allowed_domains_origins: string[];
  allowed_domains_registration: string[];
  customer_settings: Record<string, unknown>;
  customer_metadata: Record<string, unknown>;
  created_at: string;
  updated_at: string;
  users: Association[];
}

export interface User {
  id: string;
  uuid: string;
  ulid: string;
  first_name: string;
  last_name: string;
  full_name: string;
  email: string;
  status: 'active' | 'inactive';
  locale: string | null;
  timezone: string | null;
  user_settings: Record<string, unknown>;
  user_metadata: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

export interface PackageFeature {
  tag: string;
  name: string;
  value: string;
}

export interface ServicePackage {
  id: string;
  uuid: string;
  ulid: string;
  name: string;
  service_type: string;
  status: 'active' | 'inactive';
  description: string;
  price: number;
  currency: string;
  features: PackageFeature[];
}

export type SubscriptionStatus = 'active' | 'inactive' | 'canceled' | 'suspended' | 'terminated';

export interface Subscription {
  id: string;
  uuid: string;
  ulid: string;
  tag: string;
  name: string;
  description: string;
  package_id: string;
  subscriber_id: string;
  service_type: string;
  status: SubscriptionStatus;
  is_active: boolean;
  starts_at: string;
  ends_at: string | null;
  price: number;
  currency: string;
  subscription_metadata: Record<string, unknown>;
  features: PackageFeature[];
  created_at: string;
  updated_at: string;
}

export type AccountStatus = 'active' | 'inactive' | 'suspended' | 'terminated';

export interface Account {
  id: string;
  uuid: string;
  ulid: string;
  account_name: string;
  account_key: string;
  tag: string;
  code: string;
  subscriber_id: string;
  subscription_id: string;
  status: AccountStatus;
  account_settings: Record<string, unknown>;
  account_metadata: Record<string, unknown>;
  created_at: string;
  updated_at: string;
  users: Association[];
}

export interface Room {
  id: string;
  uuid: string;
  ulid: string;
  customer_id: string;
  account_id: string;
  subscription_id: string;
  room_name: string;
  status: 'active' | 'inactive';
  is_public: boolean;
  room_type: string;
  slug: string;
  url: string;
  room_features: Record<string, unknown>;
  room_settings: Record<string, unknown>;
  room_metadata: Record<string, unknown>;
  created_at: string;
  updated_at: string;
  users: Association[];
}

export interface PlatformEvent {
  seq: number;
  at: string;
  type: string;
  id: string;
}

/** A refusal the routes render as the platform's JSON error. */
export class PlatformError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: Record<string, string[]>,
  ) {
    super(message);
  }
}

export const invalid = (field: string, message: string) => new PlatformError(422, 'The given data was invalid.', { [field]: [message] });
export const notFound = () => new PlatformError(404, 'The requested Resource was not found.');

export class ResellPlatform {
  readonly packages = new Map<string, ServicePackage>();
  readonly customers = new Map<string, Customer>();
  readonly users = new Map<string, User>();
  readonly subscriptions = new Map<string, Subscription>();
  readonly accounts = new Map<string, Account>();
  readonly rooms = new Map<string, Room>();
  readonly events: PlatformEvent[] = [];

  constructor(
    readonly now: () => number,
    /** Where rooms are reached, e.g. https://meet.example; a room's url is <publicUrl>/rooms/<id>/<slug>. */
    readonly publicUrl: string,
  ) {}

  reset(): void {
    for (const m of [this.packages, this.customers, this.users, this.subscriptions, this.accounts, this.rooms]) m.clear();
    this.events.length = 0;
  }

  stamp(): { created_at: string; updated_at: string } {
    const at = new Date(this.now()).toISOString();
    return { created_at: at, updated_at: at };
  }

  ids(): { id: string; uuid: string; ulid: string } {
    return { id: randomId(16), uuid: randomUUID(), ulid: `${this.now().toString(36).padStart(10, '0')}${randomId(16)}`.toLowerCase() };
  }

  log(type: string, id: string): void {
    this.events.push({ seq: this.events.length + 1, at: new Date(this.now()).toISOString(), type, id });
  }

  touch<T extends { updated_at: string }>(entity: T): T {
    entity.updated_at = new Date(this.now()).toISOString();
    return entity;
  }

  userByEmail(email: string): User | undefined {
    const wanted = email.toLowerCase();
    for (const u of this.users.values()) if (u.email.toLowerCase() === wanted) return u;
    return undefined;
  }

  /** The user with this e-mail, created when there is none (as the platform does for a new customer's owner). */
  ensureUser(input: { email: string; first_name: string; last_name: string }): User {
    const existing = this.userByEmail(input.email);
    if (existing) return existing;
    const user: User = {
      ...this.ids(),
      first_name: input.first_name,
      last_name: input.last_name,
      full_name: `${input.first_name} ${input.last_name}`.trim(),
      email: input.email,
      status: 'active',
      locale: null,
      timezone: null,
      user_settings: {},
      user_metadata: {},
      ...this.stamp(),
    };
    this.users.set(user.id, user);
    this.log('user.created', user.id);
    return user;
  }

  /** Associates a user with permissions; `owner` moves ownership to this user (there is exactly one owner). */
  associate(entity: { users: Association[] }, userId: string, permissions: string[], owner: boolean): Association {
    let association = entity.users.find((a) => a.user_id === userId);
    if (!association) {
      association = { user_id: userId, owner: false, permissions: [] };
      entity.users.push(association);
    }
    association.permissions = [...new Set(permissions)];
    if (owner) for (const a of entity.users) a.owner = a === association;
    return association;
  }

  ownerOf(entity: { users: Association[] }): User | undefined {
    const owner = entity.users.find((a) => a.owner);
    return owner ? this.users.get(owner.user_id) : undefined;
  }

  feature(subscription: Subscription, tag: string): number | undefined {
    const value = subscription.features.find((f) => f.tag === tag)?.value;
    return value === undefined ? undefined : Number(value);
  }
}

export function slugify(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'room'
  );
}
