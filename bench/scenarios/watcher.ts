import { performance } from 'node:perf_hooks';
import { defaultConfig } from '../../config/defaults';
import { lanbillingConnector, LanbillingBilling } from '../../connectors/lanbilling';
import { startSubsync } from '../../runtime/app';
import { INTERCOM } from '../../simulators/lanbilling';
import { InboxEventSchema } from '../../store/entities';
import { prebuiltBundle, writeWorkflowBundle } from '../../worker/workflow-bundle';
import { startPostgres } from '../../tests/support/postgres';
import { benchLogger } from '../support/logger';
import { cpuWindow, CpuUse, formatMiB, ProcessMemory, readProcessMemory, resetPeakRss } from '../support/proc';
import type { Scenario, ScenarioContext, ScenarioReport } from '../support/scenario';
import { benchDir, startBenchTemporal } from '../support/subsync';
import type { Cell, ReportSection } from '../support/table';
import { CycleFigures, runWatcherCycle } from '../watcher/cycle';
import { BILLING, blockAccounts, changedAccounts, recordBaseline } from '../watcher/plan';
import { directLoop, ReferenceFigures, wholeListing } from '../watcher/reference';
import { startLanbillingProcess } from '../watcher/simulator-process';
import { TARGETS, watcherTargets } from '../watcher/targets';
import { MEMORY_BREAKDOWN_HEADERS, MemoryReport, memoryBreakdownRow, splitRoleConfig, startWorkerProcess, writeWorkerConfig } from '../worker/process';

/**
 * Issue 8 §2, issue 11 target 3: one cycle of the LANBilling watcher over N accounts of which 1 %
 * changed since the last cycle, through the real workflow and poll activity on a subsync worker
 * process started as production starts it (`SUBSYNC_ROLE=worker` main.ts on a config file,
 * PostgreSQL as the store), which also runs the subscriber workflows the events start, against the
 * LANBilling simulator in its own process. The API and the Temporal client stay in the bench
 * process, so each figure is one process's. Beside it, in the same run: the same billing calls made
 * directly, and the watcher before the paged pass (every account in full each cycle) on a sample,
 * scaled up.
 */
export const watcherScenario: Scenario = {
  name: 'watcher',
  description: 'one LANBilling watcher cycle over N accounts with 1 % changed on a worker process of its own: SOAP calls, wall time, the worker\'s memory and CPU',
  options: [
    { flag: 'accounts', env: 'BENCH_WATCHER_ACCOUNTS', default: 100_000, description: 'LANBilling accounts generated' },
    { flag: 'changed-percent', env: 'BENCH_WATCHER_CHANGED_PERCENT', default: 1, description: 'accounts a manager blocks between the two cycles, in percent' },
    { flag: 'page-size', env: 'BENCH_WATCHER_PAGE_SIZE', default: 500, description: 'watch.<billing>.pageSize' },
    { flag: 'sweep', env: 'BENCH_WATCHER_SWEEP', default: 100, description: 'watch.<billing>.sweepPerCycle' },
    { flag: 'sample', env: 'BENCH_WATCHER_SAMPLE', default: 2_000, description: 'accounts the old whole-list read is measured on' },
  ],
  run,
};

interface Figures {
  accounts: number;
  changed: number;
  pageSize: number;
  sweep: number;
  generateMs: number;
  baseline: { pages: number; ms: number };
  cycle: CycleFigures;
  cpu: CpuUse;
  /** SOAP calls the simulator answered during the cycle, by operation: the watcher's and the subscriber workflows' re-reads. */
  simulatorCalls: Record<string, number>;
  worker: {
    startMs: number;
    /** The worker process's own view of its memory (after a full GC): polling before the cycle, right after it, at the scenario's end. */
    idle: MemoryReport;
    afterCycle: MemoryReport;
    atEnd: MemoryReport;
    /** VmHWM from the cycle's start to the scenario's end: the subscriber workflows' tail included. */
    peakToEndKb?: number;
  };
  bench?: ProcessMemory;
  simulator?: ProcessMemory;
  temporal?: ProcessMemory;
  simulatorAfterGenerate?: ProcessMemory;
  direct: ReferenceFigures;
  whole: ReferenceFigures & { accounts: number };
}

