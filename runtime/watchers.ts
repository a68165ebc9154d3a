import { Client, WorkflowNotFoundError } from '@temporalio/client';
import type { Logger } from 'pino';
import type { Config } from '../config/schema';
import { billingWatcherWorkflowId, BillingWatcherInput } from '../workflows/billing-watcher';

/** How long a start waits for a stopped watcher (and its running poll) to end before it terminates it. */
const STOP_WAIT_MS = 15_000;

export interface WatcherSync {
  started: string[];
  stopped: string[];
}

/**
 * Makes the running watchers what the config says: one per enabled `watch.<billing>` block,
 * started afresh with its settings; a watcher that is disabled, or whose billing system is no
 * longer watched, is cancelled (its poll stops at its next step and sends nothing more), and
 * terminated should it not end within seconds. Only watchers on this deployment's task queue are
 * touched: another deployment sharing the namespace keeps its own.
 */
export async function syncWatchers(client: Client, config: Pick<Config, 'watch' | 'temporal'>, logger: Logger): Promise<WatcherSync> {
  const taskQueue = config.temporal.taskQueue;
  const enabled = Object.entries(config.watch).filter(([, w]) => w.enabled);
  const started: string[] = [];
  for (const [billing, w] of enabled) {
    const input: BillingWatcherInput = { billing, intervalSeconds: w.intervalSeconds, pageSize: w.pageSize, sweepPerCycle: w.sweepPerCycle };
    // Watchers keep no state of their own (cursors live in the store), so a restart with new settings is safe.
    await client.workflow.start('billingWatcherWorkflow', {
      workflowId: billingWatcherWorkflowId(billing),
      taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'TERMINATE_EXISTING',
      staticSummary: `Watches ${billing} every ${w.intervalSeconds}s for changes made in billing itself`,
    });
    started.push(billing);
  }

  const keep = new Set(enabled.map(([billing]) => billingWatcherWorkflowId(billing)));
  const candidates = new Set([...Object.keys(config.watch)].map(billingWatcherWorkflowId));
  // Also a watcher of a billing system the config no longer names at all.
  for await (const wf of client.workflow.list({ query: `WorkflowType = "billingWatcherWorkflow" AND ExecutionStatus = "Running" AND TaskQueue = "${taskQueue}"` })) {
    candidates.add(wf.workflowId);
  }
  const stopped: string[] = [];
  for (const workflowId of candidates) {
    if (keep.has(workflowId)) continue;
    if (await stopWatcher(client, workflowId, taskQueue, logger)) stopped.push(workflowId);
  }
  return { started, stopped };
}

/** Cancels a running watcher of this task queue and waits for it to end; true when one was running. */
async function stopWatcher(client: Client, workflowId: string, taskQueue: string, logger: Logger): Promise<boolean> {
  const handle = client.workflow.getHandle(workflowId);
  try {
    const description = await handle.describe();
    if (description.status.name !== 'RUNNING' || description.taskQueue !== taskQueue) return false;
    await handle.cancel();
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return false;
    throw err;
  }
  const ended = await Promise.race([
    handle.result().then(
      () => true,
      () => true,
    ),
    new Promise<false>((resolve) => setTimeout(() => resolve(false), STOP_WAIT_MS).unref()),
  ]);
  if (!ended) {
    await handle.terminate('watcher disabled in config; it did not stop when cancelled').catch(() => undefined);
    logger.warn({ workflowId }, 'watcher did not stop when cancelled; terminated it');
  } else {
    logger.info({ workflowId }, 'watcher disabled in config: stopped');
  }
  return true;
}
