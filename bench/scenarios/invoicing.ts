import { performance } from 'node:perf_hooks';
import { defaultConfig } from '../../config/defaults';
import { IspIntegratorBilling, ispIntegratorConnector } from '../../connectors/isp-integrator';
import { startSubsync } from '../../runtime/app';
import type { InvoicingSettings } from '../../schedules/invoicing';
import { DirectInvoicingFigures, runDirectInvoicingProcess } from '../invoicing/direct';
import { BENCH_EXTRAS, BILLING, catalogueOnly, expectedTotal } from '../invoicing/plan';
import { InvoicingRunFigures, runInvoicing } from '../invoicing/run';
import { startIspIntegratorProcess } from '../invoicing/simulator-process';
import { invoicingTargets } from '../invoicing/targets';
import { billingEventTotals, verifyInvoicing } from '../invoicing/verify';
import { benchLogger } from '../support/logger';
import { summariseProfile } from '../support/profile';
import { cpuWindow, CpuUse, formatMiB, ProcessMemory, readProcessMemory, resetPeakRss } from '../support/proc';
import type { Scenario, ScenarioContext, ScenarioReport } from '../support/scenario';
import { perSecond } from '../support/stats';
import { benchDir, startBenchTemporal } from '../support/subsync';
import type { Cell, ReportSection } from '../support/table';
import { MEMORY_BREAKDOWN_HEADERS, MemoryReport, memoryBreakdownRow, splitRoleConfig, startWorkerProcess, writeWorkerConfig } from '../worker/process';
import { startPostgres } from '../../tests/support/postgres';
import { formatCentavos } from '../../workflows/tv-invoicing';


/**
 * Issue 3 §4 and §6, issue 11 §4: monthly TV invoicing ("Faturamento TV") of N ISP-Integrator
 * customers with charged extras, through the real workflow on a subsync worker process started as
 * production starts it (`SUBSYNC_ROLE=worker` main.ts on a config file, PostgreSQL as the store),
 * then the same due date again to show that a re-run creates nothing; then, on the same data
 * generated afresh, the same billing calls in a plain loop without Temporal or the store: the
 * floor to compare with. The API and the Temporal client stay in the bench process; the simulator
 * and the loop have processes of their own, so each figure is one process's.
 */
export const invoicingScenario: Scenario = {
  name: 'invoicing',
  description: 'monthly TV invoicing of N ISP-Integrator customers with charged extras on a worker process of its own (one due date, a re-run of it, and the direct loop)',
  options: [
    { flag: 'customers', env: 'BENCH_CUSTOMERS', default: 100_000, description: 'customers generated, each with one charged extra package' },
    { flag: 'profile', env: 'BENCH_PROFILE', default: 0, description: '1: CPU-profile the worker process over the first run and report where its time went' },
  ],
  run,
};

/** What the scenario knew before its first run. */
interface Setup {
  generateMs: number;
  simulatorAfterGenerate?: ProcessMemory;
  benchBefore?: ProcessMemory;
  workerStartMs: number;
  /** The worker process's own view of its memory when polling, before the first run (after a full GC). */
  workerIdle: MemoryReport;
  /** False when some VmHWM could not be reset before a run. */
  peaksReset: boolean;
}

interface DirectPhase {
  figures: DirectInvoicingFigures;
  /** The loop's process (its own CPU over the loop) and the simulator's over the loop's process. */
  cpu: CpuUse;
  loop?: ProcessMemory;
  simulator?: ProcessMemory;
}

interface Phase {
  figures: InvoicingRunFigures;
  cpu: CpuUse;
  worker?: ProcessMemory;
  /** The worker's view of its memory right after the run (after a full GC). */
  workerAfter: MemoryReport;
  bench?: ProcessMemory;
  simulator?: ProcessMemory;
  temporal?: ProcessMemory;
}

