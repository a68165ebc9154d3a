import { continueAsNew, defineQuery, proxyActivities, setCurrentDetails, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Drift, ReconcileActivities } from '../activities/reconcile-activities';

const { listAccountIds, reconcileAccounts } = proxyActivities<ReconcileActivities>({
  startToCloseTimeout: '10 minutes',
  // The activities heartbeat every 2 s (activities/heartbeat.ts): a dead worker's page or batch moves to another within seconds.
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

export interface ReconcileInput {
  billing: string;
  /** One account, or every account billing lists. */
  account?: string;
  /** false: report only (dry run); true: send each drifted account's workflow a sync. */
  repair: boolean;
  batchSize?: number;
  carried?: { accounts: string[]; offset: number; totals: ReconcileSummary };
}

export interface ReconcileSummary {
  billing: string;
  repair: boolean;
  accounts: number;
  checked: number;
  drifted: number;
  repairsRequested: number;
  skipped: number;
  /** The first drifts found (capped), with the calls that would fix each. */
  drift: Drift[];
  skippedAccounts: { account: string; reason: string }[];
}

const DRIFT_KEPT = 200;
const BATCHES_PER_RUN = 200;

export const reconcileProgressQuery = defineQuery<ReconcileSummary>('progress');

/**
 * `subsync reconcile`: compares billing with the platforms for one subscriber or the whole fleet,
 * in batches (heartbeating activities), continuing as new to keep the history short.
 */
export async function reconcileWorkflow(input: ReconcileInput): Promise<ReconcileSummary> {
  const batchSize = input.batchSize ?? 100;
  const totals: ReconcileSummary = input.carried?.totals ?? {
    billing: input.billing, repair: input.repair, accounts: 0, checked: 0, drifted: 0, repairsRequested: 0, skipped: 0, drift: [], skippedAccounts: [],
  };
  // Registered before the first await, so progress can be read while the accounts are listed.
  setHandler(reconcileProgressQuery, () => totals);
  const accounts = input.carried?.accounts ?? (input.account ? [input.account] : await listAccountIds({ billing: input.billing }));
  totals.accounts = accounts.length;
  let offset = input.carried?.offset ?? 0;
  for (let batches = 0; offset < accounts.length; batches++) {
    if (batches >= BATCHES_PER_RUN || workflowInfo().continueAsNewSuggested) {
      await continueAsNew<typeof reconcileWorkflow>({ ...input, carried: { accounts, offset, totals } });
    }
    const r = await reconcileAccounts({ billing: input.billing, accounts: accounts.slice(offset, offset + batchSize), repair: input.repair, runId: workflowInfo().firstExecutionRunId });
    offset += batchSize;
    totals.checked += r.checked;
    totals.drifted += r.drifted;
    totals.repairsRequested += r.repairsRequested;
    totals.skipped += r.skipped.length;
    totals.drift.push(...r.drift.slice(0, Math.max(0, DRIFT_KEPT - totals.drift.length)));
    totals.skippedAccounts.push(...r.skipped.slice(0, Math.max(0, DRIFT_KEPT - totals.skippedAccounts.length)));
    setCurrentDetails(`Reconciling ${input.billing}: ${totals.checked}/${totals.accounts} checked, ${totals.drifted} drifted, ${totals.repairsRequested} repairs requested, ${totals.skipped} skipped`);
  }
  setCurrentDetails(`Done: ${totals.checked} checked, ${totals.drifted} drifted, ${totals.repairsRequested} repairs requested, ${totals.skipped} skipped`);
  return totals;
}
