import { measureFloors } from '../floor/floors';
import { versusFloor } from '../floor/measure';
import { platformFloorSection } from '../floor/platform-section';
import { directLifecycle, driveDirect } from '../lifecycle/direct';
import type { CommandSample, DriveResult } from '../lifecycle/drive';
import { benchSubscribers, BILLING, LIFECYCLE } from '../lifecycle/plan';
import { platformTiming } from '../lifecycle/platform-timing';
import { startLifecycleSimulators } from '../lifecycle/simulators';
import { verifyOutcome } from '../lifecycle/verify';
import { benchLogger } from '../support/logger';
import { profilePhase } from '../support/profile';
import { cpuWindow, CpuUse, formatMiB, ProcessMemory, readProcessMemory, resetPeakRss } from '../support/proc';
import type { Scenario, ScenarioContext, ScenarioReport } from '../support/scenario';
import { perSecond, summarize } from '../support/stats';
import { benchConfig, benchDir, startBenchSubsync, startBenchTemporal } from '../support/subsync';
import type { Cell, ReportSection } from '../support/table';
import { subscriberWorkflowId } from '../../domain/subscriber';

/**
 * Issue 2 §5: N LANBilling subscribers through the whole intercom lifecycle, first through
 * subsync (HTTP API → Temporal entity workflows → connectors → simulators), then the same
 * commands by direct connector calls, against fresh simulator state each time.
 */
export const lifecycleScenario: Scenario = {
  name: 'lifecycle',
  description: `LANBilling ↔ intercom subscribers through ${LIFECYCLE.map((s) => s.type).join(' → ')}, via subsync and by direct connector calls`,
  options: [
    { flag: 'subscribers', env: 'BENCH_SUBSCRIBERS', default: 200, description: 'subscribers taken through the lifecycle' },
    { flag: 'concurrency', env: 'BENCH_CONCURRENCY', default: 20, description: 'subscribers in flight at once (one command each)' },
    { flag: 'profile', env: 'BENCH_PROFILE', default: 0, description: '1: CPU-profile the through-subsync phase and report where the time went' },
  ],
  run,
};

