import { subscriberWorkflowId } from '../../domain/subscriber';
import { benchLogger } from '../support/logger';
import { profilePhase } from '../support/profile';
import { cpuWindow, CpuUse, formatMiB, ProcessMemory, readProcessMemory, resetPeakRss } from '../support/proc';
import type { Scenario, ScenarioContext, ScenarioReport } from '../support/scenario';
import { perSecond, summarize } from '../support/stats';
import { benchConfig, benchDir, startBenchSubsync, startBenchTemporal } from '../support/subsync';
import type { Cell, ReportSection } from '../support/table';
import type { TvCommandSample, TvDriveResult } from '../tv/drive';
import { measureFloors } from '../floor/floors';
import { versusFloor } from '../floor/measure';
import { platformFloorSection } from '../floor/platform-section';
import { directCommands } from '../support/direct-commands';
import { benchTvPlatforms, BILLING, PreparedSubscriber, TV_LIFECYCLE, tvEvent } from '../tv/plan';
import { tvPlatformTiming, TvPlatformTiming } from '../tv/platform-timing';
import { startTvSimulators } from '../tv/simulators';
import { verifyTvPlatforms } from '../tv/verify';

/**
 * Issue 3 §6, TV commands/s: N ISP-Integrator customers spread over the seven TV platforms, each
 * taken through create → extra package → set-top point → block → unblock → disable by events
 * through subsync's HTTP API, each platform played by its own simulator flavour on a real socket.
 */
export const tvScenario: Scenario = {
  name: 'tv',
  description: `ISP-Integrator TV subscribers on the seven TV platforms through ${TV_LIFECYCLE.map((s) => s.type).join(' → ')} (no point on Deezer), via subsync`,
  options: [
    { flag: 'tv-subscribers', env: 'BENCH_TV_SUBSCRIBERS', default: 100, description: 'TV subscribers, spread over the seven platforms in turn' },
    { flag: 'tv-concurrency', env: 'BENCH_TV_CONCURRENCY', default: 20, description: 'TV subscribers in flight at once (one command each)' },
    { flag: 'profile', env: 'BENCH_PROFILE', default: 0, description: '1: CPU-profile the through-subsync phase and report where the time went' },
  ],
  run,
};

