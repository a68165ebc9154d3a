import { ApplicationFailure } from '@temporalio/common';
import type { AccountHolder } from '../../domain/billing';
import type { SlotState } from '../../domain/slot';
import { VideoAccountView, VideoCustomerInput, VideoRoomsPlatform, videoRoomsPort } from '../../connectors/video-rooms/port';
import type { KindContext, PlatformStep } from '../kind';
import type { DesiredVideoRooms } from './plan';

type Desired = Pick<DesiredVideoRooms, 'package' | 'rooms' | 'label' | 'customer' | 'nameOrder' | 'plan'>;

/** One call to the resell platform for this account. */
export type VideoRoomsStep = PlatformStep &
  (
    | ({ op: 'rooms.create'; suspended: boolean } & Desired)
    | ({ op: 'rooms.update' } & Desired)
    | { op: 'rooms.suspend' | 'rooms.resume' | 'rooms.record' }
    | { op: 'rooms.remove'; customerEmail: string }
  );

const platformOf = (ctx: KindContext, name: string): VideoRoomsPlatform => ctx.connectors.get(videoRoomsPort, name);

/**
 * Reads the account the platform holds for this billing account (by its account key) and lists
 * the calls that make it match: create (customer, subscription, account, owner, rooms), bring
 * the rooms and name in line, suspend or resume, remove. A suspended account's rooms wait for its
 * resumption: the platform changes rooms of active accounts only.
 */
export async function planVideoRoomsSteps(ctx: KindContext, desired: DesiredVideoRooms, known: SlotState | undefined): Promise<VideoRoomsStep[]> {
  // Nothing to remove: the workflow attached nothing, and (reconcile, which has no record) billing never listed the service here.
  if (!desired.present && !known?.attached && (ctx.purpose === 'apply' || !desired.subscriptionId)) return [];
  if (desired.present && desired.planError) throw ApplicationFailure.nonRetryable(`${desired.planError}; configure it, then retry`, 'UnknownPlan');
  const platform = platformOf(ctx, desired.platform);
  const base = { platform: desired.platform, service: desired.service };
  const view = await platform.readAccount({ externalId: ctx.externalId });
  if (!desired.present) return view ? [{ ...base, op: 'rooms.remove', customerEmail: view.customerEmail }] : [];
  const wanted: Desired = { package: desired.package, rooms: desired.rooms, label: desired.label, customer: desired.customer, nameOrder: desired.nameOrder, plan: desired.plan };
  if (!view) return [{ ...base, op: 'rooms.create', suspended: desired.suspended, ...wanted }];
  const steps: VideoRoomsStep[] = [];
  const suspended = view.status === 'suspended';
  const differs = view.plan !== desired.package || view.status === 'inactive' || roomsDiffer(view, desired.rooms);
  if (!desired.suspended && suspended) steps.push({ ...base, op: 'rooms.resume' });
  if (differs && !(desired.suspended && suspended)) steps.push({ ...base, op: 'rooms.update', ...wanted });
  if (desired.suspended && !suspended) steps.push({ ...base, op: 'rooms.suspend' });
  if (steps.length === 0 && !known?.attached && ctx.purpose === 'apply') steps.push({ ...base, op: 'rooms.record' });
  return steps;
}

/** Managed rooms (those with our key) against the plan's: keys, names and visibility. */
function roomsDiffer(view: VideoAccountView, rooms: DesiredVideoRooms['rooms']): boolean {
  const managed = view.rooms.filter((r) => r.key !== undefined);
  if (managed.length !== rooms.length) return true;
  return rooms.some((want) => {
    const have = managed.find((r) => r.key === want.key);
    return !have || have.name !== want.name || have.isPublic !== want.isPublic;
  });
}

