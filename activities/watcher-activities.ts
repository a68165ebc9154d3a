import { createHash } from 'node:crypto';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { BillingAccount } from '../domain/billing';
import type { Connectors } from '../connectors/registry';
import { deterministicEventId, LifecycleEventInput } from '../domain/events';
import type { Logger } from '../domain/logger';
import { recordWatcherCycle } from '../metrics';
import type { Store } from '../store/store';
import { mapFailures } from './failures';
import type { EventSink, WatcherActivities } from './types';

/** What the watcher compares between polls: only fields whose change needs a lifecycle event. */
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

type Snapshot = { status: BillingAccount['status']; blockReason: string | null; services: string[] };

/** The stamp of the account's current state in event ids: billing's change time when it has one, else a hash of the fingerprint. */
export function eventStamp(account: BillingAccount): string {
  return account.changedAt ?? createHash('sha256').update(fingerprint(account)).digest('hex').slice(0, 16);
}

/** Names the change the way a billing hook would, so both produce the same deterministic id. */
export function eventFor(billing: string, account: BillingAccount, previous: string | undefined): LifecycleEventInput {
  const base = { billing, account: account.accountId };
  const stamp = eventStamp(account);
  const make = (type: string, extra: Record<string, unknown> = {}) => ({ ...base, ...extra, type, id: deterministicEventId({ billing, account: account.accountId, type, stamp }) }) as LifecycleEventInput;
  if (previous === undefined) return make('create');
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

export function createWatcherActivities(deps: { connectors: Connectors; store: Store; events: () => EventSink; logger: Logger }): WatcherActivities {
  return mapFailures<WatcherActivities>({
    async pollBillingChanges({ billing }) {
      const started = Date.now();
      const system = deps.connectors.billing(billing);
      const accounts = await system.listAccounts();
      const cursors = await deps.store.cursors(billing);
      const seen = new Set<string>();
      let pendingCursors: { account: string; fingerprint: string | null }[] = [];
      let events = 0;
      const flush = async () => {
        await deps.store.saveCursors(billing, pendingCursors);
        pendingCursors = [];
        Context.current().heartbeat({ events });
      };
      for (const account of accounts) {
        seen.add(account.accountId);
        const fp = fingerprint(account);
        const prev = cursors.get(account.accountId);
        if (prev === fp) continue;
        // Dispatch before moving the cursor: a crash in between re-sends the same id, which has no second effect.
        await deps.events().dispatch(eventFor(billing, account, prev));
        pendingCursors.push({ account: account.accountId, fingerprint: fp });
        events++;
        if (pendingCursors.length >= 100) await flush();
      }
      for (const gone of [...cursors.keys()].filter((a) => !seen.has(a))) {
        await deps.events().dispatch({ id: deterministicEventId({ billing, account: gone, type: 'disable', stamp: 'gone' }), billing, account: gone, type: 'disable' });
        pendingCursors.push({ account: gone, fingerprint: null });
        events++;
      }
      await flush();
      if (events) deps.logger.info({ billing, accounts: accounts.length, events }, 'billing watcher sent changes');
      recordWatcherCycle({ billing, seconds: (Date.now() - started) / 1000, accounts: accounts.length, changes: events });
      return { accounts: accounts.length, events };
    },
  });
}
