import { spawn } from 'node:child_process';
import path from 'node:path';
import axios from 'axios';
import { z } from 'zod';
import type { GenerateOptions } from '../../simulators/lanbilling';
import type { Resources } from '../support/resources';

const SERVER = path.resolve(__dirname, '../../simulators/lanbilling/index.ts');
/** tsx compiling the simulator (and node-soap reading the vendor's 1264-operation WSDL) on a loaded 2-core box. */
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 5_000;
const GENERATE_TIMEOUT_MS = 300_000;

const generated = z.object({ created: z.number(), firstVgid: z.number(), lastVgid: z.number() });
const callCounts = z.record(z.string(), z.number());

/** The LANBilling simulator running alone in its own Node process. */
export interface LanbillingProcess {
  /** The api3 endpoint (SOAP); its WSDL at `${url}?wsdl`. */
  url: string;
  pid: number;
  /** `POST /_admin/generate`: active accounts with the login addon and the periodic service (README "Bulk generation"). */
  generate(count: number, options?: GenerateOptions): Promise<z.infer<typeof generated>>;
  /** `GET /_admin/calls`: SOAP calls answered so far, by operation. */
  calls(): Promise<Record<string, number>>;
}

/**
 * Starts `simulators/lanbilling/index.ts` as it runs alone (README "Run it alone"), in a child
 * process, so that the bench process's memory is the worker's and the simulator's accounts are
 * measured on their own. Stopped with the scenario.
 */
export async function startLanbillingProcess(resources: Resources, label = 'LANBilling simulator process'): Promise<LanbillingProcess> {
  // `--import tsx` runs the TypeScript in this one process (the tsx CLI would add a wrapper process and hide its memory).
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER, '0', '0'], {
    cwd: path.resolve(__dirname, '../..'),
    env: { ...process.env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  resources.add(label, async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
    process.off('exit', killOnExit);
  });

  // It prints "lanbilling simulator: <url> (WSDL …; admin: …)".
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the LANBilling simulator did not print its URL within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const service = /lanbilling simulator: (http:\/\/\S+)/.exec(output);
      if (service) {
        clearTimeout(timer);
        resolve(service[1]!);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the LANBilling simulator exited before it listened (code ${code}, signal ${signal})`));
    });
  });

  return {
    url,
    pid: child.pid!,
    async generate(count, options = {}) {
      const res = await axios.post(`${url}_admin/generate`, { count, ...options }, { timeout: GENERATE_TIMEOUT_MS });
      return generated.parse(res.data);
    },
    async calls() {
      return callCounts.parse((await axios.get(`${url}_admin/calls`)).data);
    },
  };
}