async function run(ctx: ScenarioContext): Promise<ScenarioReport> {
  const count = ctx.option('subscribers');
  const concurrency = ctx.option('concurrency');
  const subscribers = benchSubscribers(count);
  const logger = benchLogger();
  const peakWasReset = resetPeakRss();

  ctx.progress('starting LANBilling and the intercom platform in their own process');
  const simulators = await startLifecycleSimulators(ctx.resources);
  await simulators.prepare(count);
  const before = readProcessMemory('self');

  ctx.progress('starting the Temporal dev server and the subsync stack');
  const temporal = await startBenchTemporal(ctx.resources);
  const config = benchConfig({
    temporalAddress: temporal.server.address,
    dir: benchDir(ctx.resources),
    overrides: {
      billing: { lanbilling: { url: simulators.lanbillingUrl, timeoutMs: 30_000 } },
      platforms: { intercom: { url: simulators.intercomUrl, token: simulators.intercomToken, timeoutMs: 30_000 } },
    },
  });
  const direct = directLifecycle({ config, logger });
  const { floor, withWork: floorWork } = await measureFloors({
    server: { address: temporal.server.address, pid: temporal.server.process.pid! },
    subscribers: count,
    commandsPerSubscriber: LIFECYCLE.length,
    concurrency,
    work: {
      before: async (entity, c) => {
        const manager = LIFECYCLE[c]!.manager;
        if (manager) await simulators.manage(manager, subscribers[entity]!);
      },
      apply: (entity, c) => direct.apply(subscribers[entity]!, LIFECYCLE[c]!),
    },
    billingPid: simulators.pid,
    progress: ctx.progress,
    signal: ctx.signal,
  });
  const floorProblems = verifyOutcome("the floor with the platform work", await simulators.outcome(), count);
  await simulators.prepare(count);
  const subsync = await startBenchSubsync(config, logger, ctx.resources);

  ctx.progress(`through subsync: ${count} subscribers × ${LIFECYCLE.length} commands, ${concurrency} at a time`);
  const temporalPid = temporal.server.process.pid!;
  const profile = ctx.option('profile') ? await profilePhase('Where the CPU went, through subsync (main thread profile)') : undefined;
  // The figure is subsync's (API, worker: this process) and its Temporal server's; billing's process (LANBilling, its hooks) and the platform's row is apart.
  const subsyncCpu = cpuWindow({ bench: 'self', temporal: temporalPid });
  const simulatorCpu = cpuWindow({ simulators: simulators.pid });
  const viaSubsync = await simulators.driveThroughSubsync({ apiUrl: subsync.app.apiUrl, apiKey: subsync.apiKey, subscribers: count, concurrency, progress: ctx.progress });
  const subsyncUse = { cpu: subsyncCpu.end(), simulators: simulatorCpu.end(), bench: readProcessMemory('self'), temporal: readProcessMemory(temporalPid), simulatorMemory: readProcessMemory(simulators.pid) };
  const profileSection = await profile?.stop();
  const outcome = await simulators.outcome();
  const timing = platformTiming(viaSubsync.samples, outcome.events);
  const history = await subsync.app.client.workflow.getHandle(subscriberWorkflowId({ billing: BILLING, account: subscribers[0]!.account })).describe();
  const problems = [...floorProblems, ...verifyOutcome('through subsync', outcome, count)];
  // Nothing of the durable path may run during the direct phase.
  await subsync.release();
  await temporal.release();

  await simulators.prepare(count);
  ctx.progress(`direct connector calls: the same ${count * LIFECYCLE.length} commands, ${concurrency} at a time`);
  const directCpu = cpuWindow({ bench: 'self' });
  const directSimulatorCpu = cpuWindow({ simulators: simulators.pid });
  const directRun = await driveDirect({ config, logger, simulators, subscribers, concurrency, progress: ctx.progress, signal: ctx.signal });
  const directUse = { cpu: directCpu.end(), simulators: directSimulatorCpu.end(), bench: readProcessMemory('self') };
  const subsyncPhase = { ...viaSubsync, cpu: subsyncUse.cpu, simulators: subsyncUse.simulators };
  problems.push(...verifyOutcome('direct calls', await simulators.outcome(), count));

  const vs = versusFloor(`Through subsync vs Temporal's floor (same run, same server)`, { commands: viaSubsync.samples.length, wallMs: viaSubsync.wallMs, latenciesMs: viaSubsync.samples.map((x) => x.latencyMs), cpu: subsyncUse.cpu, historyLength: history.historyLength }, floor);
  return {
    sections: [
      vs.section,
      platformFloorSection(
        floor,
        floorWork,
        { commands: viaSubsync.samples.length, wallMs: viaSubsync.wallMs, latenciesMs: viaSubsync.samples.map((x) => x.latencyMs), cpu: subsyncUse.cpu, platformCpuSeconds: subsyncUse.simulators.processes.simulators },
        "each update's one activity reads the account from LANBilling, plans, converges the intercom platform and charges, as the direct path does (bench/lifecycle/direct.ts), with the manager's change before each update from the bench; the simulators check its outcome as they check subsync's.",
      ),
      throughput(count, concurrency, subsyncPhase, { ...directRun, cpu: directUse.cpu, simulators: directUse.simulators }, history.historyLength),
      perCommand(viaSubsync.samples, directRun.samples),
      platformSection(timing),
      resourceSection(before, subsyncUse, directUse, peakWasReset),
      ...(profileSection ? [profileSection] : []),
    ],
    problems,
  };
}

/** Whole milliseconds: finer would be false precision for latencies of hundreds of milliseconds on a shared machine. */
const ms = (n: number) => Math.round(n);

/** CPU seconds the path itself used: the bench process, plus the Temporal server for the durable path. */
const pathCpu = (use: CpuUse) => Object.values(use.processes).reduce<number | undefined>((sum, s) => (sum === undefined || s === undefined ? undefined : sum + s), 0);

type Phase = DriveResult & { cpu: CpuUse; simulators: CpuUse };