export async function applyVideoRoomsStep(ctx: KindContext, step: VideoRoomsStep, _idempotencyKey: string): Promise<SlotState> {
  const platform = platformOf(ctx, step.platform);
  const { externalId, logger } = ctx;
  switch (step.op) {
    case 'rooms.create':
    case 'rooms.update': {
      const holder = await holderOf(ctx);
      const customer = customerOf(holder, step);
      const done = await platform.ensureAccount({
        externalId,
        customer,
        accountName: (step.label ?? holder.name).slice(0, 200),
        plan: step.package!,
        rooms: step.rooms.map((r) => ({ key: r.key, name: r.name, isPublic: r.isPublic, ...(r.settings ? { settings: r.settings } : {}) })),
      });
      let view = done.account;
      if (step.op === 'rooms.create' && step.suspended && view.status !== 'suspended') view = await platform.suspendAccount({ externalId });
      logger.info({ subscriber: externalId, platform: step.platform, accountId: view.accountId, created: done.created, customerLinked: done.customerLinked }, done.created ? 'video rooms account created' : 'video rooms account brought in line');
      return slotOf(step, view, step.plan);
    }
    case 'rooms.suspend':
      return slotOf(step, await platform.suspendAccount({ externalId }));
    case 'rooms.resume':
      return slotOf(step, await platform.resumeAccount({ externalId }));
    case 'rooms.record': {
      const view = await platform.readAccount({ externalId });
      if (!view) throw ApplicationFailure.retryable(`${step.platform} no longer shows the account of ${externalId}`, 'Transient');
      return slotOf(step, view);
    }
    case 'rooms.remove': {
      const r = await platform.removeAccount({ externalId, customerEmail: step.customerEmail });
      logger.info({ subscriber: externalId, platform: step.platform, removed: r.removed, customerRemoved: r.customerRemoved }, 'video rooms account removed');
      return { platform: step.platform, service: step.service, attached: false, capabilities: [], summary: r.customerRemoved ? 'account and customer removed' : 'account removed' };
    }
  }
}

/**
 * Billing's holder of the account: the platform identifies a customer by e-mail, so an account
 * whose holder has none in billing parks the command until billing has one.
 */
async function holderOf(ctx: KindContext): Promise<AccountHolder & { email: string }> {
  if (!ctx.billing.accountHolder) {
    throw ApplicationFailure.nonRetryable(`billing ${ctx.billing.name} cannot tell who holds account ${ctx.key.account}; video rooms need the holder's name and e-mail`, 'UnsupportedBilling');
  }
  const holder = await ctx.billing.accountHolder(ctx.key.account);
  if (!holder.email) {
    throw ApplicationFailure.nonRetryable(`the holder of account ${ctx.key.account} in ${ctx.key.billing} has no e-mail, which the video rooms platform identifies customers by; set it in billing, then retry`, 'MissingEmail');
  }
  return { ...holder, email: holder.email };
}

/** The platform's customer from billing's holder and the service's settings. */
export function customerOf(holder: AccountHolder & { email: string }, step: Pick<Desired, 'customer' | 'nameOrder'>): VideoCustomerInput {
  const name = holder.name.trim().slice(0, 100);
  const words = name.split(/\s+/);
  // An organisation has no person's name in billing: its name stands for both parts.
  let firstName = name;
  let lastName = name;
  if (holder.type === 'person' && words.length > 1) {
    [firstName, lastName] = step.nameOrder === 'surname-first' ? [words.slice(1).join(' '), words[0]] : [words.slice(0, -1).join(' '), words[words.length - 1]];
  }
  return {
    email: holder.email,
    type: holder.type === 'organisation' ? 'business' : 'personal',
    firstName,
    lastName,
    ...(holder.type === 'organisation' ? { companyName: holder.name.slice(0, 200) } : {}),
    country: step.customer.country,
    currency: step.customer.currency,
    ...(step.customer.language ? { language: step.customer.language } : {}),
  };
}

function slotOf(step: PlatformStep, view: VideoAccountView, plan?: string): SlotState {
  const rooms = view.rooms.filter((r) => r.key !== undefined);
  return {
    platform: step.platform,
    service: step.service,
    attached: true,
    profileId: view.accountId,
    attachmentId: view.accountKey,
    capabilities: [],
    detail: {
      customerId: view.customerId,
      customerEmail: view.customerEmail,
      accountId: view.accountId,
      accountKey: view.accountKey,
      ...(plan === undefined ? {} : { plan }),
      package: view.plan,
      status: view.status,
      owner: view.owner?.email,
      rooms: rooms.map((r) => ({ key: r.key, name: r.name, url: r.url })),
    },
    summary: `${view.status}, ${view.plan}, ${rooms.length} room${rooms.length === 1 ? '' : 's'}`,
  };
}

export function describeVideoRoomsStep(step: VideoRoomsStep): string {
  if (step.op === 'rooms.create' || step.op === 'rooms.update') return `${step.op} ${step.package} [${step.rooms.map((r) => r.key).join(', ')}]`;
  return step.op;
}
