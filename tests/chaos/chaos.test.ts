import { runScenario } from '../../chaos/support/env';
import { scenarios, testSizes } from '../../chaos/scenarios';

/**
 * The chaos suite at small sizes (`npm run chaos` runs it at bench sizes): real processes (the
 * API and workers as `main.ts` with SUBSYNC_ROLE, the Temporal dev server, the simulators, a
 * PostgreSQL) broken for real, then checked: nothing lost, no effect twice, converged, no drift.
 * A scenario that does not hold fails with its problems and where its processes' logs are.
 */
describe('chaos', () => {
  it.each(scenarios.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
    const report = await runScenario(scenario, { sizes: testSizes, progress: () => undefined });
    const summary = { tried: report.tried, lost: report.lost, duplicated: report.duplicated, convergeSeconds: report.convergeSeconds, drift: report.drift, notes: report.notes, logs: report.dir };
    expect({ problems: report.problems, ...summary }).toEqual({ problems: [], ...summary });
    expect(report.tried).toBeGreaterThan(0);
    expect(report.lost).toBe(0);
  }, 420_000);
});
