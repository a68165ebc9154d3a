import { randomUUID } from 'node:crypto';
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { loadConfig } from '../../config/load';
import type { Config } from '../../config/schema';
import { PRODUCTION_NODE_FLAGS } from '../../runtime/node-flags';
import { prebuiltBundle } from '../../worker/workflow-bundle';
import type { CpuProfile } from '../support/profile';
import { readCpuSeconds, readProcessMemory, resetPeakRss } from '../support/proc';
import type { Resources } from '../support/resources';

const ROOT = path.resolve(__dirname, '../..');
const PROBE = path.join(__dirname, 'probe.cjs');
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 30_000;
/** A few minutes of a busy worker make a profile of tens of MB to serialise and send. */
const PROFILE_TIMEOUT_MS = 120_000;

/** What bench/worker/probe.cjs answers: where the measured process's memory is, as it sees it (bytes). */
export interface MemoryReport {
  rss: number;
  mainHeapUsed: number;
  mainHeapTotal: number;
  external: number;
  arrayBuffers: number;
  threads: { threadId: number; heapTotal: number; heapUsed: number }[];
  packages: string[];
}

/** A worker process the bench started and measures: by pid from /proc, and from inside through the probe. */
export interface MeasuredWorker {
  pid: number;
  /** Spawn → the first poll of this process on the task queue, as the Temporal server reports its pollers. */
  startToPollingMs: number;
  memory(): Promise<MemoryReport>;
  rssKb(): number | undefined;
  /** User + system CPU seconds the process has used so far. */
  cpuSeconds(): number | undefined;
  peakRssKb(): number | undefined;
  /** VmHWM back to the current RSS, so the next peak covers one phase. */
  resetPeak(): boolean;
  /** Starts a CPU profile of the process's main thread; `stop()` returns it with the process's CPU seconds over it. */
  profile(): Promise<{ stop(): Promise<{ profile: CpuProfile; cpuSeconds: number }> }>;
  stop(): Promise<void>;
}

/**
 * Starts a worker process as production does (`node --import tsx <script>`, no wrapper, so the pid
 * is the worker's), with the probe preloaded and an IPC channel to ask it, and waits until the
 * Temporal server lists it (identity `<pid>@<host>`, the SDK's default) among the pollers of the
 * task queue's workflow tasks: that moment, not a line it prints, is when it is ready for work.
 */
export async function startMeasuredWorker(
  resources: Resources,
  options: { label: string; script: string; nodeArgs?: string[]; env: NodeJS.ProcessEnv; client: Client; namespace: string; taskQueue: string; logFile: string },
): Promise<MeasuredWorker> {
  const log = fs.openSync(options.logFile, 'a');
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', '--import', PROBE, options.script], { cwd: ROOT, env: options.env, stdio: ['ignore', log, log, 'ipc'] });
  fs.closeSync(log);
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running = () => child.exitCode === null && child.signalCode === null;
  const stop = resources.add(options.label, async () => {
    if (running()) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
    process.off('exit', killOnExit);
  });
  const identity = `${child.pid}@${os.hostname()}`;
  for (;;) {
    if (!running()) throw new Error(`${options.label} exited before it polled:\n${tail(options.logFile)}`);
    if (performance.now() - started > START_TIMEOUT_MS) throw new Error(`${options.label} did not poll within ${START_TIMEOUT_MS / 1000} s:\n${tail(options.logFile)}`);
    const { pollers } = await options.client.workflowService.describeTaskQueue({
      namespace: options.namespace,
      taskQueue: { name: options.taskQueue, kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
      taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
    });
    if (pollers?.some((p) => p.identity === identity)) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  const startToPollingMs = performance.now() - started;
  const pid = child.pid!;
  return {
    pid,
    startToPollingMs,
    memory: () => ask<MemoryReport>(child, 'memory', 'memory', `${options.label} did not report its memory`),
    async profile() {
      const { cpuStart } = await ask<{ cpuStart: NodeJS.CpuUsage }>(child, 'profile-start', 'profile-started', `${options.label} did not start its profiler`);
      return {
        async stop() {
          const r = await ask<{ error?: string; profile?: CpuProfile; cpu: NodeJS.CpuUsage }>(child, 'profile-stop', 'profile', `${options.label} did not return its profile`, PROFILE_TIMEOUT_MS);
          if (!r.profile) throw new Error(`${options.label} could not profile: ${r.error ?? 'no profile'}`);
          return { profile: r.profile, cpuSeconds: (r.cpu.user - cpuStart.user + r.cpu.system - cpuStart.system) / 1e6 };
        },
      };
    },
    rssKb: () => readProcessMemory(pid)?.rssKb,
    cpuSeconds: () => readCpuSeconds(pid),
    peakRssKb: () => readProcessMemory(pid)?.peakRssKb,
    resetPeak: () => resetPeakRss(pid),
    stop,
  };
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

/** One row of a "where the memory is" table: RSS, main heap, external, the workflow threads' heaps, the rest (native), packages loaded. */
export function memoryBreakdownRow(label: string, r: MemoryReport): (string | number)[] {
  const threadsTotal = r.threads.reduce((s, t) => s + t.heapTotal, 0);
  const threadsUsed = r.threads.reduce((s, t) => s + t.heapUsed, 0);
  const rest = r.rss - r.mainHeapTotal - threadsTotal - r.external;
  return [label, mib(r.rss), `${mib(r.mainHeapUsed)} / ${mib(r.mainHeapTotal)}`, mib(r.external), `${r.threads.length}: ${mib(threadsUsed)} / ${mib(threadsTotal)}`, mib(rest), r.packages.length];
}

export const MEMORY_BREAKDOWN_HEADERS = ['process, when', 'RSS', 'main V8 heap live / committed', 'external', 'workflow threads: heap live / committed', 'rest: native (Temporal core), code, allocator', 'npm packages loaded'];

/** Only the config file speaks to a worker process: nothing from the bench's environment may point elsewhere. */
export function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of ['TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'TEMPORAL_TASK_QUEUE', 'DATABASE_URL', 'SUBSYNC_API_PORT', 'SUBSYNC_METRICS_PORT', 'SUBSYNC_SIMULATORS', 'LOG_LEVEL', 'SUBSYNC_WORKFLOW_BUNDLE', 'SUBSYNC_API_KEY']) delete env[k];
  return env;
}

/** Sends the probe a request and waits for its answer of that kind (other messages are for other requests). */
function ask<T>(child: ChildProcess, request: string, kind: string, timeoutMessage: string, timeoutMs = 10_000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onMessage = (m: unknown) => {
      if ((m as { kind?: string } | null)?.kind !== kind) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(m as T);
    };
    const timer = setTimeout(() => {
      child.off('message', onMessage);
      reject(new Error(timeoutMessage));
    }, timeoutMs);
    child.on('message', onMessage);
    child.send(request);
  });
}

/** The end of what a process printed, for the error when it did not start. */
function tail(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').slice(-4000);
  } catch {
    return '(no output)';
  }
}

