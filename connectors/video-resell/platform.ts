import { createHash } from 'node:crypto';
import { z } from 'zod';
import { PermanentError } from '../errors';
import type { EnsureVideoAccountInput, VideoAccountView, VideoCustomer, VideoCustomerInput, VideoRoom, VideoRoomsPlatform } from '../video-rooms/port';
import type { Logger } from '../../domain/logger';
import { parseInput, VideoResellClient } from './client';
import { associateAccountUser } from './operations/associate-account-user';
import { checkHealth } from './operations/check-health';
import { createAccount } from './operations/create-account';
import { createCustomer } from './operations/create-customer';
import { createRoom } from './operations/create-room';
import { createSubscription } from './operations/create-subscription';
import { createUser } from './operations/create-user';
import { deleteAccount } from './operations/delete-account';
import { deleteCustomer } from './operations/delete-customer';
import { deleteRoom } from './operations/delete-room';
import { deleteSubscription } from './operations/delete-subscription';
import { findAccountByKey } from './operations/find-account-by-key';
import { findCustomerByEmail } from './operations/find-customer-by-email';
import { findUserByEmail } from './operations/find-user-by-email';
import { getCustomer } from './operations/get-customer';
import { getSubscription } from './operations/get-subscription';
import { listAccountUsers } from './operations/list-account-users';
import { listAccounts } from './operations/list-accounts';
import { listRooms } from './operations/list-rooms';
import { listSubscriptions } from './operations/list-subscriptions';
import { updateAccount } from './operations/update-account';
import { updateCustomer } from './operations/update-customer';
import { updateRoom } from './operations/update-room';
import { updateSubscription } from './operations/update-subscription';
import { AccountRecord, CustomerRecord, RoomRecord, SubscriptionRecord, SYSTEM } from './schemas';

/** Marks what subsync created, so it only ever removes its own customers and rooms. */
const MANAGED_BY = 'subsync';
const ROOM_KEY = 'subsync_room_key';

const customerInputSchema = z
  .object({
    email: z.email(),
    type: z.enum(['business', 'personal']),
    firstName: z.string().min(1).max(100),
    lastName: z.string().min(1).max(100),
    companyName: z.string().min(1).max(200).optional(),
    country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code'),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code'),
    language: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'must be an ISO 639-1 code').optional(),
  })
  .refine((c) => c.type !== 'business' || c.companyName !== undefined, { message: 'is required for business customers', path: ['companyName'] });
const roomSpecSchema = z.object({ key: z.string().min(1).max(100), name: z.string().min(1).max(200), isPublic: z.boolean().default(false), settings: z.record(z.string(), z.unknown()).optional() });
const ensureAccountSchema = z.object({
  externalId: z.string().min(1).max(200),
  customer: customerInputSchema,
  accountName: z.string().min(1).max(200),
  plan: z.string().min(1),
  owner: z.object({ email: z.email(), firstName: z.string().min(1), lastName: z.string().min(1) }).optional(),
  rooms: z.array(roomSpecSchema).refine((rooms) => new Set(rooms.map((r) => r.key)).size === rooms.length, { message: 'room keys must be unique' }),
});
const externalIdSchema = z.object({ externalId: z.string().min(1).max(200) });

/**
 * The video resell platform as a VideoRoomsPlatform. Nothing here is created without first
 * looking for it by the platform's own identifiers: the customer by e-mail (its primary
 * identifier), the subscription by the account key in its metadata, the account by its unique
 * account key (derived from the billing side's externalId), a room by our room key in its
 * metadata. A create that loses a race (422 "already taken") looks again and uses what it finds.
 */
export class VideoResellPlatform implements VideoRoomsPlatform {
  readonly kind = 'video-resell';

  constructor(
    readonly name: string,
    private readonly client: VideoResellClient,
    private readonly logger: Logger,
  ) {}

