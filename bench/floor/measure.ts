import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client, Connection, WithStartWorkflowOperation } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import { installTemporalRuntime } from '../../runtime/temporal';
import { benchLogger } from '../support/logger';
import { runPool } from '../support/pool';
import { cpuWindow, CpuUse } from '../support/proc';
import { summarize } from '../support/stats';
import type { Cell } from '../support/table';
import { floorCommand, type FloorMode } from './workflows';

export interface FloorResult {
  mode: FloorMode;
  commands: number;
  wallMs: number;
  latenciesMs: number[];
  cpu: CpuUse;
  /** Events in one entity's history after its commands. */
  historyLength: number;
}

/**
 * Mode `platform`'s work, command by command: what billing does before the trigger (`before`, in
 * the driver, outside the latency, as the manager's change is for subsync), and the command's
 * platform calls (`apply`, in the activity). Entities and commands are counted from 0.
 */
export interface FloorWork {
  before(entity: number, command: number): Promise<void>;
  apply(entity: number, command: number): Promise<void>;
}

let bundle: Promise<{ code: string }> | undefined;
const noLog = { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: console.error };

/**
 * `subscribers` entities × `commandsPerSubscriber` updates, `concurrency` entities in flight, each
 * update sent as update-with-start and awaited until the workflow completed it: the same shape and
 * client wait as a billing hook's `wait=true` through subsync, minus everything subsync does.
 * `commandsPerSubscriber` may be a count per entity (counted from 0), for scenarios whose
 * subscribers do not all get the same commands: the floor then makes exactly subsync's commands.
 */
export async function measureFloor(options: {
  address: string;
  temporalPid: number;
  mode: FloorMode;
  subscribers: number;
  commandsPerSubscriber: number | ((entity: number) => number);
  concurrency: number;
  work?: FloorWork;
  signal?: AbortSignal;
}): Promise<FloorResult> {
  const work = options.work;
  const perEntity = options.commandsPerSubscriber;
  const commandsOf = typeof perEntity === 'number' ? () => perEntity : perEntity;
  if ((options.mode === 'platform') !== (work !== undefined)) throw new Error(`the floor's mode "${options.mode}" ${work ? 'takes no' : 'needs its'} platform work`);
  bundle ??= bundleWorkflowCode({ workflowsPath: path.join(__dirname, 'workflows.ts'), logger: noLog });
  const taskQueue = `floor-${options.mode}-${Date.now()}`;
  // The SDK's runtime on the bench's logger (warnings on stderr): the floor's worker would otherwise print its state changes into the report.
  await installTemporalRuntime({ logger: benchLogger(), level: 'warn', metrics: false });
  const connection = await NativeConnection.connect({ address: options.address });
  const worker = await Worker.create({
    connection,
    taskQueue,
    workflowBundle: await bundle,
    activities: {
      noop: async () => undefined,
      work: (entity: number, command: number) => work!.apply(entity, command),
    },
    maxConcurrentActivityTaskExecutions: 200,
    maxCachedWorkflows: 2000,
  });
  const running = worker.run();
  const client = new Client({ connection: await Connection.connect({ address: options.address }) });
  try {
    // Ids of this measurement alone: an update-with-start whose update id completed in a closed run of the
    // same workflow id answers that old outcome and runs nothing, so a second floor of the same mode on
    // one server would measure no work at all.
    const ids = Array.from({ length: options.subscribers }, (_, i) => `${taskQueue}:${i}`);
    const latenciesMs: number[] = [];
    const cpu = cpuWindow({ bench: 'self', temporal: options.temporalPid });
    const started = performance.now();
    await runPool(ids, options.concurrency, async (workflowId, entity) => {
      for (let c = 0; c < commandsOf(entity); c++) {
        await work?.before(entity, c);
        const t0 = performance.now();
        await client.workflow.executeUpdateWithStart(floorCommand, {
          args: [{ id: `${workflowId}:${c}`, entity, command: c }],
          updateId: `${workflowId}:${c}`,
          startWorkflowOperation: new WithStartWorkflowOperation('floorEntityWorkflow', { workflowId, taskQueue, args: [options.mode], workflowIdConflictPolicy: 'USE_EXISTING' }),
        });
        latenciesMs.push(performance.now() - t0);
      }
    }, options.signal);
    const wallMs = performance.now() - started;
    const used = cpu.end();
    const historyLength = (await client.workflow.getHandle(ids[0]!).describe()).historyLength;
    for (const id of ids) await client.workflow.getHandle(id).terminate('floor measured').catch(() => undefined);
    return { mode: options.mode, commands: latenciesMs.length, wallMs, latenciesMs, cpu: used, historyLength };
  } finally {
    worker.shutdown();
    await running;
    await connection.close();
    await client.connection.close();
  }
}