/**
 * What every split-role bench config holds: the run's Temporal server and a task queue of its own,
 * PostgreSQL (split roles refuse SQLite), free ports, quiet logs, and no simulators or
 * notifications unless the scenario's own blocks (spread after it) say otherwise.
 */
export function splitRoleConfig(options: { temporalAddress: string; queuePrefix: string; storeUrl: string }): Record<string, unknown> {
  return {
    temporal: { address: options.temporalAddress, taskQueue: `${options.queuePrefix}-${randomUUID()}` },
    store: { url: options.storeUrl },
    api: { port: 0, rateLimit: { max: 1_000_000 } },
    metrics: { port: 0 },
    log: { level: 'warn' },
    simulators: { enabled: false },
    notifications: { enabled: false },
  };
}

/**
 * Writes the config a split worker reads (`SUBSYNC_CONFIG`, as production reads it) and loads it
 * the same way for the bench process's own API and client, so both sides run on one file.
 */
export function writeWorkerConfig(dir: string, raw: Record<string, unknown>): { file: string; config: Config } {
  const file = path.join(dir, 'worker.config.json');
  fs.writeFileSync(file, JSON.stringify(raw));
  return { file, config: loadConfig({ env: {}, file }) };
}

/**
 * The node flags a measured subsync worker starts with: those of the production start commands
 * (runtime/node-flags.ts), unless BENCH_WORKER_NODE_ARGS names others to try ("" for node's defaults).
 */
export function workerNodeArgs(env: NodeJS.ProcessEnv = process.env): string[] {
  const tried = env.BENCH_WORKER_NODE_ARGS;
  return tried === undefined ? [...PRODUCTION_NODE_FLAGS] : tried.split(' ').filter(Boolean);
}

/**
 * `SUBSYNC_ROLE=worker main.ts` on that config file, measured (startMeasuredWorker), with the
 * production node flags (workerNodeArgs): its logs in `dir` (worker.log, worker.jsonl).
 */
export function startWorkerProcess(resources: Resources, options: { dir: string; configFile: string; config: Config; client: Client; label?: string }): Promise<MeasuredWorker> {
  return startMeasuredWorker(resources, {
    label: options.label ?? 'subsync worker process',
    script: path.join(ROOT, 'main.ts'),
    nodeArgs: workerNodeArgs(),
    env: { ...cleanEnv(), SUBSYNC_ROLE: 'worker', SUBSYNC_CONFIG: options.configFile, LOG_FILE: path.join(options.dir, 'worker.jsonl') },
    client: options.client,
    namespace: options.config.temporal.namespace,
    taskQueue: options.config.temporal.taskQueue,
    logFile: path.join(options.dir, 'worker.log'),
  });
}

/**
 * How a worker started now gets its workflow code: production loads the prebuilt bundle
 * (`npm run build:workflows`); without a current one the worker bundles in process, and webpack's
 * modules then stay in its heap (tens of MiB), so its memory is not production's.
 */
export function workflowBundleNote(): string {
  return prebuiltBundle()
    ? 'the worker loaded the prebuilt workflow bundle (dist/workflow-bundle.js), as production does.'
    : 'NOTE: no current prebuilt workflow bundle (run `npm run build:workflows`): the worker bundled its workflows in process and carries webpack, so its memory is above production\'s.';
}