async function run(ctx: ScenarioContext): Promise<ScenarioReport> {
  const accounts = ctx.option('accounts');
  const percent = ctx.option('changed-percent');
  const pageSize = ctx.option('page-size');
  const sweep = ctx.option('sweep');
  const sample = Math.min(ctx.option('sample'), accounts);
  const logger = benchLogger();
  const dir = benchDir(ctx.resources);

  ctx.progress('starting PostgreSQL (split roles share it) and the LANBilling simulator in its own process');
  const pg = await startPostgres();
  ctx.resources.add('PostgreSQL', () => pg.stop());
  const simulator = await startLanbillingProcess(ctx.resources);
  const generateStarted = performance.now();
  const generated = await simulator.generate(accounts, INTERCOM);
  const generateMs = performance.now() - generateStarted;
  ctx.progress(`generated ${generated.created} accounts (vgid ${generated.firstVgid}…${generated.lastVgid}) in ${(generateMs / 1000).toFixed(1)} s`);
  const simulatorAfterGenerate = readProcessMemory(simulator.pid);

  ctx.progress('starting the Temporal dev server and the API in the bench process');
  const temporal = await startBenchTemporal(ctx.resources);
  const temporalPid = temporal.server.process.pid!;
  // The worker reads this file as production reads its config (SUBSYNC_CONFIG); the API in the bench process the same.
  // LANBilling alone, no service on it: the events' subscriber workflows re-read the account and have nothing to change.
  // No watch block: the bench starts the one measured cycle itself.
  const { file: configFile, config } = writeWorkerConfig(dir, {
    ...splitRoleConfig({ temporalAddress: temporal.server.address, queuePrefix: 'bench-watcher', storeUrl: pg.url }),
    billing: { [BILLING]: { ...defaultConfig.billing[BILLING], url: simulator.url, timeoutMs: 30_000 } },
  });
  // The API first: it registers the search attributes and runs the migrations; then the worker in its own process.
  const api = await startSubsync(config, { logger, worker: false, watchers: false, schedules: false });
  ctx.resources.add('subsync API', () => api.stop());
  const billing = api.connectors.billing(BILLING);
  if (!(billing instanceof LanbillingBilling)) throw new Error(`billing system ${BILLING} is not LANBilling`);

  ctx.progress('recording the watcher state an earlier cycle left (page digests, fingerprints)');
  const baselineStarted = performance.now();
  const baseline = await recordBaseline(api.store, billing, pageSize);
  const baselineMs = performance.now() - baselineStarted;
  const changed = changedAccounts(accounts, percent);
  ctx.progress(`a manager blocks ${changed.length} accounts over api3`);
  await blockAccounts(billing, changed, ctx.signal);

  // A production worker loads the bundle its image was built with; bundling in process would add webpack to its memory.
  if (!prebuiltBundle()) {
    ctx.progress('the prebuilt workflow bundle is missing or stale: building it as `npm run build:workflows` does');
    await writeWorkflowBundle();
  }
  ctx.progress('starting the subsync worker process (SUBSYNC_ROLE=worker main.ts)');
  const worker = await startWorkerProcess(ctx.resources, { dir, configFile, config, client: api.client });
  ctx.progress(`worker process ${worker.pid} polling after ${(worker.startToPollingMs / 1000).toFixed(1)} s`);
  const idle = await worker.memory();

  ctx.progress(`measuring one watcher cycle over ${accounts} accounts (page size ${pageSize}, sweep ${sweep})`);
  const callsBefore = await simulator.calls();
  for (const pid of ['self', simulator.pid, temporalPid] as const) resetPeakRss(pid);
  const cpu = cpuWindow({ worker: worker.pid, bench: 'self', simulator: simulator.pid, temporal: temporalPid });
  const cycle = await runWatcherCycle(api.client, config.temporal.taskQueue, { billing: BILLING, intervalSeconds: 3600, pageSize, sweepPerCycle: sweep }, worker, ctx.progress);
  const cpuUse = cpu.end();
  const callsAfter = await simulator.calls();
  const processes = { bench: readProcessMemory('self'), simulator: readProcessMemory(simulator.pid), temporal: readProcessMemory(temporalPid) };
  const afterCycle = await worker.memory();
  const simulatorCalls = Object.fromEntries(Object.entries(callsAfter).map(([op, n]) => [op, n - (callsBefore[op] ?? 0)]).filter(([, n]) => (n as number) > 0));
  ctx.progress(`cycle: ${cycle.result.calls} calls, ${cycle.result.events} events in ${(cycle.activityMs / 1000).toFixed(1)} s; worker peak ${formatMiB(cycle.rss.peakKb)}`);

  const inbox = api.store.orm.em.fork();
  const received = await inbox.count(InboxEventSchema, {});
  const blocks = await inbox.count(InboxEventSchema, { type: 'block' });

  ctx.progress('reference: the same calls made directly');
  const sweptIds = Array.from({ length: Math.min(sweep, accounts) }, (_, i) => String(i + 1));
  const direct = await directLoop(billing, pageSize, [...changed.map(String), ...sweptIds]);

  ctx.progress(`reference: the whole-list read of the watcher before, on ${sample} accounts`);
  const sampleSimulator = await startLanbillingProcess(ctx.resources, 'LANBilling sample simulator process');
  await sampleSimulator.generate(sample, INTERCOM);
  const settings = (config.billing[BILLING] as { settings?: Record<string, unknown> }).settings ?? {};
  const sampleBilling = lanbillingConnector.create(BILLING, lanbillingConnector.configSchema.parse({ ...settings, url: sampleSimulator.url }), { logger });
  const whole = await wholeListing(sampleBilling);
  const peakToEndKb = worker.peakRssKb();
  const atEnd = await worker.memory();
  await worker.stop();

  const figures: Figures = {
    accounts, changed: changed.length, pageSize, sweep, generateMs, baseline: { pages: baseline.pages, ms: baselineMs },
    cycle, cpu: cpuUse, simulatorCalls, ...processes, simulatorAfterGenerate, direct, whole,
    worker: { startMs: worker.startToPollingMs, idle, afterCycle, atEnd, peakToEndKb },
  };
  const problems: string[] = [];
  if (cycle.result.events !== changed.length) problems.push(`the cycle sent ${cycle.result.events} events for ${changed.length} changed accounts`);
  if (received !== changed.length || blocks !== changed.length) problems.push(`the inbox holds ${received} events, ${blocks} of them blocks; expected ${changed.length} blocks`);
  if (cycle.result.accounts !== accounts) problems.push(`the cycle saw ${cycle.result.accounts} accounts of ${accounts}`);
  if (cycle.result.failed > 0) problems.push(`${cycle.result.failed} accounts could not be read`);
  return { sections: [cycleSection(figures), targetsSection(figures), resourceSection(figures), memorySection(figures)], problems };
}

