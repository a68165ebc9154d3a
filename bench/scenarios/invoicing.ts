import { performance } from 'node:perf_hooks';
import { IspIntegratorBilling } from '../../connectors/isp-integrator';
import type { InvoicingSettings } from '../../schedules/invoicing';
import { BENCH_EXTRAS, BILLING, catalogueOnly, expectedTotal } from '../invoicing/plan';
import { InvoicingRunFigures, runInvoicing } from '../invoicing/run';
import { startIspIntegratorProcess } from '../invoicing/simulator-process';
import { billingEventTotals, verifyInvoicing } from '../invoicing/verify';
import { benchLogger } from '../support/logger';
import { cpuWindow, CpuUse, formatMiB, ProcessMemory, readProcessMemory, resetPeakRss } from '../support/proc';
import type { Scenario, ScenarioContext, ScenarioReport } from '../support/scenario';
import { perSecond } from '../support/stats';
import { benchConfig, benchDir, startBenchSubsync, startBenchTemporal } from '../support/subsync';
import type { Cell, ReportSection } from '../support/table';
import { formatCentavos } from '../../workflows/tv-invoicing';

/**
 * Issue 3 §4 and §6: monthly TV invoicing ("Faturamento TV") of N ISP-Integrator customers with
 * charged extras, through the real workflow on the real worker and dev server, then the same due
 * date again to show that a re-run creates nothing. The simulator runs in its own process so the
 * bench process's peak memory is the worker's.
 */
export const invoicingScenario: Scenario = {
  name: 'invoicing',
  description: 'monthly TV invoicing of N ISP-Integrator customers with charged extras (one due date, then a re-run of it)',
  options: [{ flag: 'customers', env: 'BENCH_CUSTOMERS', default: 100_000, description: 'customers generated, each with one charged extra package' }],
  run,
};

/** What the scenario knew before its first run. */
interface Setup {
  generateMs: number;
  simulatorAfterGenerate?: ProcessMemory;
  benchBefore?: ProcessMemory;
  /** False when some VmHWM could not be reset before a run. */
  peaksReset: boolean;
}

interface Phase {
  figures: InvoicingRunFigures;
  cpu: CpuUse;
  bench?: ProcessMemory;
  simulator?: ProcessMemory;
  temporal?: ProcessMemory;
}

async function run(ctx: ScenarioContext): Promise<ScenarioReport> {
  const customers = ctx.option('customers');
  const logger = benchLogger();

  ctx.progress('starting the ISP-Integrator simulator in its own process');
  const simulator = await startIspIntegratorProcess(ctx.resources);
  await simulator.seed(catalogueOnly);
  const generateStarted = performance.now();
  const generated = await simulator.generate(customers, { extraPackageIds: [...BENCH_EXTRAS] });
  const generateMs = performance.now() - generateStarted;
  ctx.progress(`generated ${generated.created} customers (${generated.firstCustomerId}…${generated.lastCustomerId}) in ${(generateMs / 1000).toFixed(1)} s`);
  const simulatorAfterGenerate = readProcessMemory(simulator.pid);

  ctx.progress('starting the Temporal dev server and the subsync stack');
  const temporal = await startBenchTemporal(ctx.resources);
  const temporalPid = temporal.server.process.pid!;
  const config = benchConfig({
    temporalAddress: temporal.server.address,
    dir: benchDir(ctx.resources),
    overrides: {
      billing: { [BILLING]: { url: simulator.url, token: simulator.token, timeoutMs: 30_000 } },
      // The Schedule stays paused (the bench starts its runs itself); no tracking, so a run ends when invoicing does.
      invoicing: { billing: BILLING, paused: true, trackForHours: 0 },
    },
  });
  const subsync = await startBenchSubsync(config, logger, ctx.resources);
  const settings: InvoicingSettings = config;
  const setup: Setup = { generateMs, simulatorAfterGenerate, benchBefore: readProcessMemory('self'), peaksReset: true };

  const measure = async (label: string, dueDate: string | undefined): Promise<Phase> => {
    // Each run's peaks are its own: VmHWM back to the current RSS of every process.
    const reset = [resetPeakRss('self'), resetPeakRss(simulator.pid), resetPeakRss(temporalPid)].every(Boolean);
    setup.peaksReset &&= reset;
    ctx.progress(`${label}: invoicing ${customers} customers${dueDate ? ` for ${dueDate}` : ''}`);
    const cpu = cpuWindow({ bench: 'self', simulator: simulator.pid, temporal: temporalPid });
    const figures = await runInvoicing(subsync.app.client, settings, dueDate, ctx.progress);
    const phase = { figures, cpu: cpu.end(), bench: readProcessMemory('self'), simulator: readProcessMemory(simulator.pid), temporal: readProcessMemory(temporalPid) };
    const s = figures.result.summary;
    ctx.progress(`${label}: ${s.customers} customers, ${s.eventsCreated} created, ${s.eventsExisting} existing in ${(figures.wallMs / 1000).toFixed(1)} s`);
    return phase;
  };
  const first = await measure('first run', undefined);
  const again = await measure('re-run', first.figures.dueDate);

  ctx.progress('reading the due date\'s billing events back from billing');
  const billing = subsync.app.connectors.billing(BILLING);
  if (!(billing instanceof IspIntegratorBilling)) throw new Error(`billing system ${BILLING} is not ISP-Integrator`);
  const inBilling = await billingEventTotals(billing, first.figures.dueDate);
  const expected = expectedTotal(customers);

  return {
    sections: [
      runsSection(customers, config.invoicing.pageSize, first, again),
      resourceSection(first, again, setup),
    ],
    problems: verifyInvoicing(customers, expected, first.figures, again.figures, inBilling),
  };
}

