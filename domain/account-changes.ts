import { createHash } from 'node:crypto';
import type { BillingAccount } from './billing';
import { deterministicEventId, LifecycleEventInput } from './events';

/**
 * How a change in billing becomes a lifecycle event when it is detected rather than sent: the
 * billing watcher and a hook's look at one account (`subsync event … --stamp-from-billing`) both
 * come through here, so one change gets one id whoever reports it.
 */

/** What the watcher compares between looks: only fields whose change needs a lifecycle event. */
export function fingerprint(a: BillingAccount): string {
  return JSON.stringify({
    status: a.status,
    blockReason: a.blockReason ?? null,
    login: a.login ?? null,
    address: a.address ?? null,
    services: a.services.filter((s) => s.active).map((s) => s.service).sort(),
    // TV plans: a package or point changed in billing must reach the platform too.
    tv: (a.tv ?? []).map((t) => [t.subscriptionId, t.status, t.login ?? null, t.basePackage ?? null, [...t.extraPackages].sort(), t.devices.map((d) => `${d.casn}@${d.location ?? ''}`).sort()]),
  });
}

/** The fingerprint of an account billing no longer knows at all. */
export const GONE = 'gone';

/**
 * The stamp of one recorded change of an account, the last part of its event id: billing's own
 * change time when it gives one, else the number of the change (the account's 1st, 2nd, …
 * recorded change) and a hash of the state it changed to. The number tells a block, an unblock
 * and a second block apart, which a state alone cannot; the hash keeps two looks that counted the
 * same number for different states apart.
 */
export function changeStamp(account: BillingAccount | undefined, changeNumber: number, fp: string): string {
  if (account?.changedAt) return account.changedAt;
  return `${changeNumber}-${createHash('sha256').update(fp).digest('hex').slice(0, 12)}`;
}

type Snapshot = { status: BillingAccount['status']; blockReason: string | null; services: string[] };

/** Names the change the way a billing hook would, with the id of this stamp. `previous` is the last recorded fingerprint. */
export function eventFor(billing: string, account: BillingAccount, previous: string | undefined, stamp: string): LifecycleEventInput {
  const base = { billing, account: account.accountId };
  const make = (type: string, extra: Record<string, unknown> = {}) => ({ ...base, ...extra, type, id: deterministicEventId({ billing, account: account.accountId, type, stamp }) }) as LifecycleEventInput;
  if (previous === undefined || previous === GONE) return make('create');
  const prev = JSON.parse(previous) as Snapshot;
  if (account.status !== prev.status || (account.blockReason ?? null) !== prev.blockReason) {
    if (account.status === 'blocked') return make('block', { reason: account.blockReason ?? 'other' });
    if (account.status === 'disabled') return make('disable');
    if (prev.status === 'blocked') return make('unblock');
    if (account.status === 'active') return make('activate');
  }
  const now = account.services.filter((s) => s.active).map((s) => s.service);
  const added = now.find((s) => !prev.services.includes(s));
  if (added) return make('service.enable', { service: added });
  const removed = prev.services.find((s) => !now.includes(s));
  if (removed) return make('service.disable', { service: removed });
  return make('sync');
}

/** The event for an account billing no longer knows. */
export function goneEvent(billing: string, accountId: string, stamp: string): LifecycleEventInput {
  return { id: deterministicEventId({ billing, account: accountId, type: 'disable', stamp }), billing, account: accountId, type: 'disable' };
}
