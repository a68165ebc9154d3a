import { randomUUID } from 'node:crypto';
import { Context } from '@temporalio/activity';
import { PermanentError } from '../connectors/errors';
import { countCalls } from '../connectors/measure';
import type { BillingSystem } from '../connectors/ports';
import type { Connectors } from '../connectors/registry';
import type { Logger } from '../domain/logger';
import { recordWatcherCycle } from '../metrics';
import type { Store } from '../store/store';
import { AccountObserver, ObserveOptions } from './account-observer';
import { mapFailures } from './failures';
import type { EventSink, WatcherActivities, WatcherPollInput, WatcherPollResult } from './types';
import { untilAborted } from './until-aborted';

export { changeStamp, eventFor, fingerprint } from '../domain/account-changes';

/** Page size and full-sweep slice when the workflow does not say (runs started before they were settings). */
export const WATCHER_DEFAULTS = { pageSize: 500, sweepPerCycle: 100 } as const;
/** Changed accounts of one page read in full at the same time. */
const FULL_READ_CONCURRENCY = 8;
/** Full reads waiting or running before the scan waits for them. */
const MAX_QUEUED_LOOKS = 64;
/** Accounts gone from billing's list looked at per store read. */
const GONE_BATCH = 100;

type Counts = Omit<WatcherPollResult, 'resumed'>;
type ScanPage = Awaited<ReturnType<BillingSystem['scanAccounts']>>;

/** Heartbeat details: how far this pass got, so a retried attempt goes on from there. */
interface Progress {
  pass: string;
  startedAt: number;
  phase: 'scan' | 'gone' | 'sweep';
  /** The next page to read. */
  cursor?: string;
  counts: Counts;
}

/**
 * The billing watcher's poll: one pass over billing's list, page by page (`scanAccounts`, the
 * cheap read), then a full read (`getAccount`) only of the accounts whose digest changed, of
 * those that left the list, and of a slice of the rest, longest unread first (the full sweep: it
 * finds what the cheap read cannot show, such as LANBilling's login addon). Each real change is
 * sent once as a lifecycle event (see AccountObserver). Memory stays flat: one page and its
 * cursor rows at a time. It heartbeats its progress and stops at the next step when cancelled.
 */