async function run(ctx: ScenarioContext): Promise<ScenarioReport> {
  const customers = ctx.option('customers');
  const logger = benchLogger();
  const dir = benchDir(ctx.resources);

  ctx.progress('starting PostgreSQL (split roles share it) and the ISP-Integrator simulator in its own process');
  const pg = await startPostgres();
  ctx.resources.add('PostgreSQL', () => pg.stop());
  const simulator = await startIspIntegratorProcess(ctx.resources);
  await simulator.seed(catalogueOnly);
  const generateStarted = performance.now();
  const generated = await simulator.generate(customers, { extraPackageIds: [...BENCH_EXTRAS] });
  const generateMs = performance.now() - generateStarted;
  ctx.progress(`generated ${generated.created} customers (${generated.firstCustomerId}…${generated.lastCustomerId}) in ${(generateMs / 1000).toFixed(1)} s`);
  const simulatorAfterGenerate = readProcessMemory(simulator.pid);

  ctx.progress('starting the Temporal dev server and the API in the bench process');
  const temporal = await startBenchTemporal(ctx.resources);
  const temporalPid = temporal.server.process.pid!;
  // The worker reads this file as production reads its config (SUBSYNC_CONFIG); the API in the bench process the same.
  const billingBlock = { url: simulator.url, token: simulator.token, timeoutMs: 30_000 };
  const { file: configFile, config } = writeWorkerConfig(dir, {
    ...splitRoleConfig({ temporalAddress: temporal.server.address, queuePrefix: 'bench-invoicing', storeUrl: pg.url }),
    billing: { [BILLING]: { ...defaultConfig.billing[BILLING], ...billingBlock } },
    // The Schedule stays paused (the bench starts its runs itself); no tracking, so a run ends when invoicing does.
    invoicing: { billing: BILLING, paused: true, trackForHours: 0 },
  });
  // The API first: it registers the search attributes and runs the migrations; then the worker in its own process.
  const api = await startSubsync(config, { logger, worker: false, watchers: false, schedules: false });
  ctx.resources.add('subsync API', () => api.stop());
  const settings: InvoicingSettings = config;

  ctx.progress('starting the subsync worker process (SUBSYNC_ROLE=worker main.ts)');
  const worker = await startWorkerProcess(ctx.resources, { dir, configFile, config, client: api.client });
  ctx.progress(`worker process ${worker.pid} polling after ${(worker.startToPollingMs / 1000).toFixed(1)} s`);
  const setup: Setup = { generateMs, simulatorAfterGenerate, benchBefore: readProcessMemory('self'), workerStartMs: worker.startToPollingMs, workerIdle: await worker.memory(), peaksReset: true };

  const profiles: ReportSection[] = [];
  const measure = async (label: string, dueDate: string | undefined, profile = false): Promise<Phase> => {
    // Each run's peaks are its own: VmHWM back to the current RSS of every process.
    const reset = [worker.resetPeak(), resetPeakRss('self'), resetPeakRss(simulator.pid), resetPeakRss(temporalPid)].every(Boolean);
    setup.peaksReset &&= reset;
    ctx.progress(`${label}: invoicing ${customers} customers${dueDate ? ` for ${dueDate}` : ''}`);
    const profiler = profile ? await worker.profile() : undefined;
    const cpu = cpuWindow({ worker: worker.pid, bench: 'self', simulator: simulator.pid, temporal: temporalPid });
    const figures = await runInvoicing(api.client, settings, dueDate, ctx.progress);
    const ended = cpu.end();
    const memory = { worker: readProcessMemory(worker.pid), bench: readProcessMemory('self'), simulator: readProcessMemory(simulator.pid), temporal: readProcessMemory(temporalPid) };
    if (profiler) {
      const { profile: taken, cpuSeconds } = await profiler.stop();
      profiles.push(summariseProfile(`Where the worker process's CPU went in the ${label} (its main thread's profile)`, taken, cpuSeconds));
    }
    const s = figures.result.summary;
    ctx.progress(`${label}: ${s.customers} customers, ${s.eventsCreated} created, ${s.eventsExisting} existing in ${(figures.wallMs / 1000).toFixed(1)} s; worker peak ${formatMiB(memory.worker?.peakRssKb)}`);
    return { figures, cpu: ended, ...memory, workerAfter: await worker.memory() };
  };
  const profile = ctx.option('profile') > 0;
  const first = await measure('first run', undefined, profile);
  const again = await measure('re-run', first.figures.dueDate);
  await worker.stop();

  ctx.progress('reading the due date\'s billing events back from billing');
  const billing = ispIntegratorConnector.create(BILLING, ispIntegratorConnector.configSchema.parse(billingBlock), { logger });
  if (!(billing instanceof IspIntegratorBilling)) throw new Error('the ISP-Integrator connector made no IspIntegratorBilling');
  const inBilling = await billingEventTotals(billing, first.figures.dueDate);
  const expected = expectedTotal(customers);

  // The direct loop meets billing as the first run did: the same customers generated afresh, no events yet.
  ctx.progress('direct loop: the same customers generated afresh, then the same pages and saves in a script of its own, without Temporal');
  await simulator.seed(catalogueOnly);
  await simulator.generate(customers, { extraPackageIds: [...BENCH_EXTRAS] });
  setup.peaksReset &&= resetPeakRss(simulator.pid);
  const directCpu = cpuWindow({ simulator: simulator.pid });
  const loop = runDirectInvoicingProcess({ url: simulator.url, token: simulator.token, dueDate: first.figures.dueDate, pageSize: config.invoicing.pageSize, concurrency: config.invoicing.concurrency });
  const report = await loop.done;
  const simulatorCpu = directCpu.end();
  setup.peaksReset &&= report.peakReset;
  const directFigures = report.figures;
  const direct: DirectPhase = {
    figures: directFigures,
    cpu: { ...simulatorCpu, processes: { loop: report.cpuSeconds, simulator: simulatorCpu.processes.simulator } },
    loop: report.memory,
    simulator: readProcessMemory(simulator.pid),
  };
  ctx.progress(`direct loop: ${directFigures.customers} customers, ${directFigures.created} created in ${(directFigures.wallMs / 1000).toFixed(1)} s`);

  return {
    sections: [
      runsSection(customers, config.invoicing, first, again, direct),
      targetsSection(first, direct),
      resourceSection(first, again, direct, setup),
      memorySection(first, again, setup),
      ...profiles,
    ],
    problems: [...verifyInvoicing(customers, expected, first.figures, again.figures, inBilling), ...verifyDirect(customers, expected, directFigures)],
  };
}

