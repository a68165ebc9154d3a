import { performance } from 'node:perf_hooks';
import type { Client } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import type { UsageParentSummary } from '../../activities/usage-billing-activities';
import { defaultConfig } from '../../config/defaults';
import { meetingPort } from '../../connectors/meetings/port';
import { monthBounds } from '../../domain/month';
import { startUsageRun, UsageBillingSettings } from '../../schedules/usage-billing';
import { MEETING_PARENT_LICENSE, PARENT_HOLDER } from '../../simulators/meeting-demo';
import type { Payment } from '../../simulators/lanbilling';
import type { UsageBillingResult } from '../../workflows/usage-billing';
import { formatCents } from '../../workflows/usage-billing';
import { DirectFigures, directUsageLoop } from '../usage/direct';
import { startFastViewerProcess, startLanbillingProcess } from '../usage/simulator-processes';
import { benchLogger } from '../support/logger';
import { cpuWindow, CpuUse, formatMiB, ProcessMemory, readProcessMemory, resetPeakRss } from '../support/proc';
import type { Scenario, ScenarioContext, ScenarioReport } from '../support/scenario';
import { perSecond } from '../support/stats';
import { benchDir, startBenchTemporal } from '../support/subsync';
import type { Cell, ReportSection } from '../support/table';
import { WORKER_PEAK_TARGET_MIB, workerPeakRow } from '../worker/peak-target';
import { MEMORY_BREAKDOWN_HEADERS, MemoryReport, memoryBreakdownRow, splitRoleConfig, startWorkerProcess, workflowBundleNote, writeWorkerConfig } from '../worker/process';
import { startSubsync } from '../../runtime/app';
import { startPostgres } from '../../tests/support/postgres';

/**
 * Issue 10 §5: month-end usage billing of N FastViewer child licenses with M finished sessions
 * each (generated in the FastViewer simulator, in its own process), charged to the LANBilling
 * contract holding the parent license (LANBilling simulator, its own process), through the real
 * workflow on a subsync worker process started as production starts it (`SUBSYNC_ROLE=worker`
 * main.ts on a config file, PostgreSQL as the store) and the dev server; then a re-run of the
 * month, which must charge nothing; then the same billing calls in a plain loop without Temporal:
 * the ratio to beat. The API and the Temporal client stay in the bench process, so the worker's
 * peak RSS (issue 11 target 3: ≤ 400 MiB) is its own process's.
 */
export const usageScenario: Scenario = {
  name: 'usage',
  description: 'month-end usage billing of N FastViewer child licenses with M sessions each (one month, a re-run, and the direct loop)',
  options: [
    { flag: 'licenses', env: 'BENCH_LICENSES', default: 10_000, description: 'child licenses generated under the parent license' },
    { flag: 'sessions', env: 'BENCH_SESSIONS', default: 100, description: 'finished sessions per license in the month' },
  ],
  run,
};

const MONTH = '2026-03';
const PRICE_PER_MINUTE = 0.5;
/** The direct loop charges a contract of its own, so its keys never meet the workflow's. */
const DIRECT_HOLDER = { vgid: 901, agrmid: 91 } as const;

interface Phase {
  result: UsageBillingResult;
  parent: UsageParentSummary;
  wallMs: number;
  cpu: CpuUse;
  historyLengths: number[];
  worker?: ProcessMemory;
  /** The worker's own view of its memory right after the run (after a full GC). */
  workerAfter: MemoryReport;
  bench?: ProcessMemory;
  fastviewer?: ProcessMemory;
  lanbilling?: ProcessMemory;
}

