import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { runScenario } from '../../chaos/support/env';
import { serverRoot, startTemporalServer } from '../../chaos/support/temporal-server';
import { Scenario, temporalRestart, testSizes, workerKilledMidBurst, workerKilledMidInvoicing } from '../../chaos/scenarios';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureTemporalServer } = require('../../scripts/temporal-server.cjs') as { ensureTemporalServer: (log?: (m: string) => void) => { server: string } };

/**
 * subsync as deploy/ runs it: the full Temporal server 1.29.1 (built with `go install`, schema
 * applied to PostgreSQL with its own temporal-sql-tool, config from deploy/temporal), the store on
 * PostgreSQL, two worker processes and one API process (main.ts with SUBSYNC_ROLE), the simulators
 * in their own process. The lifecycle runs through it while one worker is killed mid-burst (the
 * other takes over), while the Temporal server restarts under the running processes, and while
 * the worker running an invoicing page is killed.
 *
 * Long (it builds the server once, ~4 minutes on a cold machine): `npm run test:deployment`, or
 * SUBSYNC_DEPLOYMENT_TEST=1. `.ci/run` runs it after `npm test`.
 */
const enabled = process.env.SUBSYNC_DEPLOYMENT_TEST === '1';

(enabled ? describe : describe.skip)('deployment: full Temporal server on PostgreSQL, two workers, one API', () => {
  let server: string;
  beforeAll(() => {
    server = ensureTemporalServer((m) => process.stderr.write(`${m}\n`)).server;
  }, 30 * 60_000);

  it('ships a dynamic config with only keys this server knows', () => {
    const out = execFileSync(server, ['validate-dynamic-config', path.join(serverRoot, 'config', 'dynamicconfig', 'production.yaml')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(out).not.toMatch(/warning|error/i);
  });

  const onServer = (scenario: Scenario) => async () => {
    const report = await runScenario(scenario, { sizes: testSizes, progress: () => undefined, temporal: (dir) => startTemporalServer(dir) });
    const summary = { tried: report.tried, lost: report.lost, duplicated: report.duplicated, convergeSeconds: report.convergeSeconds, drift: report.drift, notes: report.notes, logs: report.dir };
    expect({ problems: report.problems, ...summary }).toEqual({ problems: [], ...summary });
    expect(report.tried).toBeGreaterThan(0);
    expect(report.lost).toBe(0);
  };

  it('drives the lifecycle through two workers; one killed mid-burst, the other takes over with nothing lost', onServer({ ...workerKilledMidBurst, workers: 2 }), 420_000);
  it('rides out a restart of the Temporal server under the running API and workers', onServer({ ...temporalRestart, workers: 2 }), 420_000);
  it('moves a killed worker\'s invoicing page to the other within seconds, one billing event per plan', onServer(workerKilledMidInvoicing), 420_000);
});