/** The floor only counts if it did the same work: every plan saved once, the catalogue's total. */
function verifyDirect(customers: number, expected: number, direct: DirectInvoicingFigures): string[] {
  const problems: string[] = [];
  if (direct.customers !== customers || direct.created !== customers) problems.push(`direct loop: ${direct.customers} customers, ${direct.created} created, expected ${customers} each`);
  if (direct.value !== expected) problems.push(`direct loop: total of the events (centavos): ${direct.value}, expected ${expected}`);
  return problems;
}

function runsSection(customers: number, settings: { pageSize: number; concurrency: number; pagesPerActivity: number }, first: Phase, again: Phase, direct: DirectPhase): ReportSection {
  const row = (label: string, p: Phase): Cell[] => {
    const s = p.figures.result.summary;
    const lengths = p.figures.historyLengths;
    return [
      label,
      s.customers,
      s.eventsCreated,
      s.eventsExisting,
      s.totalValueFormatted,
      s.parkedCount,
      p.figures.wallMs / 1000,
      perSecond(s.customers, p.figures.wallMs),
      perSecond(s.eventsCreated, p.figures.wallMs),
      p.figures.wallMs / direct.figures.wallMs,
      formatMiB(p.worker?.peakRssKb),
      lengths.length - 1,
      lengths.join(' / '),
    ];
  };
  const d = direct.figures;
  const s = first.figures.result.summary;
  return {
    title: `TV invoicing: ${customers} customers with one charged extra each, due date ${first.figures.dueDate}`,
    headers: ['run', 'customers', 'events created', 'existing', 'total value', 'parked', 'wall s', 'customers/s', 'events/s', '× direct', 'peak RSS worker / loop', 'continue-as-new', 'history events per run'],
    rows: [
      row('first run (Temporal)', first),
      row('re-run (same due date)', again),
      ['direct loop (no Temporal, no store)', d.customers, d.created, d.existing, formatCentavos(d.value), 0, d.wallMs / 1000, perSecond(d.customers, d.wallMs), perSecond(d.created, d.wallMs), 1, formatMiB(direct.loop?.peakRssKb), '', ''],
    ],
    notes: [
      `${s.pages} pages of ${settings.pageSize} (invoicing.pageSize), up to ${settings.pagesPerActivity} per invoicePage activity (invoicing.pagesPerActivity; the first activities take 1, 1, 2, 4, ...), each page's events saved ${settings.concurrency} at a time (invoicing.concurrency) while the next page is read; continue-as-new every 1000 pages (the workflow's default).`,
      'wall s: from starting the run (startInvoicingRun, as `subsync invoicing run` does) to its result, across its whole continue-as-new chain. × direct: wall time over the direct loop\'s.',
      'events/s counts events created; the re-run finds every event (billing answers 200 with the existing one) and creates none.',
      `expected from the catalogue: ${formatCentavos(expectedTotal(customers))}; the events read back from billing (GET /tv/billing-events) must match it one per customer, all Pending (else PROBLEM below).`,
      'the direct loop: the same connector, pages, read-ahead, saves and group size, in a plain loop in a Node process of its own (bench/invoicing/direct.ts), after the simulator was seeded and the same customers generated afresh (billing as the first run found it).',
      'peak RSS: VmHWM over that run alone: for the Temporal runs the worker process (SUBSYNC_ROLE=worker main.ts, as production runs it); for the direct loop its own process.',
    ],
  };
}

