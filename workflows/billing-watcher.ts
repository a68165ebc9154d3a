import { continueAsNew, proxyActivities, sleep, workflowInfo } from '@temporalio/workflow';
import type { WatcherActivities } from '../activities/types';

const { pollBillingChanges } = proxyActivities<WatcherActivities>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

export interface BillingWatcherInput {
  billing: string;
  intervalSeconds: number;
}

/**
 * Polls one billing system forever so that changes made in billing itself (a manager blocks
 * an account, billing blocks on a negative balance) reach the platforms with no hook script.
 * Each difference becomes a lifecycle event with a deterministic id.
 */
export async function billingWatcherWorkflow(input: BillingWatcherInput): Promise<void> {
  for (;;) {
    await pollBillingChanges({ billing: input.billing });
    if (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > 1000) {
      await continueAsNew<typeof billingWatcherWorkflow>(input);
    }
    await sleep(input.intervalSeconds * 1000);
  }
}

export const billingWatcherWorkflowId = (billing: string) => `watcher:${billing}`;