async function run(ctx: ScenarioContext): Promise<ScenarioReport> {
  const licenses = ctx.option('licenses');
  const sessions = ctx.option('sessions');
  const logger = benchLogger();
  const { from, to } = monthBounds(MONTH, 'UTC');

  ctx.progress(`starting FastViewer (generating ${licenses} licenses × ${sessions} sessions) and LANBilling, each in its own process`);
  const generateStarted = performance.now();
  const fastviewer = await startFastViewerProcess(ctx.resources, { generate: { parentLicense: MEETING_PARENT_LICENSE, licenses, sessionsPerLicense: sessions, from, to, seed: 1 } });
  const fastviewerStartMs = performance.now() - generateStarted;
  const fastviewerAfterGenerate = readProcessMemory(fastviewer.pid);
  const holder = (uid: number, h: { vgid: number; agrmid: number }) => ({
    uid,
    type: 1 as const,
    name: `Parent license holder ${uid}`,
    agreements: [{ agrmid: h.agrmid, number: `A-${h.agrmid}`, balance: 1e9, vgroups: [{ vgid: h.vgid, login: `holder-${uid}`, tarid: 1 }] }],
  });
  const lanbilling = await startLanbillingProcess(ctx.resources, { accounts: [holder(9, PARENT_HOLDER), holder(10, DIRECT_HOLDER)] });

  ctx.progress('starting PostgreSQL (split roles share it), the Temporal dev server and the API in the bench process');
  const pg = await startPostgres();
  ctx.resources.add('PostgreSQL', () => pg.stop());
  const temporal = await startBenchTemporal(ctx.resources);
  const temporalPid = temporal.server.process.pid!;
  const dir = benchDir(ctx.resources);
  // The worker reads this file as production reads its config (SUBSYNC_CONFIG); the API in the bench process the same.
  const { file: configFile, config } = writeWorkerConfig(dir, {
    ...splitRoleConfig({ temporalAddress: temporal.server.address, queuePrefix: 'bench-usage', storeUrl: pg.url }),
    billing: { lanbilling: { ...defaultConfig.billing.lanbilling, url: lanbilling.url, timeoutMs: 30_000 } },
    platforms: { fastviewer: { ...defaultConfig.platforms.fastviewer, url: fastviewer.url, timeoutMs: 30_000 } },
    services: { meeting: defaultConfig.services.meeting },
    usageBilling: {
      paused: true,
      services: { meeting: { pricePerMinute: PRICE_PER_MINUTE, parents: { [MEETING_PARENT_LICENSE]: { billing: 'lanbilling', account: String(PARENT_HOLDER.vgid), agreement: String(PARENT_HOLDER.agrmid) } } } },
    },
  });
  // The API first: it registers the search attributes and runs the migrations; then the worker in its own process.
  const api = await startSubsync(config, { logger, worker: false, watchers: false, schedules: false });
  ctx.resources.add('subsync API', () => api.stop());
  ctx.progress('starting the subsync worker process (SUBSYNC_ROLE=worker main.ts)');
  const worker = await startWorkerProcess(ctx.resources, { dir, configFile, config, client: api.client });
  ctx.progress(`worker process ${worker.pid} polling after ${(worker.startToPollingMs / 1000).toFixed(1)} s`);
  const benchBefore = readProcessMemory('self');
  const workerIdle = await worker.memory();
  let peaksReset = true;

  const measure = async (label: string): Promise<Phase> => {
    peaksReset = [worker.resetPeak(), resetPeakRss('self'), resetPeakRss(fastviewer.pid), resetPeakRss(lanbilling.pid), resetPeakRss(temporalPid)].every(Boolean) && peaksReset;
    ctx.progress(`${label}: billing ${MONTH}`);
    const cpu = cpuWindow({ worker: worker.pid, bench: 'self', fastviewer: fastviewer.pid, lanbilling: lanbilling.pid, temporal: temporalPid });
    const started = performance.now();
    const { result, historyLengths } = await runMonth(api.client, config, ctx.progress);
    const wallMs = performance.now() - started;
    const ended = cpu.end();
    const memory = { worker: readProcessMemory(worker.pid), bench: readProcessMemory('self'), fastviewer: readProcessMemory(fastviewer.pid), lanbilling: readProcessMemory(lanbilling.pid) };
    const parent = result.parents.find((p) => p.parent === MEETING_PARENT_LICENSE)!;
    ctx.progress(`${label}: ${parent.items} licenses, ${parent.charged} charged, ${parent.existing} existing in ${(wallMs / 1000).toFixed(1)} s; worker peak ${formatMiB(memory.worker?.peakRssKb)}`);
    return { result, parent, wallMs, historyLengths, cpu: ended, ...memory, workerAfter: await worker.memory() };
  };
  const first = await measure('first run');
  const again = await measure('re-run');
  await worker.stop();

  ctx.progress('direct loop: the same usage pages and charges without Temporal');
  resetPeakRss('self');
  const directCpu = cpuWindow({ bench: 'self', fastviewer: fastviewer.pid, lanbilling: lanbilling.pid });
  const direct = await directUsageLoop({
    platform: api.connectors.get(meetingPort, 'fastviewer'),
    billing: api.connectors.billing('lanbilling'),
    parent: MEETING_PARENT_LICENSE,
    account: String(DIRECT_HOLDER.vgid),
    agreement: String(DIRECT_HOLDER.agrmid),
    month: MONTH,
    from,
    to,
    pageSize: config.usageBilling.pageSize,
    concurrency: config.usageBilling.concurrency,
    pricePerMinute: PRICE_PER_MINUTE,
    progress: ctx.progress,
  });
  const directUse = { cpu: directCpu.end(), bench: readProcessMemory('self') };

  ctx.progress("reading LANBilling's payments back");
  const payments = (await lanbilling.state<{ payments: Payment[] }>()).payments;
  return {
    sections: [
      runsSection(licenses, sessions, first, again, direct),
      {
        title: 'Issue 11 target 3 (worker process)',
        headers: ['phase', 'worker peak RSS', 'target', 'met'],
        rows: [workerPeakRow('first run', first.worker?.peakRssKb), workerPeakRow('re-run', again.worker?.peakRssKb)],
      },
      resourceSection(first, again, directUse, { benchBefore, workerStartMs: worker.startToPollingMs, workerIdle, fastviewerStartMs, fastviewerAfterGenerate, peaksReset }),
      {
        title: "Where the worker's memory is (as the worker process reports it after a full GC: process.memoryUsage(), each workflow thread's V8 heap)",
        headers: MEMORY_BREAKDOWN_HEADERS,
        rows: [memoryBreakdownRow('polling, before the first run', workerIdle), memoryBreakdownRow('after the first run', first.workerAfter), memoryBreakdownRow('after the re-run', again.workerAfter)],
        notes: ['read after each run has ended: the heaps are what stays live, not the peak; the peak is VmHWM from /proc (table above).'],
      },
    ],
    problems: verify(licenses, sessions, first, again, direct, payments),
  };
}

