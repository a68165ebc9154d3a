import { performance } from 'node:perf_hooks';
import { SubsyncClient } from '../../client/ts';
import type { IspIntegratorBilling } from '../../connectors/isp-integrator';
import { progressEvery } from '../lifecycle/drive';
import { runPool } from '../support/pool';
import { PreparedSubscriber, TV_LIFECYCLE, TvCommand, tvEvent } from './plan';

/** Longer than any command should take on a loaded 2-core box; a command still queued after it is a failure. */
const WAIT_MS = 120_000;

/** One TV command as the bench saw it. */
export interface TvCommandSample {
  subscriber: PreparedSubscriber;
  type: TvCommand;
  platform: string;
  /** Trigger (just before the POST) to the wait=true answer "applied", monotonic clock. */
  latencyMs: number;
  /** Wall-clock time of the trigger, to line up with the platform's own event times. */
  triggeredAt: number;
}

export interface TvDriveResult {
  samples: TvCommandSample[];
  wallMs: number;
}

/**
 * ISP-Integrator's side of the TV lifecycle through subsync's HTTP API: for each command its
 * staff first changes billing over REST (untimed), then the hook POSTs the event with
 * `wait=true`, which answers once the subscriber workflow reports it applied (the platform
 * confirmed every step). A subscriber's next command starts only then: billing's events for one
 * customer are ordered. `concurrency` subscribers are in flight at once. It runs in billing's
 * process (simulators-process.ts), as a real billing's hooks do.
 */
export async function driveTv(options: {
  apiUrl: string;
  apiKey: string;
  staff: IspIntegratorBilling;
  subscribers: PreparedSubscriber[];
  concurrency: number;
  progress: (message: string) => void;
  signal?: AbortSignal;
}): Promise<TvDriveResult> {
  const api = new SubsyncClient({ baseUrl: options.apiUrl, apiKey: options.apiKey });
  const samples: TvCommandSample[] = [];
  const done = progressEvery(options.subscribers.length, 'TV commands', options.progress);
  const started = performance.now();
  await runPool(options.subscribers, options.concurrency, async (subscriber) => {
    for (const step of TV_LIFECYCLE) {
      if (!step.appliesTo(subscriber)) continue;
      const event = tvEvent(subscriber, step, await step.inBilling(options.staff, subscriber));
      const triggeredAt = Date.now();
      const t0 = performance.now();
      const res = await api.submitEvent(event, { wait: true, timeoutMs: WAIT_MS });
      const latencyMs = performance.now() - t0;
      if (res.outcome !== 'accepted' || res.status !== 'applied') {
        const parked = res.subscriber?.parked ? ` (parked: ${res.subscriber.parked.reason})` : '';
        throw new Error(`event ${event.id} (${subscriber.platform}): outcome ${res.outcome}, status ${res.status ?? 'none'}${parked}`);
      }
      samples.push({ subscriber, type: step.type, platform: subscriber.platform, latencyMs, triggeredAt });
    }
    done();
  }, options.signal);
  return { samples, wallMs: performance.now() - started };
}
