import { performance } from 'node:perf_hooks';
import type { LanbillingBilling } from '../../connectors/lanbilling';
import { countCalls } from '../../connectors/measure';
import { runPool } from '../support/pool';
import { heldHeapMiB } from './gc';

export interface ReferenceFigures {
  ms: number;
  calls: number;
  /** V8 heap the run held at its end beyond what it started with (MiB). */
  heapGrowthMiB?: number;
}

/**
 * The floor: the same billing calls the watcher's cycle makes (every page, then the changed and
 * the sweep's accounts in full, 8 at a time), made directly, without Temporal, the store or events.
 */
export async function directLoop(billing: LanbillingBilling, pageSize: number, fullReads: readonly string[]): Promise<ReferenceFigures> {
  const started = performance.now();
  const calls = await countCalls(async (count) => {
    let cursor: string | undefined;
    do cursor = (await billing.scanAccounts({ cursor, pageSize })).nextCursor;
    while (cursor !== undefined);
    await runPool(fullReads, 8, async (account) => void (await billing.getAccount(account)));
    return count();
  });
  return { ms: performance.now() - started, calls };
}

/**
 * The watcher before the paged pass: `listAccounts()` reads every account in full each cycle
 * (all vgroup pages, all service pages, then each vgroup's addons: one call per account) and holds
 * them all. Measured on a sample; the figures grow with the number of accounts.
 */
export async function wholeListing(billing: LanbillingBilling): Promise<ReferenceFigures & { accounts: number }> {
  const heapBefore = heldHeapMiB();
  const started = performance.now();
  const { accounts, calls } = await countCalls(async (count) => {
    const listed = await billing.listAccounts();
    return { accounts: listed, calls: count() };
  });
  const ms = performance.now() - started;
  // Measured while the list is still held: that is what each cycle of the old watcher carried.
  const heapGrowthMiB = heldHeapMiB() - heapBefore;
  if (accounts.length === 0) throw new Error('the whole-list read found no accounts');
  return { ms, calls, heapGrowthMiB, accounts: accounts.length };
}
