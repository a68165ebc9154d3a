import type { CommandSample } from './drive';
import { LIFECYCLE } from './plan';
import type { LifecycleOutcome } from './simulators';

export interface PlatformTiming {
  /** Trigger to the wait=true answer, for the commands that wrote to the platform. */
  answeredMs: number[];
  /** Trigger to the platform's last write for the same commands (the simulator stamps each write). */
  writtenMs: number[];
}

/**
 * Lines the intercom simulator's event log up with the commands: each platform event belongs
 * to the subscriber's (by login) latest command triggered at or before it. Commands of one
 * subscriber run one after another, so the log shows when the platform state really changed
 * and how much of the answered latency is acknowledgement rather than work.
 */
export function platformTiming(samples: CommandSample[], events: LifecycleOutcome['events']): PlatformTiming {
  const writes = new Set(LIFECYCLE.filter((s) => s.platformEvents.length > 0).map((s) => s.type));
  const byLogin = new Map<string, CommandSample[]>();
  for (const sample of samples) byLogin.set(sample.subscriber.login, [...(byLogin.get(sample.subscriber.login) ?? []), sample]);
  for (const list of byLogin.values()) list.sort((a, b) => a.triggeredAt - b.triggeredAt);

  const lastWrite = new Map<CommandSample, number>();
  for (const event of events) {
    const at = Date.parse(event.at);
    const owner = byLogin.get(event.login)?.filter((s) => s.triggeredAt <= at).at(-1);
    if (owner) lastWrite.set(owner, Math.max(lastWrite.get(owner) ?? 0, at));
  }
  const timing: PlatformTiming = { answeredMs: [], writtenMs: [] };
  for (const sample of samples) {
    const at = lastWrite.get(sample);
    if (!writes.has(sample.type) || at === undefined) continue;
    timing.answeredMs.push(sample.latencyMs);
    timing.writtenMs.push(at - sample.triggeredAt);
  }
  return timing;
}
