import { ActivityCancellationType, continueAsNew, patched, proxyActivities, sleep, workflowInfo } from '@temporalio/workflow';
import type { WatcherActivities } from '../activities/types';

/** Runs started before the paged pass (replayed histories) keep the options their polls were scheduled with. */
const { pollBillingChanges: pollWhole } = proxyActivities<WatcherActivities>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * A pass over a large billing system takes minutes, so liveness comes from the heartbeat, not from
 * the overall timeout: a poll whose worker died is retried within seconds and goes on from its
 * last heartbeat. Cancelling the watcher waits until the poll has really stopped sending events.
 */
const { pollBillingChanges: pollPaged } = proxyActivities<WatcherActivities>({
  startToCloseTimeout: '2 hours',
  heartbeatTimeout: '10 seconds',
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** Marks the runs that poll page by page with the paged options. */
export const PAGED_POLL_PATCH = 'watcher-paged-poll';

export interface BillingWatcherInput {
  billing: string;
  intervalSeconds: number;
  /** Accounts per page of billing's cheap list read (default in the activity). */
  pageSize?: number;
  /** Accounts read in full per poll beyond the changed ones: the full sweep's slice (default in the activity). */
  sweepPerCycle?: number;
}

/**
 * Polls one billing system forever so that changes made in billing itself (a manager blocks
 * an account, billing blocks on a negative balance) reach the platforms with no hook script.
 * Each difference becomes a lifecycle event with a deterministic id. Cancelling the workflow
 * stops it, its running poll included.
 */
export async function billingWatcherWorkflow(input: BillingWatcherInput): Promise<void> {
  for (;;) {
    if (patched(PAGED_POLL_PATCH)) {
      await pollPaged({ billing: input.billing, pageSize: input.pageSize, sweepPerCycle: input.sweepPerCycle });
    } else {
      await pollWhole({ billing: input.billing });
    }
    if (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > 1000) {
      await continueAsNew<typeof billingWatcherWorkflow>(input);
    }
    await sleep(input.intervalSeconds * 1000);
  }
}

export const billingWatcherWorkflowId = (billing: string) => `watcher:${billing}`;
