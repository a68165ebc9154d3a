import fs from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import { defaultConfig } from '../../config/defaults';
import { loadConfig } from '../../config/load';
import { startSubsync } from '../../runtime/app';
import { startPostgres } from '../../tests/support/postgres';
import { LIFECYCLE } from '../lifecycle/plan';
import { WORKER_PEAK_TARGET_MIB } from '../worker/peak-target';
import { startLifecycleSimulators } from '../lifecycle/simulators';
import { verifyOutcome } from '../lifecycle/verify';
import { benchLogger } from '../support/logger';
import { formatMiB } from '../support/proc';
import type { Scenario, ScenarioContext, ScenarioReport } from '../support/scenario';
import { benchDir, startBenchTemporal } from '../support/subsync';
import type { Cell, ReportSection } from '../support/table';
import { driveFloorEntities } from '../worker/floor-load';
import { cleanEnv, MEMORY_BREAKDOWN_HEADERS, MeasuredWorker, MemoryReport, memoryBreakdownRow, splitRoleConfig, startMeasuredWorker, workerNodeArgs } from '../worker/process';

/** Issue 11, target 3: a worker process's start-up and memory. */
export const TARGETS = { startMs: 5_000, idleRssMiB: 250, peakRssMiB: WORKER_PEAK_TARGET_MIB };

/**
 * Issue 11 target 3: a subsync worker process started as production starts it (`SUBSYNC_ROLE=worker`
 * main.ts on a config file: this run's Temporal dev server, PostgreSQL, the lifecycle's simulators):
 * time from spawn to polling, RSS then and after an idle while, peak RSS through a lifecycle load
 * driven through an API in the bench process, RSS after. Beside it, in the same run, a bare
 * Temporal worker process (no-op workflow and activity, bench/floor) started the same way and
 * driven with the floor's load of as many commands.
 */
export const workerScenario: Scenario = {
  name: 'worker',
  description: 'a subsync worker process (SUBSYNC_ROLE=worker): start-up time, idle and peak RSS under a lifecycle load, against a bare Temporal worker process',
  options: [
    { flag: 'worker-subscribers', env: 'BENCH_WORKER_SUBSCRIBERS', default: 200, description: 'subscribers taken through the lifecycle (6 commands each)' },
    { flag: 'worker-concurrency', env: 'BENCH_WORKER_CONCURRENCY', default: 20, description: 'subscribers in flight at once' },
    { flag: 'worker-cache', env: 'BENCH_WORKER_CACHE', default: 0, description: 'worker.maxCachedWorkflows for both workers (0: the config default)' },
    { flag: 'idle-seconds', env: 'BENCH_WORKER_IDLE_SECONDS', default: 10, description: 'idle time after start before the idle RSS is read' },
  ],
  run,
};

interface WorkerFigures {
  startToPollingMs: number;
  rssAtPollingKb?: number;
  idle: MemoryReport;
  idleRssKb?: number;
  peakRssKb?: number;
  afterRssKb?: number;
  after: MemoryReport;
  commands: number;
  wallMs: number;
  /** The worker process's CPU over the load. */
  loadCpuSeconds?: number;
}