function throughput(count: number, concurrency: number, viaSubsync: Phase, direct: Phase, historyLength: number): ReportSection {
  const cpuMsPerCommand = (use: CpuUse, r: Phase) => {
    const cpu = pathCpu(use);
    return cpu === undefined ? NaN : (cpu * 1000) / r.samples.length;
  };
  const row = (path: string, r: Phase): Cell[] => {
    const l = summarize(r.samples.map((s) => s.latencyMs));
    return [path, r.samples.length, r.wallMs / 1000, perSecond(r.samples.length, r.wallMs), ms(l.p50), ms(l.p95), ms(l.p99), ms(l.max), cpuMsPerCommand(r.cpu, r), cpuMsPerCommand(r.simulators, r)];
  };
  const ratio = perSecond(direct.samples.length, direct.wallMs) / perSecond(viaSubsync.samples.length, viaSubsync.wallMs);
  const cpuRatio = cpuMsPerCommand(viaSubsync.cpu, viaSubsync) / cpuMsPerCommand(direct.cpu, direct);
  const manager = summarize([...viaSubsync.managerMs, ...direct.managerMs]);
  return {
    title: `Lifecycle: ${count} subscribers × ${LIFECYCLE.length} commands, concurrency ${concurrency}`,
    headers: ['path', 'commands', 'wall s', 'commands/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'CPU ms/command', 'billing + platform CPU ms/command'],
    rows: [row('through subsync (HTTP → Temporal → connectors)', viaSubsync), row('direct connector calls (no Temporal)', direct)],
    notes: [
      `ratio: direct calls run ${ratio.toFixed(1)}× the commands/s of subsync, at 1/${cpuRatio.toFixed(1)} of its CPU per command`,
      'latency = trigger to applied: POST /v1/events?wait=true until it answers "applied" (every platform step confirmed);',
      'for direct calls, the connector calls of the command (getAccount, intercom read + write; the first charge with service.enable).',
      'CPU ms/command: subsync = the bench process (API, worker) + the Temporal dev server; direct = the bench process (connectors).',
      "billing + platform CPU ms/command: the simulators' process (LANBilling with its managers, the intercom platform; through subsync also billing's hooks, which send the events), not part of the figure.",
      `the manager's change before each event (p50 ${manager.p50.toFixed(1)} ms: a write in billing's process through subsync, a control request from the bench for direct calls) is inside the wall time, outside latency.`,
      `one subscriber's workflow history after its ${LIFECYCLE.length} commands and first charge: ${historyLength} events.`,
    ],
  };
}

function perCommand(viaSubsync: CommandSample[], direct: CommandSample[]): ReportSection {
  const of = (samples: CommandSample[], type: string) => summarize(samples.filter((s) => s.type === type).map((s) => s.latencyMs));
  return {
    title: 'Latency per command (ms)',
    headers: ['command', 'subsync p50', 'subsync p95', 'subsync p99', 'direct p50', 'direct p95', 'direct p99'],
    rows: LIFECYCLE.map(({ type }) => {
      const [a, b] = [of(viaSubsync, type), of(direct, type)];
      return [type, ms(a.p50), ms(a.p95), ms(a.p99), ms(b.p50), ms(b.p95), ms(b.p99)];
    }),
  };
}

function platformSection(timing: { answeredMs: number[]; writtenMs: number[] }): ReportSection {
  const row = (what: string, samples: number[]): Cell[] => {
    const l = summarize(samples);
    return [what, l.count, ms(l.p50), ms(l.p95), ms(l.p99)];
  };
  return {
    title: 'Through subsync, commands that write to the platform: trigger to … (ms)',
    headers: ['until', 'commands', 'p50', 'p95', 'p99'],
    rows: [row('the platform write (simulator event time)', timing.writtenMs), row('the wait=true answer "applied"', timing.answeredMs)],
    notes: [
      'the gap is the rest of the command after its last platform write (its activity completing, the audit activity, the',
      'workflow task that completes the update) plus the answer of the waiting update through the API.',
    ],
  };
}

function resourceSection(
  before: ProcessMemory | undefined,
  subsync: { cpu: CpuUse; simulators: CpuUse; bench?: ProcessMemory; temporal?: ProcessMemory; simulatorMemory?: ProcessMemory },
  direct: { cpu: CpuUse; simulators: CpuUse; bench?: ProcessMemory },
  peakWasReset: boolean,
): ReportSection {
  const cpu = (use: CpuUse, seconds: number | undefined): Cell[] => (seconds === undefined ? ['n/a', 'n/a'] : [seconds, seconds / use.wallSeconds]);
  return {
    title: `Resources (/proc): CPU over each phase, memory at its end`,
    headers: ['phase', 'process', 'CPU s', 'avg cores busy', 'RSS', 'peak RSS (VmHWM)'],
    rows: [
      ['through subsync', 'bench process: API, worker', ...cpu(subsync.cpu, subsync.cpu.processes.bench), formatMiB(subsync.bench?.rssKb), formatMiB(subsync.bench?.peakRssKb)],
      ['through subsync', 'Temporal dev server (in memory)', ...cpu(subsync.cpu, subsync.cpu.processes.temporal), formatMiB(subsync.temporal?.rssKb), formatMiB(subsync.temporal?.peakRssKb)],
      ['through subsync', "billing's process: LANBilling and its hooks, intercom", ...cpu(subsync.simulators, subsync.simulators.processes.simulators), formatMiB(subsync.simulatorMemory?.rssKb), ''],
      ['through subsync', 'whole machine, every process', ...cpu(subsync.cpu, subsync.cpu.machine), '', ''],
      ['direct calls', 'bench process: connectors', ...cpu(direct.cpu, direct.cpu.processes.bench), formatMiB(direct.bench?.rssKb), ''],
      ['direct calls', 'simulators process: LANBilling, intercom', ...cpu(direct.simulators, direct.simulators.processes.simulators), '', ''],
      ['direct calls', 'whole machine, every process', ...cpu(direct.cpu, direct.cpu.machine), '', ''],
    ],
    notes: [
      `bench process RSS before the stack started (the simulators run in their own process): ${formatMiB(before?.rssKb)}.`,
      peakWasReset ? 'its peak covers this scenario only (VmHWM reset at the start).' : 'its peak is since process start (VmHWM could not be reset).',
      'the machine row shows what else ran: busy cores beyond the bench\'s own are other work skewing the figures.',
    ],
  };
}