  async ensureCustomer(input: VideoCustomerInput): Promise<{ customer: VideoCustomer; linked: boolean }> {
    const wanted = parseInput('ensureCustomer', customerInputSchema, input);
    const existing = await findCustomerByEmail(this.client, { email: wanted.email });
    if (existing) return { customer: customerView(existing), linked: true };
    try {
      const created = await createCustomer(this.client, {
        customer_type: wanted.type,
        first_name: wanted.firstName,
        last_name: wanted.lastName,
        email: wanted.email,
        company_name: wanted.companyName,
        country: wanted.country,
        currency: wanted.currency,
        language: wanted.language,
        customer_metadata: { managed_by: MANAGED_BY },
      });
      this.logger.info({ customerId: created.id }, 'video-resell customer created');
      return { customer: customerView(created), linked: false };
    } catch (err) {
      const raced = takenRace(err, 'email') ? await findCustomerByEmail(this.client, { email: wanted.email }) : undefined;
      if (!raced) throw err;
      return { customer: customerView(raced), linked: true };
    }
  }

  async ensureAccount(input: EnsureVideoAccountInput): Promise<{ account: VideoAccountView; created: boolean; customerLinked: boolean }> {
    const wanted = parseInput('ensureAccount', ensureAccountSchema, input);
    const { customer, linked } = await this.ensureCustomer(wanted.customer);
    const key = accountKeyOf(wanted.externalId);
    let account = await findAccountByKey(this.client, { accountKey: key });
    let created = false;
    if (account && account.subscriber_id !== customer.id) {
      throw new PermanentError(SYSTEM, 'ensureAccount', 'conflict', `account "${key}" belongs to another customer than ${wanted.customer.email}`);
    }
    if (!account) {
      const subscription = await this.ensureSubscription(customer.id, key, wanted.externalId, wanted.plan);
      ({ account, created } = await this.createAccount(subscription.id, key, wanted.externalId, wanted.accountName));
    } else {
      const subscription = await getSubscription(this.client, { subscriptionId: account.subscription_id });
      if (subscription.package_id !== wanted.plan) {
        throw new PermanentError(SYSTEM, 'ensureAccount', 'conflict', `account "${key}" is on plan "${subscription.package_id}", not "${wanted.plan}"; a plan change needs a new subscription`);
      }
      // An earlier removal that stopped after deactivating leaves the account inactive: bring it back.
      const changes = { ...(account.account_name !== wanted.accountName ? { account_name: wanted.accountName } : {}), ...(account.status === 'inactive' ? { status: 'active' as const } : {}) };
      if (Object.keys(changes).length > 0) account = await updateAccount(this.client, { accountId: account.id, changes });
    }
    if (wanted.owner) await this.ensureOwner(account.id, wanted.owner);
    await this.ensureRooms(account, wanted.externalId, wanted.rooms);
    return { account: await this.view(account, wanted.externalId), created, customerLinked: linked };
  }

  suspendAccount(input: { externalId: string }): Promise<VideoAccountView> {
    return this.setStatus('suspendAccount', input, 'suspended');
  }

  resumeAccount(input: { externalId: string }): Promise<VideoAccountView> {
    return this.setStatus('resumeAccount', input, 'active');
  }

  /**
   * Deactivates and deletes the account and its subscription (the platform deletes only
   * inactive ones), then the customer when subsync created it and nothing of it is left.
   * Every step looks first, so a retry after a partial run finishes the job.
   */
  async removeAccount(input: { externalId: string; customerEmail: string }): Promise<{ removed: boolean; customerRemoved: boolean }> {
    const { externalId, customerEmail } = parseInput('removeAccount', externalIdSchema.extend({ customerEmail: z.email() }), input);
    const key = accountKeyOf(externalId);
    const customer = await findCustomerByEmail(this.client, { email: customerEmail });
    const account = await findAccountByKey(this.client, { accountKey: key });
    if (account) {
      if (account.status !== 'inactive') await updateAccount(this.client, { accountId: account.id, changes: { status: 'inactive' } });
      await ignoringNotFound(deleteAccount(this.client, { accountId: account.id }));
    }
    const customerId = account?.subscriber_id ?? customer?.id;
    if (customerId !== undefined) {
      for (const subscription of (await listSubscriptions(this.client, { customerId })).filter((s) => s.subscription_metadata?.account_key === key)) {
        if (subscription.status !== 'inactive') await updateSubscription(this.client, { subscriptionId: subscription.id, changes: { status: 'inactive' } });
        await ignoringNotFound(deleteSubscription(this.client, { subscriptionId: subscription.id }));
      }
    }
    let customerRemoved = false;
    if (customer && customer.customer_metadata?.managed_by === MANAGED_BY) {
      const [accounts, subscriptions] = await Promise.all([listAccounts(this.client, { customerId: customer.id }), listSubscriptions(this.client, { customerId: customer.id })]);
      if (accounts.length === 0 && subscriptions.length === 0) {
        if (customer.status !== 'terminated') await updateCustomer(this.client, { customerId: customer.id, changes: { status: 'terminated' } });
        await ignoringNotFound(deleteCustomer(this.client, { customerId: customer.id }));
        customerRemoved = true;
      }
    }
    this.logger.info({ accountKey: key, removed: account !== undefined, customerRemoved }, 'video-resell account removed');
    return { removed: account !== undefined, customerRemoved };
  }