/** One run of the month as an operator starts it (`subsync usage run`), followed to its result across continue-as-new. */
async function runMonth(client: Client, settings: UsageBillingSettings, progress: (message: string) => void): Promise<{ result: UsageBillingResult; historyLengths: number[] }> {
  const started = await startUsageRun(client, settings, { month: MONTH });
  const timer = setInterval(() => {
    client.workflow
      .getHandle(started.workflowId)
      .query<{ parents: UsageParentSummary[]; pages: number; generation: number }>('progress')
      .then((p) => progress(`usage ${MONTH}: ${p.parents.reduce((n, s) => n + s.items, 0)} licenses done, ${p.pages} pages, run ${p.generation + 1}`))
      .catch(() => undefined);
  }, 10_000);
  try {
    const result = (await client.workflow.getHandle(started.workflowId, started.runId).result()) as UsageBillingResult;
    const lengths: number[] = [];
    let runId: string | undefined = started.runId;
    while (runId) {
      const events: temporal.api.history.v1.IHistoryEvent[] = (await client.workflow.getHandle(started.workflowId, runId).fetchHistory()).events ?? [];
      lengths.push(events.length);
      runId = events.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
    }
    return { result, historyLengths: lengths };
  } finally {
    clearInterval(timer);
  }
}

function runsSection(licenses: number, sessions: number, first: Phase, again: Phase, direct: DirectFigures): ReportSection {
  const row = (label: string, p: Phase): Cell[] => [
    label,
    p.parent.items,
    p.parent.seconds,
    p.parent.charged,
    p.parent.existing,
    formatCents(p.parent.chargedAmount + p.parent.existingAmount),
    p.wallMs / 1000,
    perSecond(p.parent.items, p.wallMs),
    p.wallMs / direct.wallMs,
    formatMiB(p.worker?.peakRssKb),
    p.historyLengths.length - 1,
    p.historyLengths.join(' / '),
  ];
  return {
    title: `Usage billing: ${licenses} child licenses × ${sessions} sessions (${licenses * sessions} sessions), month ${MONTH}, one parent license`,
    headers: ['run', 'licenses', 'seconds', 'charged', 'already charged', 'amount', 'wall s', 'licenses/s', '× direct', 'worker peak RSS', 'continue-as-new', 'history events per run'],
    rows: [row('first run (Temporal)', first), row('re-run of the month', again), ['direct loop (no Temporal, no store)', direct.items, direct.seconds, direct.charged, 0, formatCents(direct.amount), direct.wallMs / 1000, perSecond(direct.items, direct.wallMs), 1, '', '', '']],
    notes: [
      `${first.result.pages} pages of usage totals (usageBilling.pageSize), each one billUsagePage activity charging 16 at a time (usageBilling.concurrency), continue-as-new every 50 pages.`,
      'wall s: from startUsageRun (what `subsync usage run` calls) to the result, across the continue-as-new chain. × direct: wall time over the direct loop\'s.',
      'each charge is three LANBilling SOAP calls (getPayments by receipt, getAgreements, Payment); the re-run finds every key in the ledger and calls billing for none.',
      'the direct loop makes the same FastViewer and LANBilling calls with the same concurrency, on a second contract so its keys are new, through the connectors of the bench process.',
      `worker peak RSS: VmHWM of the worker process (SUBSYNC_ROLE=worker main.ts, as production runs it) over that run alone; issue 11 target 3: ≤ ${WORKER_PEAK_TARGET_MIB} MiB.`,
    ],
  };
}

