import type { TvEvent, TvSimulatorState } from '../../simulators/tv';
import { TV_LIFECYCLE, TvBenchSubscriber } from './plan';

/**
 * Checks the platforms did the work the answers claim: each subscriber's platform logged exactly
 * the expected changes in order (created with its base package, the extra, the box, suspended,
 * resumed, removed) and holds no bench subscriber any more. Returns what is wrong.
 */
export function verifyTvPlatforms(subscribers: TvBenchSubscriber[], states: Record<string, Pick<TvSimulatorState, 'subscribers' | 'events'>>): string[] {
  const problems: string[] = [];
  const logged = new Map<string, TvEvent['type'][]>();
  for (const [platform, state] of Object.entries(states)) {
    for (const e of state.events) {
      const key = `${platform}:${e.login}`;
      logged.set(key, [...(logged.get(key) ?? []), e.type]);
    }
  }
  for (const s of subscribers) {
    const expected = TV_LIFECYCLE.filter((step) => step.appliesTo(s)).flatMap((step) => step.platformEvents);
    const actual = logged.get(`${s.platform}:${s.login}`) ?? [];
    if (actual.join(',') !== expected.join(',')) problems.push(`${s.platform} ${s.login}: platform logged [${actual.join(', ')}], expected [${expected.join(', ')}]`);
    if (states[s.platform]?.subscribers.some((p) => p.login === s.login)) problems.push(`${s.platform} ${s.login}: still on the platform after disable`);
  }
  return problems;
}
