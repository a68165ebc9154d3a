import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import axios from 'axios';
import type { Resources } from './resources';

/** tsx compiling a simulator (node-soap reading a large WSDL, generating a million sessions) on a loaded 2-core box can take a while. */
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
 * alone") in a child process, with a seed file when given, so that the bench process's memory
 * and CPU are the worker's. `pattern` reads the service URL from what it prints at start.
 * Stopped with the scenario's resources.
 */
export async function startSimulatorProcess(
  resources: Resources,
  options: { name: string; pattern: RegExp; seed?: { env: string; data: unknown }; label?: string },
): Promise<SimulatorProcess> {
  const seedDir = options.seed && fs.mkdtempSync(path.join(os.tmpdir(), `subsync-bench-${options.name}-`));
  const env = { ...process.env };
  if (options.seed && seedDir) {
    const seedFile = path.join(seedDir, 'seed.json');
    fs.writeFileSync(seedFile, JSON.stringify(options.seed.data));
    env[options.seed.env] = seedFile;
  }
  const script = path.resolve(__dirname, `../../simulators/${options.name}/index.ts`);
  // `--import tsx` runs the TypeScript in this one process (the tsx CLI would add a wrapper process and hide its memory).
  const child = spawn(process.execPath, ['--import', 'tsx', script, '0', '0'], { cwd: path.resolve(__dirname, '../..'), env, stdio: ['ignore', 'pipe', 'inherit'] });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  resources.add(options.label ?? `${options.name} simulator process`, async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
    process.off('exit', killOnExit);
    if (seedDir) fs.rmSync(seedDir, { recursive: true, force: true });
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