function cycleSection(f: Figures): ReportSection {
  const r = f.cycle.result;
  const scale = f.accounts / f.whole.accounts;
  const rss = f.cycle.rss;
  const rows: Cell[][] = [
    ['watcher cycle (worker process: workflow, poll activity, store, events)', r.pages, r.fullReads, r.calls, r.events, f.cycle.activityMs / 1000, `${formatMiB(rss.beforeKb)} → ${formatMiB(rss.peakKb)} → ${formatMiB(rss.afterKb)}`],
    ['the same calls, direct (no Temporal, no store, no events)', r.pages, f.changed + Math.min(f.sweep, f.accounts), f.direct.calls, 0, f.direct.ms / 1000, ''],
    [`before: whole list each cycle, ${f.whole.accounts} accounts measured`, '', f.whole.accounts, f.whole.calls, '', f.whole.ms / 1000, `+${f.whole.heapGrowthMiB?.toFixed(0)} MiB heap held`],
    [`before, scaled to ${f.accounts} accounts`, '', f.accounts, Math.round(f.whole.calls * scale), '', (f.whole.ms * scale) / 1000, `+${((f.whole.heapGrowthMiB ?? 0) * scale).toFixed(0)} MiB heap held`],
  ];
  const soap = Object.entries(f.simulatorCalls).sort(([a], [b]) => a.localeCompare(b)).map(([op, n]) => `${op} ${n}`).join(', ');
  return {
    title: `LANBilling watcher: one cycle over ${f.accounts} accounts, ${f.changed} blocked since the last (page size ${f.pageSize}, sweep ${f.sweep} per cycle)`,
    headers: ['run', 'pages', 'read in full', 'SOAP calls', 'events', 'seconds', 'worker process RSS before → peak → after'],
    rows,
    notes: [
      `target for the cycle: ≤ ${TARGETS.seconds} s and ≤ ${TARGETS.calls} SOAP calls; measured ${(f.cycle.activityMs / 1000).toFixed(1)} s (${(f.cycle.wallMs / 1000).toFixed(1)} s from the workflow's start) and ${r.calls} calls: ${r.pages} pages + 2 × ${r.fullReads} full reads (${f.changed} changed, ${r.swept} swept).`,
      `SOAP calls the simulator answered during the cycle: ${soap}. Beyond the watcher's, these are the ${f.changed} subscriber workflows re-reading their account (2 calls each) as they apply the events; the watcher's own count is the activity's.`,
      `worker process (SUBSYNC_ROLE=worker main.ts, as production runs it): VmHWM over the cycle ${formatMiB(rss.peakKb)}${rss.peakReset ? '' : ' (could not be reset: includes what ran before)'}, RSS sampled every 250 ms at most ${formatMiB(rss.sampledMaxKb)}; from the cycle's start to the scenario's end (the subscriber workflows' tail included) ${formatMiB(f.worker.peakToEndKb)}. The pass holds one page and its cursor rows at a time.`,
      `seconds: the poll activity from started to completed (Temporal's event times). The state an earlier cycle left was written in ${(f.baseline.ms / 1000).toFixed(1)} s from ${f.baseline.pages} page reads and the generated accounts; the sweep's full reads check it (a difference would be an event).`,
      'the references run in the bench process; before: `listAccounts()`, what the watcher read every cycle until the paged pass: all vgroup pages, all service pages and each vgroup\'s addons (one call per account), every account held at once.',
    ],
  };
}

