import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import axios from 'axios';
import type { FastViewerSeed } from '../../simulators/fastviewer';
import type { LanbillingSeed } from '../../simulators/lanbilling';
import type { Resources } from '../support/resources';

/** tsx compiling a simulator on a loaded 2-core box can take a while; generating a million sessions too. */
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 5_000;

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
 * alone") in a child process with its seed file, so that the bench process's memory and CPU are
 * the worker's. `pattern` reads the service URL from what it prints at start.
 */
async function startSimulatorProcess(resources: Resources, options: { name: string; seedEnv: string; seed: unknown; pattern: RegExp }): Promise<SimulatorProcess> {
  const seedFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), `subsync-bench-${options.name}-`)), 'seed.json');
  fs.writeFileSync(seedFile, JSON.stringify(options.seed));
  const script = path.resolve(__dirname, `../../simulators/${options.name}/index.ts`);
  // `--import tsx` runs the TypeScript in this one process (the tsx CLI would add a wrapper process and hide its memory).
  const child = spawn(process.execPath, ['--import', 'tsx', script, '0', '0'], {
    cwd: path.resolve(__dirname, '../..'),
    env: { ...process.env, [options.seedEnv]: seedFile },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  resources.add(`${options.name} simulator process`, async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
    process.off('exit', killOnExit);
    fs.rmSync(path.dirname(seedFile), { recursive: true, force: true });
  });

  const { url, adminUrl } = await new Promise<{ url: string; adminUrl: string }>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the ${options.name} simulator did not print its URLs within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const service = options.pattern.exec(output);
      const admin = /admin: (http:\/\/[^/\s]+)/.exec(output);
      if (service && admin) {
        clearTimeout(timer);
        resolve({ url: service[1]!, adminUrl: admin[1]! });
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the ${options.name} simulator exited before it listened (code ${code}, signal ${signal})`));
    });
  });
  return {
    url,
    adminUrl,
    pid: child.pid!,
    async state<T>() {
      return (await axios.get<T>(`${adminUrl}/simulators/${options.name}/state`, { timeout: 60_000 })).data;
    },
  };
}

/** FastViewer with the generated month (its README: "Run it alone", seed `generate`). */
export function startFastViewerProcess(resources: Resources, seed: FastViewerSeed): Promise<SimulatorProcess> {
  return startSimulatorProcess(resources, { name: 'fastviewer', seedEnv: 'FASTVIEWER_SIM_SEED', seed, pattern: /ASP (http:\/\/\S+)\/asp,/ });
}

export function startLanbillingProcess(resources: Resources, seed: LanbillingSeed): Promise<SimulatorProcess> {
  return startSimulatorProcess(resources, { name: 'lanbilling', seedEnv: 'LANBILLING_SIM_SEED', seed, pattern: /lanbilling simulator: (http:\/\/\S+) / });
}
