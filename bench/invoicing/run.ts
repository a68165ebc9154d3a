import { performance } from 'node:perf_hooks';
import type { Client } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import { getInvoicingRun, InvoicingSettings, startInvoicingRun } from '../../schedules/invoicing';
import type { InvoicingResult } from '../../workflows/tv-invoicing';

/** How often the bench asks the running workflow for its progress (one query; it also shows the run is alive). */
const PROGRESS_EVERY_MS = 10_000;

export interface InvoicingRunFigures {
  workflowId: string;
  dueDate: string;
  result: InvoicingResult;
  /** Start request to result, measured with the monotonic clock. */
  wallMs: number;
  /** History length of each run of the chain, first to last; the chain continued as new `length - 1` times. */
  historyLengths: number[];
}

/**
 * One invoicing run for a due date as an operator starts it (`startInvoicingRun`, the function
 * behind `subsync invoicing run`), waited for to the end, following its continue-as-new chain.
 */
export async function runInvoicing(client: Client, settings: InvoicingSettings, dueDate: string | undefined, progress: (message: string) => void): Promise<InvoicingRunFigures> {
  const started = performance.now();
  const run = await startInvoicingRun(client, settings, { dueDate });
  const watcher = watchProgress(client, settings, run.workflowId, started, progress);
  try {
    const result = (await client.workflow.getHandle(run.workflowId, run.runId).result()) as InvoicingResult;
    const wallMs = performance.now() - started;
    return { workflowId: run.workflowId, dueDate: run.dueDate, result, wallMs, historyLengths: await historyLengths(client, run.workflowId, run.runId) };
  } finally {
    await watcher.stop();
  }
}

/** Polls the progress figure the workflow exposes (its `progress` query), as an operator would, until stopped. */
function watchProgress(client: Client, settings: InvoicingSettings, workflowId: string, started: number, progress: (message: string) => void): { stop(): Promise<void> } {
  let stopped = false;
  let wake = () => {};
  const loop = (async () => {
    while (!stopped) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, PROGRESS_EVERY_MS);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      if (stopped) return;
      // Between two runs of the chain the query can fail for a moment; the next tick will do.
      const p = (await getInvoicingRun(client, settings, { workflowId }).catch(() => undefined))?.progress;
      if (!p) continue;
      const seconds = (performance.now() - started) / 1000;
      progress(`invoicing ${p.dueDate}: ${p.customersDone} customers done (${(p.customersDone / seconds).toFixed(0)}/s), ${p.eventsCreated} created, ${p.eventsExisting} existing, run ${p.generation + 1}, ${seconds.toFixed(0)} s`);
    }
  })();
  return {
    async stop() {
      stopped = true;
      wake();
      await loop;
    },
  };
}

/** Walks the chain from its first run: each continued-as-new run's last event names the next run. */
async function historyLengths(client: Client, workflowId: string, firstRunId: string): Promise<number[]> {
  const lengths: number[] = [];
  let runId: string | undefined = firstRunId;
  while (runId) {
    const events: temporal.api.history.v1.IHistoryEvent[] = (await client.workflow.getHandle(workflowId, runId).fetchHistory()).events ?? [];
    lengths.push(events.length);
    runId = events.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
  return lengths;
}
