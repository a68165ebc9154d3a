import { PermanentError } from '../connectors/errors';
import type { Connectors } from '../connectors/registry';
import type { BillingAccount } from '../domain/billing';
import { changeStamp, eventFor, fingerprint, GONE, goneEvent } from '../domain/account-changes';
import type { LifecycleEventInput } from '../domain/events';
import type { Logger } from '../domain/logger';
import type { Store } from '../store/store';
import type { WatchCursorRow } from '../store/watch-cursors';
import type { EventSink } from './types';

/** What one look at an account found. */
export interface Observation {
  /** Whether this look recorded a change (and sent its event). */
  changed: boolean;
  /** The stamp of the account's current state: with a type, the id a hook gives its event (`deterministicEventId`). */
  stamp: string;
  /** The event this look sent, and what the dispatcher answered. */
  event?: LifecycleEventInput;
  outcome?: 'accepted' | 'duplicate' | 'conflict';
}

export interface ObserveOptions {
  /** The row as the caller already read it (one page read for many accounts); default: read it. */
  known?: WatchCursorRow | null;
  /** The page read's digest, kept with the row so the next pass skips an unchanged account. */
  digest?: string | null;
  /** The pass that saw the account in billing's list. */
  seenPass?: string | null;
  /** Once aborted, the look sends and records nothing more (it throws the signal's reason). */
  signal?: AbortSignal;
}

/** Compare-and-set losses in a row before a look gives up (someone keeps recording changes of this account). */
const MAX_RACES = 5;

/**
 * One look at one billing account: reads it in full, compares it with what was recorded last
 * and, when it changed, sends the change as a lifecycle event and records it. The billing
 * watcher looks at every account whose cheap digest changed; the API looks at one account when
 * a hook asks (`--stamp-from-billing`), so a hook and the watcher reporting one change send one
 * id. The event goes out before the record moves: a crash in between re-sends the same id,
 * which has no second effect.
 */
export class AccountObserver {
  constructor(private readonly deps: { connectors: Connectors; store: Store; events: () => EventSink; logger: Logger }) {}

  async observe(billing: string, accountId: string, options: ObserveOptions = {}): Promise<Observation> {
    const { account, missing } = await this.read(billing, accountId);
    const fp = account ? fingerprint(account) : GONE;
    let known = options.known !== undefined ? options.known : await this.deps.store.watch.get(billing, accountId);
    // An account nobody ever saw that billing does not know: nothing changed, it never existed.
    if (missing && !known) throw missing;
    for (let race = 0; ; race++) {
      const checkedAt = new Date();
      if (known?.fingerprint === fp) {
        await this.deps.store.watch.touch(billing, accountId, { digest: options.digest, seenPass: options.seenPass, checkedAt });
        return { changed: false, stamp: changeStamp(account, known.changes, fp) };
      }
      const changes = (known?.changes ?? 0) + 1;
      const stamp = changeStamp(account, changes, fp);
      const event = account ? eventFor(billing, account, known?.fingerprint, stamp) : goneEvent(billing, accountId, stamp);
      options.signal?.throwIfAborted();
      const outcome = await this.send(event);
      if (await this.deps.store.watch.record(billing, accountId, known?.changes ?? null, { fingerprint: fp, changes, digest: options.digest, seenPass: options.seenPass, checkedAt })) {
        return { changed: true, stamp, event, outcome };
      }
      // Another look recorded a change first. The same state: it sent this very id, so ours was a duplicate.
      known = await this.deps.store.watch.get(billing, accountId);
      if (race >= MAX_RACES) throw new Error(`${billing}:${accountId}: the watcher's record of this account kept changing under it (${MAX_RACES} times)`);
    }
  }

  /** The account in full; `missing` (billing's not_found) when billing does not know it at all. */
  private async read(billing: string, accountId: string): Promise<{ account?: BillingAccount; missing?: PermanentError }> {
    try {
      return { account: await this.deps.connectors.billing(billing).getAccount(accountId) };
    } catch (err) {
      if (err instanceof PermanentError && err.reason === 'not_found') return { missing: err };
      throw err;
    }
  }

  private async send(event: LifecycleEventInput): Promise<Observation['outcome']> {
    try {
      return (await this.deps.events().dispatch(event)).outcome;
    } catch (err) {
      // The id was already used with another body: a hook named the same change differently
      // (another block reason). The change is reported; the subscriber re-reads billing anyway.
      if (err instanceof Error && err.name === 'EventConflictError') {
        this.deps.logger.warn({ billing: event.billing, account: event.account, eventId: event.id }, 'this change was already reported under its id with another body; not sent again');
        return 'conflict';
      }
      throw err;
    }
  }
}
