import { performance } from 'node:perf_hooks';
import type { Client } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import type { WatcherPollResult } from '../../activities/types';
import { billingWatcherWorkflowId, BillingWatcherInput } from '../../workflows/billing-watcher';

const SAMPLE_EVERY_MS = 250;
const PROGRESS_EVERY_MS = 10_000;

/** The worker process the cycle runs on, as the bench reads it from /proc (bench/worker/process.ts's MeasuredWorker). */
export interface WatchedWorker {
  rssKb(): number | undefined;
  peakRssKb(): number | undefined;
  resetPeak(): boolean;
}

export interface CycleFigures {
  result: WatcherPollResult;
  /** Start request to the poll's completion, measured by the bench. */
  wallMs: number;
  /** The poll activity itself: started to completed, by Temporal's event times. */
  activityMs: number;
  /** The worker process's resident memory: before, sampled maximum, VmHWM over the cycle, after. */
  rss: { beforeKb?: number; sampledMaxKb?: number; peakKb?: number; afterKb?: number; peakReset: boolean };
}

/**
 * One poll of the real billing watcher workflow on the worker process, as `subsync` starts it (one
 * run of `billingWatcherWorkflow`, here with an interval too long for a second poll), awaited until
 * its poll activity completed, with the worker's resident memory sampled meanwhile.
 */
export async function runWatcherCycle(client: Client, taskQueue: string, input: BillingWatcherInput, worker: WatchedWorker, progress: (message: string) => void): Promise<CycleFigures> {
  const peakReset = worker.resetPeak();
  const rssBefore = worker.rssKb();
  let sampledMax = rssBefore ?? 0;
  const sampler = setInterval(() => {
    sampledMax = Math.max(sampledMax, worker.rssKb() ?? 0);
  }, SAMPLE_EVERY_MS);

  const started = performance.now();
  let completed: temporal.api.history.v1.IHistoryEvent | undefined;
  let events: temporal.api.history.v1.IHistoryEvent[] = [];
  let handle;
  try {
    handle = await client.workflow.start('billingWatcherWorkflow', {
      workflowId: billingWatcherWorkflowId(input.billing),
      taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'TERMINATE_EXISTING',
    });
    let lastProgress = started;
    for (;;) {
      events = (await handle.fetchHistory()).events ?? [];
      completed = events.find((e) => e.activityTaskCompletedEventAttributes);
      if (completed) break;
      const failed = events.find((e) => e.workflowExecutionFailedEventAttributes || e.workflowExecutionTerminatedEventAttributes);
      if (failed) throw new Error(`the watcher workflow ended before its poll completed: ${failed.eventType}`);
      if (performance.now() - lastProgress >= PROGRESS_EVERY_MS) {
        lastProgress = performance.now();
        progress(`watcher poll running for ${((lastProgress - started) / 1000).toFixed(0)} s: ${await heartbeat(handle)}; worker RSS ${((worker.rssKb() ?? NaN) / 1024).toFixed(0)} MiB`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    clearInterval(sampler);
  }
  const wallMs = performance.now() - started;
  const peakKb = worker.peakRssKb();
  await handle.terminate('bench: one poll measured');
  const payload = completed.activityTaskCompletedEventAttributes?.result?.payloads?.[0]?.data;
  if (!payload) throw new Error('the watcher poll completed without a result');
  const startedEvent = events.filter((e) => e.activityTaskStartedEventAttributes).at(-1);
  return {
    result: JSON.parse(Buffer.from(payload).toString('utf8')) as WatcherPollResult,
    wallMs,
    activityMs: startedEvent ? millis(completed.eventTime) - millis(startedEvent.eventTime) : NaN,
    rss: { beforeKb: rssBefore, sampledMaxKb: sampledMax || undefined, peakKb, afterKb: worker.rssKb(), peakReset },
  };
}

/** The running poll's last heartbeat, as Temporal holds it (what an operator sees in the UI). */
async function heartbeat(handle: { describe(): Promise<{ raw: temporal.api.workflowservice.v1.IDescribeWorkflowExecutionResponse }> }): Promise<string> {
  const data = (await handle.describe()).raw.pendingActivities?.[0]?.heartbeatDetails?.payloads?.[0]?.data;
  if (!data) return 'no heartbeat yet';
  const details = JSON.parse(Buffer.from(data).toString('utf8')) as { phase: string; counts: WatcherPollResult };
  const c = details.counts;
  return `${details.phase}: ${c.pages} pages, ${c.accounts} accounts, ${c.fullReads} read in full, ${c.events} events, ${c.calls} calls`;
}

function millis(t: temporal.api.history.v1.IHistoryEvent['eventTime']): number {
  return Number(t?.seconds ?? 0) * 1000 + Math.floor((t?.nanos ?? 0) / 1e6);
}