async function run(ctx: ScenarioContext): Promise<ScenarioReport> {
  const count = ctx.option('tv-subscribers');
  const concurrency = ctx.option('tv-concurrency');
  const logger = benchLogger();
  const peakWasReset = resetPeakRss();

  ctx.progress('starting ISP-Integrator and the seven TV platforms in their own process');
  const billing = await startTvSimulators(ctx.resources);
  ctx.progress(`preparing ${count} customers with a TV plan in ISP-Integrator`);
  // The floors' customers; subsync gets its own, prepared again from billing's seed after them.
  const forFloor = await billing.prepare(count, concurrency);
  const before = readProcessMemory('self');

  ctx.progress('starting the Temporal dev server and the subsync stack');
  const temporal = await startBenchTemporal(ctx.resources);
  const platforms = Object.fromEntries(Object.entries(billing.platforms).map(([kind, p]) => [kind, { ...p, timeoutMs: 30_000 }]));
  const config = benchConfig({
    temporalAddress: temporal.server.address,
    dir: benchDir(ctx.resources),
    overrides: {
      billing: { [BILLING]: { url: billing.ispUrl, token: billing.ispToken, timeoutMs: 30_000 } },
      platforms,
      // Only the bench's events drive this run.
      invoicing: { paused: true },
    },
  });
  // Each floor entity makes its customer's commands, as subsync does (no tv.point.add on a platform without set-top points).
  const stepsOf = (entity: number) => TV_LIFECYCLE.filter((step) => step.appliesTo(forFloor[entity]!));
  const commandsOf = (entity: number) => stepsOf(entity).length;
  const commands = forFloor.reduce((n, _, entity) => n + commandsOf(entity), 0);
  const direct = directCommands({ config, logger, billing: BILLING });
  const { floor, withWork: floorWork } = await measureFloors({
    server: { address: temporal.server.address, pid: temporal.server.process.pid! },
    subscribers: count,
    commandsPerSubscriber: commandsOf,
    concurrency,
    work: {
      before: (entity, c) => billing.change(entity, stepsOf(entity)[c]!.type),
      apply: async (entity, c) => void (await direct.apply(forFloor[entity]!.customerId, tvEvent(forFloor[entity]!, stepsOf(entity)[c]!, {}).id)),
    },
    billingPid: billing.pid,
    progress: ctx.progress,
    signal: ctx.signal,
  });
  const floorProblems = verifyTvPlatforms(forFloor, await billing.states()).map((p) => `the floor with the platform work: ${p}`);
  ctx.progress(`ISP-Integrator and the TV platforms back to their seed; preparing the ${count} customers again for subsync`);
  const prepared = await billing.prepare(count, concurrency);
  const subsync = await startBenchSubsync(config, logger, ctx.resources);

  ctx.progress(`TV commands: ${count} subscribers, ${commands} commands, ${concurrency} at a time`);
  const temporalPid = temporal.server.process.pid!;
  // The figure is subsync's (API, worker: this process) and its Temporal server's; billing's process (ISP-Integrator, its hooks) and the platforms' row is apart.
  const profile = ctx.option('profile') ? await profilePhase('Where the CPU went, TV through subsync (main thread profile)') : undefined;
  const window = cpuWindow({ bench: 'self', temporal: temporalPid });
  const billingWindow = cpuWindow({ billing: billing.pid });
  const result = await billing.driveThroughSubsync({ apiUrl: subsync.app.apiUrl, apiKey: subsync.apiKey, concurrency, progress: ctx.progress });
  const use = { cpu: window.end(), billing: billingWindow.end(), bench: readProcessMemory('self'), temporal: readProcessMemory(temporalPid), billingMemory: readProcessMemory(billing.pid) };
  const profileSection = await profile?.stop();

  const states = await billing.states();
  const timing = tvPlatformTiming(result.samples, Object.fromEntries(Object.entries(states).map(([name, s]) => [name, s.events])));
  const history = await subsync.app.client.workflow.getHandle(subscriberWorkflowId({ billing: BILLING, account: prepared[0]!.customerId })).describe();

  const vs = versusFloor(`TV through subsync vs Temporal's floor (same run, same server)`, { commands: result.samples.length, wallMs: result.wallMs, latenciesMs: result.samples.map((x) => x.latencyMs), cpu: use.cpu, historyLength: history.historyLength }, floor);
  return {
    sections: [
      vs.section,
      platformFloorSection(
        floor,
        floorWork,
        { commands: result.samples.length, wallMs: result.wallMs, latenciesMs: result.samples.map((x) => x.latencyMs), cpu: use.cpu, platformCpuSeconds: use.billing.processes.billing },
        "each update's one activity reads the customer from ISP-Integrator, plans and converges its TV platform (billing write-back included), as subsync's activity does (bench/support/direct-commands.ts), with the staff's change in ISP-Integrator before each update from the bench; the platforms' event logs are checked as they are for subsync. ISP-Integrator and the platforms go back to their seed, and the customers are prepared again, before subsync's phase.",
      ),
      throughput(count, concurrency, result, use.cpu, use.billing, prepared[0]!, history.historyLength),
      perCommand(result.samples),
      perPlatform(result.samples),
      platformSection(timing),
      resourceSection(before, use, peakWasReset),
      ...(profileSection ? [profileSection] : []),
    ],
    problems: [...floorProblems, ...verifyTvPlatforms(prepared, states).map((p) => `through subsync: ${p}`)],
  };
}

const ms = (n: number) => Math.round(n);

const latencyCells = (samples: number[]): Cell[] => {
  const l = summarize(samples);
  return [l.count, ms(l.p50), ms(l.p95), ms(l.p99), ms(l.max)];
};