function targetsSection(f: Figures): ReportSection {
  return {
    title: 'Issue 8 §2 and issue 11 target 3 (the cycle, worker process)',
    headers: ['figure', 'subsync', 'target', 'met'],
    rows: watcherTargets({ activityMs: f.cycle.activityMs, calls: f.cycle.result.calls, accounts: f.accounts, workerPeakRssKb: f.cycle.rss.peakKb }),
  };
}

function resourceSection(f: Figures): ReportSection {
  const cpu = (s: number | undefined): Cell[] => (s === undefined ? ['n/a', 'n/a'] : [s, s / f.cpu.wallSeconds]);
  const perEvent = (s: number | undefined) => (s === undefined || f.changed === 0 ? 'n/a' : `${((s * 1000) / f.changed).toFixed(1)} ms`);
  return {
    title: 'Resources over the cycle (/proc): CPU over the cycle, memory at its end and its peak',
    headers: ['process', 'CPU s', 'avg cores busy', 'RSS at end', 'peak RSS (VmHWM)'],
    rows: [
      ['subsync worker process (SUBSYNC_ROLE=worker)', ...cpu(f.cpu.processes.worker), formatMiB(f.cycle.rss.afterKb), formatMiB(f.cycle.rss.peakKb)],
      ['bench process: API, Temporal client, the bench', ...cpu(f.cpu.processes.bench), formatMiB(f.bench?.rssKb), formatMiB(f.bench?.peakRssKb)],
      ['LANBilling simulator (own process)', ...cpu(f.cpu.processes.simulator), formatMiB(f.simulator?.rssKb), formatMiB(f.simulator?.peakRssKb)],
      ['Temporal dev server (in memory)', ...cpu(f.cpu.processes.temporal), formatMiB(f.temporal?.rssKb), formatMiB(f.temporal?.peakRssKb)],
      ['whole machine, every process', ...cpu(f.cpu.machine), '', ''],
    ],
    notes: [
      `the worker process polled ${(f.worker.startMs / 1000).toFixed(1)} s after its spawn and held ${formatMiB(f.worker.idle.rss / 1024)} then; its CPU over the cycle per changed account (the watcher's pass included): ${perEvent(f.cpu.processes.worker)}.`,
      `the simulator generated ${f.accounts} accounts in ${(f.generateMs / 1000).toFixed(1)} s (POST /_admin/generate) and then held ${formatMiB(f.simulatorAfterGenerate?.rssKb)}.`,
      'every peak covers the cycle only (VmHWM reset through clear_refs at its start).',
      'the machine row shows what else ran: busy cores beyond these processes are other work skewing the figures.',
    ],
  };
}

function memorySection(f: Figures): ReportSection {
  return {
    title: 'Where the worker\'s memory is (as the worker process reports it after a full GC: process.memoryUsage(), each workflow thread\'s V8 heap)',
    headers: MEMORY_BREAKDOWN_HEADERS,
    rows: [
      memoryBreakdownRow('polling, before the cycle', f.worker.idle),
      memoryBreakdownRow('right after the cycle\'s poll completed', f.worker.afterCycle),
      memoryBreakdownRow('at the scenario\'s end (after the references)', f.worker.atEnd),
    ],
    notes: ['read after a full collection: the heaps are what stays live, not the peak; the peak is VmHWM from /proc above.'],
  };
}
