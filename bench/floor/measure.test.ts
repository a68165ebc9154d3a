import { measureFloor } from './measure';

/** The floor runs on the test suite's Temporal dev server (tests/support/global-setup.ts). */
const address = () => process.env.TEMPORAL_TEST_ADDRESS!;

describe("the floor with the platform work (mode 'platform')", () => {
  it("makes each command's work in its activity, after the driver's step before it, in each entity's order", async () => {
    const seen: string[] = [];
    const result = await measureFloor({
      address: address(),
      temporalPid: process.pid,
      mode: 'platform',
      subscribers: 3,
      commandsPerSubscriber: 4,
      concurrency: 2,
      work: {
        before: async (entity, c) => void seen.push(`before ${entity}:${c}`),
        apply: async (entity, c) => {
          await new Promise((r) => setTimeout(r, 5));
          seen.push(`apply ${entity}:${c}`);
        },
      },
    });
    expect(result.commands).toBe(12);
    for (let entity = 0; entity < 3; entity++) {
      const own = seen.filter((s) => s.split(' ')[1]!.startsWith(`${entity}:`));
      expect(own).toEqual([0, 1, 2, 3].flatMap((c) => [`before ${entity}:${c}`, `apply ${entity}:${c}`]));
    }
    // Each update's one activity: scheduled, started, completed, on top of the update's own events.
    expect(result.historyLength).toBeGreaterThan(4 * 3);
  });

  it('makes each entity its own count of commands, in order, when the count is given per entity', async () => {
    const seen: string[] = [];
    const result = await measureFloor({
      address: address(),
      temporalPid: process.pid,
      mode: 'platform',
      subscribers: 2,
      commandsPerSubscriber: (entity) => [2, 3][entity]!,
      concurrency: 2,
      work: {
        before: async () => undefined,
        apply: async (entity, c) => void seen.push(`${entity}:${c}`),
      },
    });
    expect(result.commands).toBe(5);
    expect(result.latenciesMs).toHaveLength(5);
    expect(seen.filter((s) => s.startsWith('0:'))).toEqual(['0:0', '0:1']);
    expect(seen.filter((s) => s.startsWith('1:'))).toEqual(['1:0', '1:1', '1:2']);
  });

  it('refuses a platform floor without its work, and work given to a floor that would not make it', async () => {
    const base = { address: address(), temporalPid: process.pid, subscribers: 1, commandsPerSubscriber: 1, concurrency: 1 };
    await expect(measureFloor({ ...base, mode: 'platform' })).rejects.toThrow(/"platform" needs its platform work/);
    await expect(measureFloor({ ...base, mode: 'activity', work: { before: async () => undefined, apply: async () => undefined } })).rejects.toThrow(/"activity" takes no platform work/);
  });
});
