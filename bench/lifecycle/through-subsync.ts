import { performance } from 'node:perf_hooks';
import { SubsyncClient } from '../../client/ts';
import { runPool } from '../support/pool';
import { CommandSample, DriveResult, progressEvery } from './drive';
import { BenchSubscriber, eventFor, LIFECYCLE, ManagerChange } from './plan';

/** Longer than any command should take on a loaded 2-core box; a command still queued after it is a failure. */
const WAIT_MS = 120_000;

/**
 * Billing's side of the lifecycle through subsync's HTTP API: for each step the manager
 * changes LANBilling, then the hook POSTs the event with `wait=true`, which answers once the
 * subscriber workflow reports the event applied (every platform step confirmed). The next
 * step of a subscriber starts only then, as billing's events for one account are ordered.
 * It runs in billing's process (simulators-process.ts), beside LANBilling, as a real billing's
 * hooks do: the process measured as subsync runs subsync only.
 */
export async function driveThroughSubsync(options: {
  apiUrl: string;
  apiKey: string;
  manage: (change: ManagerChange, subscriber: BenchSubscriber) => unknown;
  subscribers: BenchSubscriber[];
  concurrency: number;
  progress: (message: string) => void;
  signal?: AbortSignal;
}): Promise<DriveResult> {
  const api = new SubsyncClient({ baseUrl: options.apiUrl, apiKey: options.apiKey });
  const samples: CommandSample[] = [];
  const managerMs: number[] = [];
  const done = progressEvery(options.subscribers.length, 'through subsync', options.progress);
  const started = performance.now();
  await runPool(options.subscribers, options.concurrency, async (subscriber) => {
    for (const step of LIFECYCLE) {
      if (step.manager) {
        const m0 = performance.now();
        await options.manage(step.manager, subscriber);
        managerMs.push(performance.now() - m0);
      }
      const event = eventFor(subscriber, step);
      const triggeredAt = Date.now();
      const t0 = performance.now();
      const res = await api.submitEvent(event, { wait: true, timeoutMs: WAIT_MS });
      const latencyMs = performance.now() - t0;
      if (res.outcome !== 'accepted' || res.status !== 'applied') {
        const parked = res.subscriber?.parked ? ` (parked: ${res.subscriber.parked.reason})` : '';
        throw new Error(`event ${event.id}: outcome ${res.outcome}, status ${res.status ?? 'none'}${parked}`);
      }
      samples.push({ subscriber, type: step.type, latencyMs, triggeredAt });
    }
    done();
  }, options.signal);
  return { samples, wallMs: performance.now() - started, managerMs };
}