async function run(ctx: ScenarioContext): Promise<ScenarioReport> {
  const count = ctx.option('worker-subscribers');
  const concurrency = ctx.option('worker-concurrency');
  const idleMs = ctx.option('idle-seconds') * 1000;
  const dir = benchDir(ctx.resources);
  const logger = benchLogger();

  ctx.progress('starting PostgreSQL (split roles share it), the Temporal dev server and the simulators process');
  const pg = await startPostgres();
  ctx.resources.add('PostgreSQL', () => pg.stop());
  const temporal = await startBenchTemporal(ctx.resources);
  const simulators = await startLifecycleSimulators(ctx.resources);
  await simulators.prepare(count);
  const client = new Client({ connection: await Connection.connect({ address: temporal.server.address }) });
  ctx.resources.add('Temporal client', () => client.connection.close());

  // The worker reads this file as production reads its config (SUBSYNC_CONFIG); the API in the bench process the same.
  const configFile = path.join(dir, 'worker.config.json');
  const raw = {
    ...splitRoleConfig({ temporalAddress: temporal.server.address, queuePrefix: 'bench-worker', storeUrl: pg.url }),
    // The demo's LANBilling, intercom platform and intercom service, as the lifecycle scenario runs them.
    billing: { lanbilling: { ...defaultConfig.billing.lanbilling, url: simulators.lanbillingUrl, timeoutMs: 30_000 } },
    platforms: { intercom: { ...defaultConfig.platforms.intercom, url: simulators.intercomUrl, token: simulators.intercomToken, timeoutMs: 30_000 } },
    services: { intercom: defaultConfig.services.intercom },
    ...(ctx.option('worker-cache') > 0 && { worker: { maxCachedWorkflows: ctx.option('worker-cache') } }),
  };
  fs.writeFileSync(configFile, JSON.stringify(raw));
  const config = loadConfig({ env: {}, file: configFile });
  // The API in the bench process (it registers the search attributes and runs the migrations first); the worker in its own.
  const api = await startSubsync(config, { logger, worker: false, watchers: false, schedules: false });
  ctx.resources.add('subsync API', () => api.stop());
  const { key } = await api.credentials.create({ name: 'bench', permissions: [{ scope: 'admin' }], expiresAt: new Date(Date.now() + 86_400_000) }, 'bench');
  process.env.SUBSYNC_API_KEY = key;

  ctx.progress('bundling the floor workflow for the reference worker');
  const referenceBundle = path.join(dir, 'floor-bundle.js');
  fs.writeFileSync(referenceBundle, (await bundleWorkflowCode({ workflowsPath: path.resolve(__dirname, '../floor/workflows.ts'), logger: { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: console.error } })).code);

  const referenceQueue = `bench-reference-${Date.now()}`;
  ctx.progress(`reference: a bare Temporal worker process; ${count} entities × ${LIFECYCLE.length} updates with a no-op activity`);
  const reference = await measureWorker(ctx, idleMs, {
    label: 'reference worker process',
    start: () =>
      startMeasuredWorker(ctx.resources, {
        label: 'reference worker process',
        script: path.resolve(__dirname, '../worker/reference.ts'),
        env: { ...cleanEnv(), BENCH_TEMPORAL_ADDRESS: temporal.server.address, BENCH_TASK_QUEUE: referenceQueue, BENCH_WORKFLOW_BUNDLE: referenceBundle, BENCH_MAX_CACHED_WORKFLOWS: String(config.worker.maxCachedWorkflows) },
        client,
        namespace: 'default',
        taskQueue: referenceQueue,
        logFile: path.join(dir, 'reference.log'),
      }),
    load: () => driveFloorEntities({ client, taskQueue: referenceQueue, subscribers: count, commands: LIFECYCLE.length, concurrency, signal: ctx.signal }),
  });

  ctx.progress(`subsync: a worker process (SUBSYNC_ROLE=worker main.ts); ${count} subscribers × ${LIFECYCLE.length} commands through the API`);
  const subsync = await measureWorker(ctx, idleMs, {
    label: 'subsync worker process',
    start: () =>
      startMeasuredWorker(ctx.resources, {
        label: 'subsync worker process',
        script: path.resolve(__dirname, '../../main.ts'),
        nodeArgs: workerNodeArgs(),
        env: { ...cleanEnv(), SUBSYNC_ROLE: 'worker', SUBSYNC_CONFIG: configFile, LOG_FILE: path.join(dir, 'worker.jsonl') },
        client,
        namespace: config.temporal.namespace,
        taskQueue: config.temporal.taskQueue,
        logFile: path.join(dir, 'worker.log'),
      }),
    load: async () => {
      const r = await simulators.driveThroughSubsync({ apiUrl: api.apiUrl, apiKey: key, subscribers: count, concurrency, progress: ctx.progress });
      return { commands: r.samples.length, wallMs: r.wallMs };
    },
  });
  const problems = verifyOutcome('through the worker process', await simulators.outcome(), count);
  return { sections: report(subsync, reference, config.worker, count, concurrency), problems };
}