  async readAccount(input: { externalId: string }): Promise<VideoAccountView | undefined> {
    const { externalId } = parseInput('readAccount', externalIdSchema, input);
    const account = await findAccountByKey(this.client, { accountKey: accountKeyOf(externalId) });
    return account ? this.view(account, externalId) : undefined;
  }

  health(): Promise<void> {
    return checkHealth(this.client);
  }

  private async ensureSubscription(customerId: string, key: string, externalId: string, plan: string): Promise<SubscriptionRecord> {
    const mine = (await listSubscriptions(this.client, { customerId })).find((s) => s.subscription_metadata?.account_key === key && s.status !== 'inactive');
    if (mine) return mine;
    return createSubscription(this.client, { package_id: plan, subscriber_id: customerId, subscription_metadata: { account_key: key, external_id: externalId, managed_by: MANAGED_BY } });
  }

  private async createAccount(subscriptionId: string, key: string, externalId: string, accountName: string): Promise<{ account: AccountRecord; created: boolean }> {
    try {
      const account = await createAccount(this.client, { subscription_id: subscriptionId, account_name: accountName, account_key: key, account_metadata: { external_id: externalId, managed_by: MANAGED_BY } });
      this.logger.info({ accountId: account.id, accountKey: key }, 'video-resell account created');
      return { account, created: true };
    } catch (err) {
      const raced = takenRace(err, 'account_key') ? await findAccountByKey(this.client, { accountKey: key }) : undefined;
      if (!raced) throw err;
      return { account: raced, created: false };
    }
  }

  /** Makes this user (found by e-mail, created if new) the account's one owner; no write when it already is. */
  private async ensureOwner(accountId: string, owner: { email: string; firstName: string; lastName: string }): Promise<void> {
    const users = await listAccountUsers(this.client, { accountId });
    if (users.some((u) => u.owner && u.email.toLowerCase() === owner.email.toLowerCase())) return;
    let user = await findUserByEmail(this.client, { email: owner.email });
    if (!user) {
      try {
        user = await createUser(this.client, { email: owner.email, first_name: owner.firstName, last_name: owner.lastName });
      } catch (err) {
        user = takenRace(err, 'email') ? await findUserByEmail(this.client, { email: owner.email }) : undefined;
        if (!user) throw err;
      }
    }
    await associateAccountUser(this.client, { accountId, user_id: user.id, permissions: [], owner: true });
  }

  /** The plan's rooms, exactly: missing ones created, changed ones updated, managed ones no longer in the plan removed first (they count against the plan's room limit). */
  private async ensureRooms(account: AccountRecord, externalId: string, specs: z.output<typeof roomSpecSchema>[]): Promise<void> {
    const rooms = await listRooms(this.client, { accountId: account.id });
    const byKey = new Map(rooms.filter((r) => typeof r.room_metadata?.[ROOM_KEY] === 'string').map((r) => [r.room_metadata![ROOM_KEY] as string, r]));
    const wantedKeys = new Set(specs.map((s) => s.key));
    for (const [key, room] of byKey) if (!wantedKeys.has(key)) await ignoringNotFound(deleteRoom(this.client, { roomId: room.id }));
    for (const spec of specs) {
      const room = byKey.get(spec.key);
      if (!room) {
        await createRoom(this.client, { account_id: account.id, room_name: spec.name, is_public: spec.isPublic, room_settings: spec.settings, room_metadata: { [ROOM_KEY]: spec.key, external_id: externalId } });
        continue;
      }
      const changes = roomChanges(room, spec);
      if (changes) await updateRoom(this.client, { roomId: room.id, changes });
    }
  }

