import type { TvEvent } from '../../simulators/tv';
import type { TvCommandSample } from './drive';

export interface TvPlatformTiming {
  /** Trigger to the wait=true answer, for the commands that wrote to their platform. */
  answeredMs: number[];
  /** Trigger to the platform's last write for the same commands (the simulator stamps each change). */
  writtenMs: number[];
}

/**
 * Lines the TV simulators' event logs up with the commands: each platform change belongs to the
 * subscriber's (platform and login) latest command triggered at or before it. A subscriber's
 * commands run one after another, so this shows when the platform really changed and how much
 * of the answered latency comes after that.
 */
export function tvPlatformTiming(samples: TvCommandSample[], eventsByPlatform: Record<string, TvEvent[]>): TvPlatformTiming {
  const byLogin = new Map<string, TvCommandSample[]>();
  for (const sample of samples) {
    const key = `${sample.platform}:${sample.subscriber.login}`;
    byLogin.set(key, [...(byLogin.get(key) ?? []), sample]);
  }
  for (const list of byLogin.values()) list.sort((a, b) => a.triggeredAt - b.triggeredAt);

  const lastWrite = new Map<TvCommandSample, number>();
  for (const [platform, events] of Object.entries(eventsByPlatform)) {
    for (const event of events) {
      const at = Date.parse(event.at);
      const owner = byLogin.get(`${platform}:${event.login}`)?.filter((s) => s.triggeredAt <= at).at(-1);
      if (owner) lastWrite.set(owner, Math.max(lastWrite.get(owner) ?? 0, at));
    }
  }
  const timing: TvPlatformTiming = { answeredMs: [], writtenMs: [] };
  for (const sample of samples) {
    const at = lastWrite.get(sample);
    if (at === undefined) continue;
    timing.answeredMs.push(sample.latencyMs);
    timing.writtenMs.push(at - sample.triggeredAt);
  }
  return timing;
}
