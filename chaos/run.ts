import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { renderTable } from '../bench/support/table';
import { benchSizes, scenarios, ScenarioReport, Sizes, testSizes } from './scenarios';
import { runScenario } from './support/env';
import type { TemporalBackend } from './support/temporal';

const usage = `npm run chaos -- [options]

Runs each chaos scenario on its own cluster of real processes (PostgreSQL, a Temporal service, the
simulators, the API and workers as main.ts with SUBSYNC_ROLE), breaks it, and prints per scenario:
events tried, lost, effects twice (charges, profiles, billing events), seconds to converge after the
fault, and reconcile's drift afterwards. Exits 1 when a scenario did not hold.

  --scenario <names>     comma-separated, or all (default): ${scenarios.map((s) => s.name).join(', ')}
  --subscribers <n>      subscribers in a burst (3 events each)         default ${benchSizes.subscribers}
  --concurrency <n>      subscribers in flight at once                  default ${benchSizes.concurrency}
  --down-seconds <n>     how long the platform is down (platform-down)  default ${benchSizes.downSeconds}
  --customers <n>        plans to invoice (worker-killed-mid-invoicing) default ${benchSizes.customers}
  --temporal dev|server  the dev server (default), or the full Temporal server on PostgreSQL (deploy/)
  --keep-logs <dir>      keep every scenario's logs under <dir>
  --small                the sizes npm test runs them at (tests/chaos)`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      scenario: { type: 'string', default: 'all' },
      subscribers: { type: 'string' },
      concurrency: { type: 'string' },
      'down-seconds': { type: 'string' },
      customers: { type: 'string' },
      temporal: { type: 'string', default: 'dev' },
      'keep-logs': { type: 'string' },
      small: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const number = (name: string, value: string | undefined, fallback: number) => {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer, got "${value}"`);
    return n;
  };
  const base = values.small ? testSizes : benchSizes;
  const sizes: Sizes = {
    ...base,
    subscribers: number('subscribers', values.subscribers, base.subscribers),
    concurrency: number('concurrency', values.concurrency, base.concurrency),
    downSeconds: number('down-seconds', values['down-seconds'], base.downSeconds),
    customers: number('customers', values.customers, base.customers),
  };
  const chosen = values.scenario === 'all' ? scenarios : values.scenario!.split(',').map((name) => scenarios.find((s) => s.name === name.trim()) ?? fail(`unknown scenario "${name}"; known: ${scenarios.map((s) => s.name).join(', ')}`));
  if (values.temporal !== 'dev' && values.temporal !== 'server') fail(`--temporal must be dev or server, got "${values.temporal}"`);
  const temporal = values.temporal === 'server' ? await fullServer() : undefined;
  const progress = (m: string) => process.stderr.write(`[chaos] ${m}\n`);
  await shareWorkflowBundle(progress);

  const reports: (ScenarioReport & { dir?: string })[] = [];
  for (const scenario of chosen) {
    progress(`${scenario.name}: ${scenario.description}`);
    try {
      const dir = values['keep-logs'] ? `${values['keep-logs']}/${scenario.name}` : undefined;
      reports.push(await runScenario(scenario, { sizes, progress, temporal, dir }));
    } catch (err) {
      reports.push({ scenario: scenario.name, tried: 0, lost: 0, duplicated: { charges: 0, profiles: 0, billingEvents: 0, auditRows: 0 }, convergeSeconds: NaN, notes: [], problems: [`failed to run: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`] });
    }
  }

  console.log(`# subsync chaos — ${new Date().toISOString()}\n`);
  console.log(`sizes: ${sizes.subscribers} subscribers × 3 events, ${sizes.concurrency} at once; platform down ${sizes.downSeconds} s; ${sizes.customers} plans to invoice; Temporal: ${values.temporal}\n`);
  console.log(
    renderTable(
      ['scenario', 'tried', 'lost', 'charges twice', 'profiles twice', 'billing events twice', 'converged after (s)', 'drift after', 'held'],
      reports.map((r) => [r.scenario, r.tried, r.lost, r.duplicated.charges, r.duplicated.profiles, r.duplicated.billingEvents, r.convergeSeconds, r.drift ?? '–', r.problems.length ? 'NO' : 'yes']),
    ),
  );
  for (const r of reports) {
    console.log(`\n${r.scenario}`);
    for (const n of r.notes) console.log(`  ${n}`);
    for (const p of r.problems) console.log(`  PROBLEM: ${p}`);
    if (r.problems.length && r.dir) console.log(`  logs: ${r.dir}`);
  }
  return reports.every((r) => r.problems.length === 0) ? 0 : 1;
}

/** Every worker process would bundle the workflows at start (seconds of CPU each): bundle once and hand it over. */
async function shareWorkflowBundle(progress: (m: string) => void): Promise<void> {
  if (process.env.SUBSYNC_WORKFLOW_BUNDLE) return;
  progress('bundling the workflows once for every worker');
  const { buildWorkflowBundle } = await import('../worker/worker');
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'subsync-chaos-bundle-')), 'workflows.js');
  fs.writeFileSync(file, (await buildWorkflowBundle()).code);
  process.env.SUBSYNC_WORKFLOW_BUNDLE = file;
  process.once('exit', () => fs.rmSync(path.dirname(file), { recursive: true, force: true }));
}

function fail(message: string): never {
  throw new Error(message);
}

/** The full Temporal server on PostgreSQL, as deploy/ runs it. */
async function fullServer(): Promise<(dir: string) => Promise<TemporalBackend>> {
  const { startTemporalServer } = await import('./support/temporal-server');
  return (dir) => startTemporalServer(dir);
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