function resourceSection(
  first: Phase,
  again: Phase,
  direct: { cpu: CpuUse; bench?: ProcessMemory },
  setup: { benchBefore?: ProcessMemory; workerStartMs: number; workerIdle: MemoryReport; fastviewerStartMs: number; fastviewerAfterGenerate?: ProcessMemory; peaksReset: boolean },
): ReportSection {
  const cpu = (use: CpuUse, seconds: number | undefined): Cell[] => (seconds === undefined ? ['n/a', 'n/a'] : [seconds, seconds / use.wallSeconds]);
  const rows: Cell[][] = [];
  for (const [label, p] of [['first run', first], ['re-run', again]] as const) {
    rows.push(
      [label, 'subsync worker process (SUBSYNC_ROLE=worker)', ...cpu(p.cpu, p.cpu.processes.worker), formatMiB(p.worker?.rssKb), formatMiB(p.worker?.peakRssKb)],
      [label, 'bench process: API, Temporal client, the bench', ...cpu(p.cpu, p.cpu.processes.bench), formatMiB(p.bench?.rssKb), formatMiB(p.bench?.peakRssKb)],
      [label, 'FastViewer simulator (own process)', ...cpu(p.cpu, p.cpu.processes.fastviewer), formatMiB(p.fastviewer?.rssKb), formatMiB(p.fastviewer?.peakRssKb)],
      [label, 'LANBilling simulator (own process)', ...cpu(p.cpu, p.cpu.processes.lanbilling), formatMiB(p.lanbilling?.rssKb), formatMiB(p.lanbilling?.peakRssKb)],
      [label, 'Temporal dev server (in memory)', ...cpu(p.cpu, p.cpu.processes.temporal), '', ''],
      [label, 'whole machine, every process', ...cpu(p.cpu, p.cpu.machine), '', ''],
    );
  }
  rows.push(['direct loop', 'bench process: the loop on the API\'s connectors', ...cpu(direct.cpu, direct.cpu.processes.bench), formatMiB(direct.bench?.rssKb), formatMiB(direct.bench?.peakRssKb)]);
  rows.push(['direct loop', 'whole machine, every process', ...cpu(direct.cpu, direct.cpu.machine), '', '']);
  return {
    title: 'Resources (/proc): CPU over each run, memory at its end and its peak',
    headers: ['run', 'process', 'CPU s', 'avg cores busy', 'RSS at end', 'peak RSS (VmHWM)'],
    rows,
    notes: [
      `the worker process polled ${(setup.workerStartMs / 1000).toFixed(1)} s after its spawn and held ${formatMiB(setup.workerIdle.rss / 1024)} then; the bench process (API, client) held ${formatMiB(setup.benchBefore?.rssKb)} before the first run.`,
      `FastViewer started and generated the month in ${(setup.fastviewerStartMs / 1000).toFixed(1)} s and then held ${formatMiB(setup.fastviewerAfterGenerate?.rssKb)}.`,
      workflowBundleNote(),
      setup.peaksReset ? 'every peak covers its run only (VmHWM reset through clear_refs at the start of each run).' : 'the peaks could not all be reset (clear_refs): some include what ran before.',
      'the machine row shows what else ran: busy cores beyond these processes are other work skewing the figures.',
    ],
  };
}

/** The figures are only worth reading when the money is right: one payment per license, the amounts the seconds price to. */
function verify(licenses: number, sessions: number, first: Phase, again: Phase, direct: DirectFigures, payments: Payment[]): string[] {
  const problems: string[] = [];
  const ours = payments.filter((p) => p.agrmid === PARENT_HOLDER.agrmid && p.receipt.startsWith('usage:'));
  if (first.parent.items !== licenses || first.parent.sessions !== licenses * sessions) problems.push(`first run billed ${first.parent.items} licenses / ${first.parent.sessions} sessions, expected ${licenses} / ${licenses * sessions}`);
  if (first.parent.charged !== licenses || first.parent.failed + first.parent.unpaid !== 0) problems.push(`first run charged ${first.parent.charged} of ${licenses} (${first.parent.unpaid} unpaid, ${first.parent.failed} failed)`);
  if (again.parent.charged !== 0 || again.parent.existing !== licenses) problems.push(`the re-run charged ${again.parent.charged} and found ${again.parent.existing} already charged; expected 0 and ${licenses}`);
  if (ours.length !== licenses || new Set(ours.map((p) => p.receipt)).size !== licenses) problems.push(`LANBilling holds ${ours.length} usage payments (${new Set(ours.map((p) => p.receipt)).size} keys) on the parent holder's contract, expected ${licenses}`);
  const booked = Math.round(-ours.reduce((sum, p) => sum + p.amount, 0) * 100);
  if (booked !== first.parent.chargedAmount) problems.push(`LANBilling booked ${formatCents(booked)}, the run reports ${formatCents(first.parent.chargedAmount)}`);
  if (direct.seconds !== first.parent.seconds || direct.amount !== first.parent.chargedAmount) problems.push(`the direct loop read ${direct.seconds} s (${formatCents(direct.amount)}), the run ${first.parent.seconds} s (${formatCents(first.parent.chargedAmount)})`);
  return problems;
}