export function createWatcherActivities(deps: { connectors: Connectors; store: Store; events: () => EventSink; logger: Logger }): WatcherActivities {
  const observer = new AccountObserver(deps);
  return mapFailures<WatcherActivities>({
    async pollBillingChanges(input: WatcherPollInput): Promise<WatcherPollResult> {
      const ctx = Context.current();
      const { billing } = input;
      const pageSize = input.pageSize ?? WATCHER_DEFAULTS.pageSize;
      const sweepPerCycle = input.sweepPerCycle ?? WATCHER_DEFAULTS.sweepPerCycle;
      const system = deps.connectors.billing(billing);
      const resumed = ctx.info.heartbeatDetails as Progress | undefined;
      const progress: Progress = resumed ?? {
        pass: randomUUID(),
        startedAt: Date.now(),
        phase: 'scan',
        counts: { accounts: 0, events: 0, pages: 0, fullReads: 0, gone: 0, swept: 0, failed: 0, calls: 0 },
      };
      const { counts } = progress;

      /** Stops at the next step once Temporal cancelled the poll (workflow cancelled or closed, worker shutting down). */
      const checkpoint = () => {
        ctx.heartbeat(progress);
        if (ctx.cancellationSignal.aborted) throw ctx.cancellationSignal.reason;
      };
      const step = <T>(work: Promise<T>): Promise<T> => untilAborted(work, ctx.cancellationSignal);
      // A look that failed stops the others from starting (and from sending), as cancellation does.
      const halt = new AbortController();
      const stop = AbortSignal.any([ctx.cancellationSignal, halt.signal]);
      /** A full read of one account; a permanent failure of that one account is logged and left for the next pass. */
      const look = async (account: string, options: ObserveOptions = {}): Promise<boolean> => {
        checkpoint();
        stop.throwIfAborted();
        try {
          // Not raced with cancellation: a look stops before it sends, never between sending and recording.
          const seen = await observer.observe(billing, account, { ...options, signal: stop });
          counts.fullReads += 1;
          if (seen.changed) counts.events += 1;
          return true;
        } catch (err) {
          if (!(err instanceof PermanentError && (err.reason === 'rejected' || err.reason === 'validation'))) {
            if (!halt.signal.aborted) halt.abort(err);
            throw err;
          }
          counts.failed += 1;
          deps.logger.warn({ billing, account, err: err.message }, 'billing watcher could not read this account; it is looked at again next pass');
          return false;
        }
      };
      const limit = limiter(FULL_READ_CONCURRENCY);

      await countCalls(async (calls) => {
        const before = counts.calls;
        const tally = () => (counts.calls = before + calls());
        if (progress.phase === 'scan') {
          /**
           * Pages whose full reads still run, oldest first. The scan goes on meanwhile (billing's
           * answers and our reads overlap); the cursor a retry resumes from moves past a page only
           * once it and every page before it are done.
           */
          const inFlight: { done: Promise<unknown>; looks: number; accounts: number; nextCursor?: string }[] = [];
          let looksQueued = 0;
          const settleOldest = async () => {
            const oldest = inFlight.shift()!;
            await oldest.done;
            looksQueued -= oldest.looks;
            counts.pages += 1;
            counts.accounts += oldest.accounts;
            progress.cursor = oldest.nextCursor;
            tally();
          };
          // The next page is asked for while this one is compared: billing composes it meanwhile.
          let next: Promise<ScanPage> | undefined = quiet(system.scanAccounts({ cursor: progress.cursor, pageSize }));
          while (next) {
            checkpoint();
            const page: ScanPage = await step(next);
            next = page.nextCursor === undefined ? undefined : quiet(system.scanAccounts({ cursor: page.nextCursor, pageSize }));
            const ids = page.accounts.map((a) => a.accountId);
            const known = await deps.store.watch.page(billing, ids);
            await deps.store.watch.markSeen(billing, ids.filter((id) => known.has(id)), progress.pass);
            const changed = page.accounts.filter((a) => known.get(a.accountId)?.digest !== a.digest);
            const done = quiet(Promise.all(changed.map((a) => limit(() => look(a.accountId, { known: known.get(a.accountId) ?? null, digest: a.digest, seenPass: progress.pass })))));
            inFlight.push({ done, looks: changed.length, accounts: ids.length, nextCursor: page.nextCursor });
            looksQueued += changed.length;
            // Bounded: memory stays flat however many accounts changed, and a stop is not kept waiting.
            while (inFlight.length > 0 && (looksQueued > MAX_QUEUED_LOOKS || (await isSettled(inFlight[0]!.done)))) await settleOldest();
          }
          while (inFlight.length > 0) await settleOldest();
          progress.phase = 'gone';
          checkpoint();
        }
        if (progress.phase === 'gone') {
          for (;;) {
            const gone = await deps.store.watch.unseen(billing, progress.pass, GONE_BATCH);
            if (gone.length === 0) break;
            for (const account of gone) {
              // Not seen again this pass either way: gone for good, or looked at again next pass.
              if (await look(account)) {
                await deps.store.watch.markGone(billing, account);
                counts.gone += 1;
              } else {
                await deps.store.watch.markSeen(billing, [account], progress.pass);
              }
            }
            tally();
          }
          progress.phase = 'sweep';
          checkpoint();
        }
        const slice = await deps.store.watch.stalest(billing, progress.pass, new Date(progress.startedAt), sweepPerCycle - counts.swept);
        for (const account of slice) {
          await look(account);
          counts.swept += 1;
          tally();
        }
        tally();
      });

      if (counts.events || counts.gone || counts.failed) deps.logger.info({ billing, ...counts }, 'billing watcher sent changes');
      recordWatcherCycle({ billing, seconds: (Date.now() - progress.startedAt) / 1000, accounts: counts.accounts, changes: counts.events });
      return { ...counts, resumed: resumed !== undefined };
    },
  });
}

/** A promise whose rejection is handled later (or never, when cancellation won the race): no unhandled rejection meanwhile. */
function quiet<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** Runs the work given to it `concurrency` at a time, in the order given. */
function limiter(concurrency: number): <T>(work: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (work) => {
    // A slot is handed straight to the next in line, so a newcomer cannot slip in between.
    if (running >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    else running += 1;
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  };
}

/** Whether the promise has settled (without waiting for it). */
async function isSettled(promise: Promise<unknown>): Promise<boolean> {
  const pending = Symbol('pending');
  return (await Promise.race([promise.then(() => true, () => true), Promise.resolve(pending)])) !== pending;
}