  private async setStatus(operation: string, input: { externalId: string }, status: 'active' | 'suspended'): Promise<VideoAccountView> {
    const { externalId } = parseInput(operation, externalIdSchema, input);
    let account = await findAccountByKey(this.client, { accountKey: accountKeyOf(externalId) });
    if (!account) throw new PermanentError(SYSTEM, operation, 'not_found', `no account for "${externalId}"`);
    if (account.status !== status) {
      account = await updateAccount(this.client, { accountId: account.id, changes: { status } });
      this.logger.info({ accountId: account.id, status }, `video-resell account ${status}`);
    }
    return await this.view(account, externalId);
  }

  private async view(account: AccountRecord, externalId: string): Promise<VideoAccountView> {
    const [customer, subscription, users, rooms] = await Promise.all([
      getCustomer(this.client, { customerId: account.subscriber_id }),
      getSubscription(this.client, { subscriptionId: account.subscription_id }),
      listAccountUsers(this.client, { accountId: account.id }),
      listRooms(this.client, { accountId: account.id }),
    ]);
    const owner = users.find((u) => u.owner);
    return {
      externalId,
      customerId: account.subscriber_id,
      customerEmail: customer.email,
      accountId: account.id,
      accountKey: account.account_key,
      accountName: account.account_name,
      status: account.status,
      subscriptionId: subscription.id,
      plan: subscription.package_id,
      ...(owner ? { owner: { userId: owner.id, email: owner.email } } : {}),
      rooms: rooms.map(roomView),
    };
  }
}

/**
 * The account key for a billing externalId: readable, unique, within the platform's key format.
 * The hash keeps keys of ids that differ only in punctuation ("lb:42" and "lb-42") apart.
 */
export function accountKeyOf(externalId: string): string {
  const readable = externalId.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'account';
  return `${readable}-${createHash('sha256').update(externalId).digest('hex').slice(0, 8)}`;
}

function customerView(c: CustomerRecord): VideoCustomer {
  const language = c.customer_settings?.language;
  return {
    id: c.id,
    email: c.email,
    type: c.customer_type,
    firstName: c.first_name,
    lastName: c.last_name,
    ...(c.company_name ? { companyName: c.company_name } : {}),
    country: c.country,
    currency: c.currency,
    ...(typeof language === 'string' ? { language } : {}),
    status: c.status,
    managedBySubsync: c.customer_metadata?.managed_by === MANAGED_BY,
  };
}

function roomView(r: RoomRecord): VideoRoom {
  const key = r.room_metadata?.[ROOM_KEY];
  return { id: r.id, ...(typeof key === 'string' ? { key } : {}), name: r.room_name, slug: r.slug, url: r.url, isPublic: r.is_public, status: r.status, type: r.room_type };
}

function roomChanges(room: RoomRecord, spec: z.output<typeof roomSpecSchema>): { room_name?: string; is_public?: boolean; room_settings?: Record<string, unknown> } | undefined {
  const changes: { room_name?: string; is_public?: boolean; room_settings?: Record<string, unknown> } = {};
  if (room.room_name !== spec.name) changes.room_name = spec.name;
  if (room.is_public !== spec.isPublic) changes.is_public = spec.isPublic;
  if (spec.settings !== undefined && JSON.stringify(room.room_settings ?? {}) !== JSON.stringify(spec.settings)) changes.room_settings = spec.settings;
  return Object.keys(changes).length > 0 ? changes : undefined;
}

/** A 422 naming `field` as already taken: another attempt created it between our lookup and our create. */
function takenRace(err: unknown, field: string): boolean {
  return err instanceof PermanentError && err.reason === 'validation' && err.message.includes(`${field}: `) && /already been taken/i.test(err.message);
}

async function ignoringNotFound(write: Promise<void>): Promise<void> {
  try {
    await write;
  } catch (err) {
    if (!(err instanceof PermanentError && err.reason === 'not_found')) throw err;
  }
}

