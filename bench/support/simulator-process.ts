import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import axios from 'axios';
import type { Resources } from './resources';

/** tsx compiling a simulator (node-soap reading a large WSDL, generating a million sessions) on a loaded 2-core box can take a while. */
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 5_000;
const ROOT = path.resolve(__dirname, '../..');

/**
 * Runs a TypeScript entry point in a Node process of its own and waits until `ready` finds in what
 * it printed what it tells the bench (its URLs). `--import tsx` runs the TypeScript in this one
 * process (the tsx CLI would add a wrapper process and hide the pid whose CPU and memory the bench
 * reads). Stopped with the scenario's resources, and killed should the bench exit before that.
 */
async function startTsxProcess<T>(
  resources: Resources,
  options: { label: string; script: string; args?: string[]; env?: NodeJS.ProcessEnv; ready: (output: string) => T | undefined; afterStop?: () => void },
): Promise<{ pid: number; announced: T }> {
  const child = spawn(process.execPath, ['--import', 'tsx', options.script, ...(options.args ?? [])], { cwd: ROOT, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  resources.add(options.label, async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
    process.off('exit', killOnExit);
    options.afterStop?.();
  });
  const announced = await new Promise<T>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`${options.label} did not start within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const found = options.ready(output);
      if (found !== undefined) {
        clearTimeout(timer);
        resolve(found);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${options.label} exited before it was ready (code ${code}, signal ${signal})`));
    });
  });
  return { pid: child.pid!, announced };
}

export interface SimulatorProcess {
  /** The service URL the simulator printed. */
  url: string;
  /** Its admin server: `/simulators/<name>/state`, seed, faults. */
  adminUrl: string;
  pid: number;
  state<T>(): Promise<T>;
}

/**
 * Runs a simulator's own entry point (`npx tsx simulators/<name>/index.ts 0 0`, README "Run it
 * alone") in a child process, with a seed file when given, so that the bench process's memory
 * and CPU are the worker's. `pattern` reads the service URL from what it prints at start.
 * Stopped with the scenario's resources.
 */
export async function startSimulatorProcess(
  resources: Resources,
  options: {
    name: string;
    pattern: RegExp;
    seed?: { env: string; data: unknown };
    label?: string;
    /** The file in the simulator's folder that runs it alone, when it is not `index.ts`. */
    entry?: string;
    /** More environment for the simulator (a token, say). */
    env?: Record<string, string>;
  },
): Promise<SimulatorProcess> {
  const seedDir = options.seed && fs.mkdtempSync(path.join(os.tmpdir(), `subsync-bench-${options.name}-`));
  const env: NodeJS.ProcessEnv = { ...options.env };
  if (options.seed && seedDir) {
    const seedFile = path.join(seedDir, 'seed.json');
    fs.writeFileSync(seedFile, JSON.stringify(options.seed.data));
    env[options.seed.env] = seedFile;
  }
  const { pid, announced } = await startTsxProcess(resources, {
    label: options.label ?? `${options.name} simulator process`,
    script: path.join(ROOT, `simulators/${options.name}/${options.entry ?? 'index.ts'}`),
    args: ['0', '0'],
    env,
    ready: (output) => {
      const service = options.pattern.exec(output);
      const admin = /admin: (http:\/\/[^/\s]+)/.exec(output);
      return service && admin ? { url: service[1]!, adminUrl: admin[1]! } : undefined;
    },
    afterStop: () => seedDir && fs.rmSync(seedDir, { recursive: true, force: true }),
  });
  const { url, adminUrl } = announced;
  return {
    url,
    adminUrl,
    pid,
    async state<T>() {
      return (await axios.get<T>(`${adminUrl}/simulators/${options.name}/state`, { timeout: 60_000 })).data;
    },
  };
}

/**
 * Runs a bench entry point of its own (several simulators behind a control API, say) in a child
 * process and waits for the first complete line it prints that is a JSON object: what it tells
 * the bench (its URLs).
 */
export function startBenchProcess<T>(resources: Resources, options: { label: string; script: string; env?: Record<string, string> }): Promise<{ pid: number; announced: T }> {
  return startTsxProcess<T>(resources, {
    ...options,
    // Complete lines only: the last piece may still be arriving.
    ready: (output) => {
      const line = output.split('\n').slice(0, -1).find((l) => l.startsWith('{'));
      return line === undefined ? undefined : (JSON.parse(line) as T);
    },
  });
}