function resourceSection(first: Phase, again: Phase, direct: DirectPhase, setup: Setup): ReportSection {
  const cpu = (p: Phase, seconds: number | undefined): Cell[] => (seconds === undefined ? ['n/a', 'n/a'] : [seconds, seconds / p.cpu.wallSeconds]);
  const rows: Cell[][] = [];
  for (const [label, p] of [['first run', first], ['re-run', again]] as const) {
    rows.push(
      [label, 'subsync worker process (SUBSYNC_ROLE=worker)', ...cpu(p, p.cpu.processes.worker), formatMiB(p.worker?.rssKb), formatMiB(p.worker?.peakRssKb)],
      [label, 'bench process: API, Temporal client, the bench', ...cpu(p, p.cpu.processes.bench), formatMiB(p.bench?.rssKb), formatMiB(p.bench?.peakRssKb)],
      [label, 'ISP-Integrator simulator (own process)', ...cpu(p, p.cpu.processes.simulator), formatMiB(p.simulator?.rssKb), formatMiB(p.simulator?.peakRssKb)],
      [label, 'Temporal dev server (in memory)', ...cpu(p, p.cpu.processes.temporal), formatMiB(p.temporal?.rssKb), formatMiB(p.temporal?.peakRssKb)],
      [label, 'whole machine, every process', ...cpu(p, p.cpu.machine), '', ''],
    );
  }
  const directCpu = (seconds: number | undefined): Cell[] => (seconds === undefined ? ['n/a', 'n/a'] : [seconds, seconds / direct.cpu.wallSeconds]);
  rows.push(
    ['direct loop', 'the loop\'s own process (CPU over the loop)', ...directCpu(direct.cpu.processes.loop), formatMiB(direct.loop?.rssKb), formatMiB(direct.loop?.peakRssKb)],
    ['direct loop', 'ISP-Integrator simulator (own process)', ...directCpu(direct.cpu.processes.simulator), formatMiB(direct.simulator?.rssKb), formatMiB(direct.simulator?.peakRssKb)],
    ['direct loop', 'whole machine, every process', ...directCpu(direct.cpu.machine), '', ''],
  );
  const cpuPerCustomer = (p: Phase) => {
    const total = Object.values(p.cpu.processes).reduce<number | undefined>((sum, s) => (sum === undefined || s === undefined ? undefined : sum + s), 0);
    return total === undefined ? 'n/a' : `${((total * 1000) / p.figures.result.summary.customers).toFixed(2)} ms`;
  };
  const workerPerCustomer = (p: Phase) => {
    const w = p.cpu.processes.worker;
    return w === undefined ? 'n/a' : `${((w * 1000) / p.figures.result.summary.customers).toFixed(2)} ms`;
  };
  const directPerCustomer = (p: DirectPhase) => {
    const { loop, simulator } = p.cpu.processes;
    return loop === undefined || simulator === undefined ? 'n/a' : `${(((loop + simulator) * 1000) / p.figures.customers).toFixed(2)} ms`;
  };
  return {
    title: 'Resources (/proc): CPU over each run, memory at its end and its peak',
    headers: ['run', 'process', 'CPU s', 'avg cores busy', 'RSS at end', 'peak RSS (VmHWM)'],
    rows,
    notes: [
      `the worker process polled ${(setup.workerStartMs / 1000).toFixed(1)} s after its spawn and held ${formatMiB(setup.workerIdle.rss / 1024)} then; the bench process (API, client) held ${formatMiB(setup.benchBefore?.rssKb)} before the first run.`,
      `the simulator generated the customers in ${(setup.generateMs / 1000).toFixed(1)} s (POST /_admin/generate) and then held ${formatMiB(setup.simulatorAfterGenerate?.rssKb)}.`,
      setup.peaksReset ? 'every peak covers its run only (VmHWM reset through clear_refs at the start of each run).' : 'the peaks could not all be reset (clear_refs): some include what ran before.',
      `CPU per customer (worker + bench + simulator + Temporal): first run ${cpuPerCustomer(first)}, re-run ${cpuPerCustomer(again)}; direct loop (its process + simulator) ${directPerCustomer(direct)}. The worker process alone: first run ${workerPerCustomer(first)}, re-run ${workerPerCustomer(again)}; the loop's process alone ${direct.cpu.processes.loop === undefined ? 'n/a' : `${((direct.cpu.processes.loop * 1000) / direct.figures.customers).toFixed(2)} ms`}.`,
      'the machine row shows what else ran: busy cores beyond these processes are other work skewing the figures.',
    ],
  };
}

function targetsSection(first: Phase, direct: DirectPhase): ReportSection {
  return {
    title: 'Issue 11 target 4 (first run, worker process)',
    headers: ['figure', 'subsync', 'target', 'met'],
    rows: invoicingTargets({ wallMs: first.figures.wallMs, directWallMs: direct.figures.wallMs, workerPeakRssKb: first.worker?.peakRssKb, customers: first.figures.result.summary.customers }),
  };
}

function memorySection(first: Phase, again: Phase, setup: Setup): ReportSection {
  return {
    title: 'Where the worker\'s memory is (as the worker process reports it after a full GC: process.memoryUsage(), each workflow thread\'s V8 heap)',
    headers: MEMORY_BREAKDOWN_HEADERS,
    rows: [memoryBreakdownRow('polling, before the first run', setup.workerIdle), memoryBreakdownRow('after the first run', first.workerAfter), memoryBreakdownRow('after the re-run', again.workerAfter)],
    notes: ['read after each run has ended: the heaps are what stays live, not the peak; the peak row above is VmHWM from /proc.'],
  };
}
