import type { Simulator } from '../../simulators/kit/simulator';

/**
 * Runs a simulator for the enclosing jest block: started on a free port before its tests,
 * stopped after them, and back to its initial data, with no faults, before each test.
 */
export function useSimulator<S extends Simulator>(sim: S, options: { seed?: unknown } = {}): S {
  beforeAll(async () => {
    await sim.start(0);
  });
  afterAll(() => sim.stop());
  beforeEach(async () => {
    sim.reset();
    await sim.faults.clear();
    if (options.seed !== undefined) sim.seed(options.seed);
  });
  return sim;
}
