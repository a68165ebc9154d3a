import type { BenchSubscriber, EventType } from './plan';

/** One command as the bench saw it. */
export interface CommandSample {
  subscriber: BenchSubscriber;
  type: EventType;
  /** Trigger to applied, measured with the monotonic clock. */
  latencyMs: number;
  /** Wall-clock time of the trigger, to line up with the platform's own event times. */
  triggeredAt: number;
}

export interface DriveResult {
  samples: CommandSample[];
  wallMs: number;
  /** Time the manager's changes in billing took (before each trigger, inside the wall time, outside latency). */
  managerMs: number[];
}

/** Reports every tenth of the subscribers done, so a long run shows it is alive. */
export function progressEvery(total: number, label: string, progress: (message: string) => void): () => void {
  let done = 0;
  let shown = 0;
  return () => {
    done += 1;
    const tenth = Math.floor((done * 10) / total);
    if (tenth > shown) {
      shown = tenth;
      progress(`${label}: ${done}/${total} subscribers done`);
    }
  };
}