function throughput(count: number, concurrency: number, r: TvDriveResult, cpu: CpuUse, billing: CpuUse, first: PreparedSubscriber, historyLength: number): ReportSection {
  const pathCpu = cpu.processes.bench === undefined || cpu.processes.temporal === undefined ? undefined : cpu.processes.bench + cpu.processes.temporal;
  const cpuPerCommand = pathCpu === undefined ? NaN : (pathCpu * 1000) / r.samples.length;
  const billingPerCommand = billing.processes.billing === undefined ? NaN : (billing.processes.billing * 1000) / r.samples.length;
  const firstCommands = TV_LIFECYCLE.filter((s) => s.appliesTo(first)).length;
  return {
    title: `TV lifecycle: ${count} subscribers over ${benchTvPlatforms().length} platforms, concurrency ${concurrency}`,
    headers: ['path', 'commands', 'wall s', 'commands/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'CPU ms/command', 'billing + platforms CPU ms/command'],
    rows: [['through subsync (HTTP → Temporal → TV connectors)', r.samples.length, r.wallMs / 1000, perSecond(r.samples.length, r.wallMs), ...latencyCells(r.samples.map((s) => s.latencyMs)).slice(1), cpuPerCommand, billingPerCommand]],
    notes: [
      `per subscriber: ${TV_LIFECYCLE.map((s) => s.type).join(' → ')}; platforms without set-top points (Deezer, music) skip tv.point.add.`,
      'latency = trigger to applied: POST /v1/events?wait=true until it answers "applied" (the platform confirmed every step);',
      "ISP-Integrator's staff change that causes each command (REST, in billing's process) comes before the trigger and is not timed, but is inside the wall time.",
      'CPU ms/command: bench process (API, worker) + Temporal dev server CPU time over the phase ÷ commands.',
      "billing + platforms CPU ms/command: the simulators' process (ISP-Integrator with its staff and hooks, which send the events; the seven TV platforms), not part of the figure.",
      `one subscriber's workflow history after its ${firstCommands} commands (${first.platform}): ${historyLength} events.`,
    ],
  };
}

function perCommand(samples: TvCommandSample[]): ReportSection {
  return {
    title: 'Latency per command (ms)',
    headers: ['command', 'commands', 'p50', 'p95', 'p99', 'max'],
    rows: TV_LIFECYCLE.map((step) => [step.type, ...latencyCells(samples.filter((s) => s.type === step.type).map((s) => s.latencyMs))]),
  };
}

function perPlatform(samples: TvCommandSample[]): ReportSection {
  return {
    title: 'Latency per platform (ms), every command',
    headers: ['platform', 'subscribers', 'commands', 'p50', 'p95', 'p99', 'max'],
    rows: benchTvPlatforms().map(({ kind: platform }) => {
      const mine = samples.filter((s) => s.platform === platform);
      return [platform, new Set(mine.map((s) => s.subscriber.login)).size, ...latencyCells(mine.map((s) => s.latencyMs))];
    }),
    notes: ['the platforms share one worker and one Temporal server (their simulators share one process of their own); each has its own connector protocol and simulator flavour.'],
  };
}

function platformSection(timing: TvPlatformTiming): ReportSection {
  return {
    title: 'Trigger to … (ms), commands that wrote to their platform',
    headers: ['until', 'commands', 'p50', 'p95', 'p99', 'max'],
    rows: [
      ['the last platform write (simulator event time)', ...latencyCells(timing.writtenMs)],
      ['the wait=true answer "applied"', ...latencyCells(timing.answeredMs)],
    ],
    notes: ['the gap is the rest of the command after its last platform write (billing write-back, audit, the workflow task that marks it applied) plus the answer of the waiting update through the API.'],
  };
}

function resourceSection(before: ProcessMemory | undefined, use: { cpu: CpuUse; billing: CpuUse; bench?: ProcessMemory; temporal?: ProcessMemory; billingMemory?: ProcessMemory }, peakWasReset: boolean): ReportSection {
  const cpu = (seconds: number | undefined): Cell[] => (seconds === undefined ? ['n/a', 'n/a'] : [seconds, seconds / use.cpu.wallSeconds]);
  return {
    title: 'Resources (/proc): CPU over the phase, memory at its end',
    headers: ['process', 'CPU s', 'avg cores busy', 'RSS', 'peak RSS (VmHWM)'],
    rows: [
      ['bench process: API, worker', ...cpu(use.cpu.processes.bench), formatMiB(use.bench?.rssKb), formatMiB(use.bench?.peakRssKb)],
      ['Temporal dev server (in memory)', ...cpu(use.cpu.processes.temporal), formatMiB(use.temporal?.rssKb), formatMiB(use.temporal?.peakRssKb)],
      ["billing's process: ISP-Integrator and its hooks, the TV platforms", ...cpu(use.billing.processes.billing), formatMiB(use.billingMemory?.rssKb), ''],
      ['whole machine, every process', ...cpu(use.cpu.machine), '', ''],
    ],
    notes: [
      `bench process RSS before the stack started (the simulators run in their own process): ${formatMiB(before?.rssKb)}.`,
      peakWasReset ? 'its peak covers this scenario only (VmHWM reset at the start).' : 'its peak is since process start (VmHWM could not be reset).',
      'the machine row shows what else ran: busy cores beyond the bench\'s own are other work skewing the figures.',
    ],
  };
}