function runsSection(customers: number, pageSize: number, first: Phase, again: Phase): ReportSection {
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
      lengths.length - 1,
      lengths.join(' / '),
    ];
  };
  const s = first.figures.result.summary;
  return {
    title: `TV invoicing: ${customers} customers with one charged extra each, due date ${first.figures.dueDate}`,
    headers: ['run', 'customers', 'events created', 'existing', 'total value', 'parked', 'wall s', 'customers/s', 'events/s', 'continue-as-new', 'history events per run'],
    rows: [row('first run', first), row('re-run (same due date)', again)],
    notes: [
      `${s.pages} pages of ${pageSize} (invoicing.pageSize); each page is one invoicePage activity saving its events 16 at a time; continue-as-new every 100 pages (the workflow's defaults).`,
      'wall s: from starting the run (startInvoicingRun, as `subsync invoicing run` does) to its result, across its whole continue-as-new chain.',
      'events/s counts events created; the re-run finds every event (billing answers 200 with the existing one) and creates none.',
      `expected from the catalogue: ${formatCentavos(expectedTotal(customers))}; the events read back from billing (GET /tv/billing-events) must match it one per customer, all Pending (else PROBLEM below).`,
    ],
  };
}

function resourceSection(first: Phase, again: Phase, setup: Setup): ReportSection {
  const cpu = (p: Phase, seconds: number | undefined): Cell[] => (seconds === undefined ? ['n/a', 'n/a'] : [seconds, seconds / p.cpu.wallSeconds]);
  const rows: Cell[][] = [];
  for (const [label, p] of [['first run', first], ['re-run', again]] as const) {
    rows.push(
      [label, 'bench process: worker, API, Temporal client', ...cpu(p, p.cpu.processes.bench), formatMiB(p.bench?.rssKb), formatMiB(p.bench?.peakRssKb)],
      [label, 'ISP-Integrator simulator (own process)', ...cpu(p, p.cpu.processes.simulator), formatMiB(p.simulator?.rssKb), formatMiB(p.simulator?.peakRssKb)],
      [label, 'Temporal dev server (in memory)', ...cpu(p, p.cpu.processes.temporal), formatMiB(p.temporal?.rssKb), formatMiB(p.temporal?.peakRssKb)],
      [label, 'whole machine, every process', ...cpu(p, p.cpu.machine), '', ''],
    );
  }
  const cpuPerCustomer = (p: Phase) => {
    const total = Object.values(p.cpu.processes).reduce<number | undefined>((sum, s) => (sum === undefined || s === undefined ? undefined : sum + s), 0);
    return total === undefined ? 'n/a' : `${((total * 1000) / p.figures.result.summary.customers).toFixed(2)} ms`;
  };
  return {
    title: 'Resources (/proc): CPU over each run, memory at its end and its peak',
    headers: ['run', 'process', 'CPU s', 'avg cores busy', 'RSS at end', 'peak RSS (VmHWM)'],
    rows,
    notes: [
      `the worker's peak is the bench process's VmHWM: the simulator runs in its own process. Bench process RSS with the stack started, before the first run: ${formatMiB(setup.benchBefore?.rssKb)}.`,
      `the simulator generated the customers in ${(setup.generateMs / 1000).toFixed(1)} s (POST /_admin/generate) and then held ${formatMiB(setup.simulatorAfterGenerate?.rssKb)}.`,
      setup.peaksReset ? 'every peak covers its run only (VmHWM reset through clear_refs at the start of each run).' : 'the peaks could not all be reset (clear_refs): some include what ran before.',
      `CPU per customer (bench + simulator + Temporal): first run ${cpuPerCustomer(first)}, re-run ${cpuPerCustomer(again)}.`,
      'the machine row shows what else ran: busy cores beyond these processes are other work skewing the figures.',
    ],
  };
}