async function measureWorker(ctx: ScenarioContext, idleMs: number, options: { label: string; start: () => Promise<MeasuredWorker>; load: () => Promise<{ commands: number; wallMs: number }> }): Promise<WorkerFigures> {
  const worker = await options.start();
  const rssAtPollingKb = worker.rssKb();
  ctx.progress(`${options.label}: polling after ${(worker.startToPollingMs / 1000).toFixed(1)} s; idle for ${idleMs / 1000} s`);
  await new Promise((r) => setTimeout(r, idleMs));
  const idleRssKb = worker.rssKb();
  const idle = await worker.memory();
  if (!worker.resetPeak()) ctx.progress(`${options.label}: could not reset its peak RSS; the peak covers its start too`);
  const cpuBefore = worker.cpuSeconds();
  const { commands, wallMs } = await options.load();
  const cpuAfter = worker.cpuSeconds();
  const loadCpuSeconds = cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore;
  const peakRssKb = worker.peakRssKb();
  const afterRssKb = worker.rssKb();
  const after = await worker.memory();
  await worker.stop();
  return { startToPollingMs: worker.startToPollingMs, rssAtPollingKb, idle, idleRssKb, peakRssKb, afterRssKb, after, commands, wallMs, loadCpuSeconds };
}

const kbMiB = (kb: number | undefined) => (kb === undefined ? NaN : kb / 1024);

function report(subsync: WorkerFigures, reference: WorkerFigures, worker: { maxCachedWorkflows: number; workflowThreads: number }, count: number, concurrency: number): ReportSection[] {
  const row = (what: string, f: (w: WorkerFigures) => string): Cell[] => [what, f(subsync), f(reference)];
  const figures: ReportSection = {
    title: `A worker process, spawn to stop: ${count} subscribers × ${LIFECYCLE.length} commands, ${concurrency} at a time`,
    headers: ['figure', 'subsync worker (SUBSYNC_ROLE=worker)', 'bare Temporal worker (reference)'],
    rows: [
      row('spawn → polling', (w) => `${(w.startToPollingMs / 1000).toFixed(2)} s`),
      row('RSS when polling', (w) => formatMiB(w.rssAtPollingKb)),
      row('RSS idle (after the idle time)', (w) => formatMiB(w.idleRssKb)),
      row('peak RSS under load', (w) => formatMiB(w.peakRssKb)),
      row('RSS after the load', (w) => formatMiB(w.afterRssKb)),
      row('commands / wall s of the load', (w) => `${w.commands} / ${(w.wallMs / 1000).toFixed(1)} s`),
      row('worker process CPU per command', (w) => (w.loadCpuSeconds === undefined ? 'n/a' : `${((w.loadCpuSeconds * 1000) / w.commands).toFixed(1)} ms`)),
    ],
    notes: [
      `both with maxCachedWorkflows ${worker.maxCachedWorkflows}; subsync's worker with ${worker.workflowThreads} workflow thread(s). The reference runs the floor's no-op entity (one no-op activity per update) on its own task queue, driven from the bench's client; subsync's worker gets the lifecycle through the API in the bench process.`,
      'polling: the Temporal server lists the process (identity <pid>@<host>) among the pollers of the task queue. Peak: VmHWM, reset when the load starts.',
    ],
  };
  const checks: [string, number, number, string][] = [
    ['spawn → polling', subsync.startToPollingMs / 1000, TARGETS.startMs / 1000, 's'],
    ['RSS idle', kbMiB(subsync.idleRssKb), TARGETS.idleRssMiB, 'MiB'],
    ['peak RSS under load', kbMiB(subsync.peakRssKb), TARGETS.peakRssMiB, 'MiB'],
  ];
  const targets: ReportSection = {
    title: 'Issue 11 target 3 (subsync worker process)',
    headers: ['figure', 'subsync', 'target', 'met'],
    rows: checks.map(([what, value, target, unit]) => [what, `${value.toFixed(unit === 's' ? 2 : 0)} ${unit}`, `≤ ${target} ${unit}`, value <= target ? 'yes' : 'NO']),
  };
  const extra = subsync.idle.packages.filter((p) => !reference.idle.packages.includes(p));
  const where: ReportSection = {
    title: 'Where the memory is (as each process reports it after a full GC: process.memoryUsage(), each workflow thread\'s V8 heap)',
    headers: MEMORY_BREAKDOWN_HEADERS,
    rows: [memoryBreakdownRow('subsync, idle', subsync.idle), memoryBreakdownRow('subsync, after the load', subsync.after), memoryBreakdownRow('reference, idle', reference.idle), memoryBreakdownRow('reference, after the load', reference.after)],
    notes: [`packages the subsync worker loads beyond the reference's: ${extra.join(', ') || 'none'}.`],
  };
  return [figures, targets, where];
}
