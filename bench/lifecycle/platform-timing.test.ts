import type { PlatformEvent } from '../../simulators/intercom';
import type { CommandSample } from './drive';
import { BenchSubscriber, benchSubscribers } from './plan';
import { platformTiming } from './platform-timing';

const [a, b] = benchSubscribers(2) as [BenchSubscriber, BenchSubscriber];
const sample = (subscriber: BenchSubscriber, type: CommandSample['type'], triggeredAt: number, latencyMs: number): CommandSample => ({ subscriber, type, triggeredAt, latencyMs });
const event = (login: string, type: PlatformEvent['type'], at: number): PlatformEvent => ({ id: String(at), type, at: new Date(at).toISOString(), clientId: 'cl_1', login });

describe('platformTiming', () => {
  it("times each writing command to its subscriber's last platform write before the next command", () => {
    const samples = [
      sample(a, 'create', 1000, 300),
      sample(a, 'activate', 1400, 100),
      sample(a, 'service.enable', 1600, 250),
      sample(b, 'create', 1010, 500),
    ];
    const events = [
      event(a.login, 'client.created', 1100),
      event(a.login, 'address.added', 1150),
      event(b.login, 'client.created', 1200),
      event(a.login, 'capabilities.changed', 1700),
    ];
    const timing = platformTiming(samples, events);
    // create of a: last write 1150 → 150; b: 190; service.enable of a: 100. activate writes nothing.
    expect(timing.writtenMs).toEqual([150, 100, 190]);
    expect(timing.answeredMs).toEqual([300, 250, 500]);
  });

  it('leaves out writing commands whose write is missing', () => {
    expect(platformTiming([sample(a, 'block', 1000, 80)], [])).toEqual({ answeredMs: [], writtenMs: [] });
  });
});
