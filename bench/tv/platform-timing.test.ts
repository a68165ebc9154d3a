import type { TvEvent } from '../../simulators/tv';
import type { TvCommandSample } from './drive';
import { PreparedSubscriber, tvBenchSubscribers } from './plan';
import { tvPlatformTiming } from './platform-timing';

const [a, b] = tvBenchSubscribers(2).map((s): PreparedSubscriber => ({ ...s, customerId: `c${s.index}`, contractedPlanId: `p${s.index}` }));
const sample = (s: PreparedSubscriber, type: TvCommandSample['type'], triggeredAt: number, latencyMs: number): TvCommandSample => ({ subscriber: s, type, platform: s.platform, triggeredAt, latencyMs });
const event = (login: string, type: TvEvent['type'], at: number): TvEvent => ({ seq: at, type, at: new Date(at).toISOString(), login });

describe('tvPlatformTiming', () => {
  it("times each command to its subscriber's last write on its own platform before the next command", () => {
    const samples = [sample(a!, 'create', 1000, 300), sample(a!, 'tv.package.add', 1400, 200), sample(b!, 'create', 1010, 500)];
    const timing = tvPlatformTiming(samples, {
      beenius: [event(a!.login, 'subscriber.created', 1100), event(a!.login, 'package.base_set', 1150), event(a!.login, 'package.added', 1500)],
      // b is on CDN TV; a write under a's login there is not a's.
      cdntv: [event(b!.login, 'subscriber.created', 1200), event(b!.login, 'package.base_set', 1250), event(a!.login, 'package.added', 1900)],
    });
    expect(timing.writtenMs).toEqual([150, 100, 240]);
    expect(timing.answeredMs).toEqual([300, 200, 500]);
  });
});
