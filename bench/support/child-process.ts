import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Resources } from './resources';

/** tsx compiling a simulator (node-soap reading a vendor WSDL) on a loaded 2-core box can take a while. */
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 5_000;

/**
 * Runs a TypeScript entry point in a Node process of its own (`node --import tsx`, not the tsx CLI,
 * whose wrapper process would hide the pid whose CPU and memory the bench reads) and waits for the
 * first line it prints that is a JSON object: what it tells the bench (its URLs). Stopped with the
 * scenario, and killed should the bench exit before that.
 */
export async function startBenchProcess<T>(resources: Resources, options: { label: string; script: string; env?: Record<string, string> }): Promise<{ pid: number; announced: T }> {
  const child = spawn(process.execPath, ['--import', 'tsx', options.script], {
    cwd: path.resolve(__dirname, '../..'),
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
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
  });
  const announced = await new Promise<T>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`${options.label} did not start within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      // Complete lines only: the last piece may still be arriving.
      const line = output.split('\n').slice(0, -1).find((l) => l.startsWith('{'));
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line) as T);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${options.label} exited before it was ready (code ${code}, signal ${signal})`));
    });
  });
  return { pid: child.pid!, announced };
}