/** CPU ms per command across the measured processes (bench process + Temporal server). */
export function cpuMsPerCommand(cpu: CpuUse, commands: number): number {
  const seconds = Object.values(cpu.processes).reduce<number | undefined>((sum, s) => (sum === undefined || s === undefined ? undefined : sum + s), 0);
  return seconds === undefined ? NaN : (seconds * 1000) / commands;
}

/** "bench 12.3 + temporal 4.5": each measured process's CPU ms per command. */
export function cpuSplit(cpu: CpuUse, commands: number): string {
  return Object.entries(cpu.processes)
    .map(([name, seconds]) => `${name} ${seconds === undefined ? 'n/a' : ((seconds * 1000) / commands).toFixed(1)}`)
    .join(' + ');
}

export const commandsPerSecond = (r: { commands: number; wallMs: number }) => (r.commands * 1000) / r.wallMs;

/** One table row: path, commands, wall s, commands/s, p50, p99, CPU ms per command. */
export function floorRow(label: string, r: { commands: number; wallMs: number; latenciesMs: number[]; cpu: CpuUse }): Cell[] {
  const l = summarize(r.latenciesMs);
  return [label, r.commands, r.wallMs / 1000, commandsPerSecond(r), Math.round(l.p50), Math.round(l.p99), cpuMsPerCommand(r.cpu, r.commands)];
}

export const FLOOR_LABELS: Record<FloorMode, string> = {
  activity: "Temporal's floor: update-with-start, one no-op activity per update",
  'local-activity': "Temporal's floor: the same, one no-op local activity per update",
  none: "Temporal's floor: the same, no activity",
  platform: "Temporal's floor with the platform work: update-with-start, one activity per update making the command's connector calls",
};

/** The targets for a lifecycle through subsync, against the floor measured in the same run. */
export const TARGETS = { shareOfFloor: 0.8, p99Ms: 1000, cpuMsPerCommand: 30, historyEvents: 60 };

/**
 * Subsync's figures as a share of the floor's: commands/s (target ≥ 80 %), p99 trigger → applied
 * (≤ 1 s), CPU per command (≤ 30 ms), and the history of one subscriber (≤ 60 events).
 */
export function versusFloor(
  title: string,
  subsync: { commands: number; wallMs: number; latenciesMs: number[]; cpu: CpuUse; historyLength: number },
  floor: FloorResult,
): { section: { title: string; headers: string[]; rows: Cell[][]; notes: string[] }; misses: string[] } {
  const share = commandsPerSecond(subsync) / commandsPerSecond(floor);
  const p99 = summarize(subsync.latenciesMs).p99;
  const cpu = cpuMsPerCommand(subsync.cpu, subsync.commands);
  const checks: [string, string, string, boolean][] = [
    ['commands/s as a share of the floor', `${(share * 100).toFixed(0)} %`, `≥ ${TARGETS.shareOfFloor * 100} %`, share >= TARGETS.shareOfFloor],
    ['p99 trigger → applied', `${Math.round(p99)} ms`, `≤ ${TARGETS.p99Ms} ms`, p99 <= TARGETS.p99Ms],
    ['CPU per command (client + worker + server)', `${cpu.toFixed(1)} ms`, `≤ ${TARGETS.cpuMsPerCommand} ms`, cpu <= TARGETS.cpuMsPerCommand],
    ["one subscriber's history", `${subsync.historyLength} events`, `≤ ${TARGETS.historyEvents}`, subsync.historyLength <= TARGETS.historyEvents],
  ];
  return {
    section: {
      title,
      headers: ['figure', 'subsync', 'target', 'met'],
      rows: checks.map(([what, value, target, met]) => [what, value, target, met ? 'yes' : 'NO']),
      notes: [
        `the floor, measured in this run on the same Temporal server: ${commandsPerSecond(floor).toFixed(1)} commands/s, p99 ${Math.round(summarize(floor.latenciesMs).p99)} ms, ${cpuMsPerCommand(floor.cpu, floor.commands).toFixed(1)} CPU ms/command (${FLOOR_LABELS[floor.mode]}).`,
        `CPU ms/command by process: subsync ${cpuSplit(subsync.cpu, subsync.commands)}; the floor ${cpuSplit(floor.cpu, floor.commands)}.`,
        'the machine is shared: read the load average printed with the run next to these figures.',
      ],
    },
    misses: checks.filter(([, , , met]) => !met).map(([what, value, target]) => `${what}: ${value}, target ${target}`),
  };
}
