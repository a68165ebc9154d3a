import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import axios from 'axios';
import { z } from 'zod';
import type { GenerateOptions } from '../../simulators/isp-integrator/generate';
import type { IspIntegratorSeed } from '../../simulators/isp-integrator/seed';
import type { Resources } from '../support/resources';

const SERVER = process.env.SCRATCH_SERVER ?? path.resolve(__dirname, '../../simulators/isp-integrator/server.ts');
/** tsx compiling the simulator on a loaded 2-core box can take a while. */
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 5_000;
const GENERATE_TIMEOUT_MS = 300_000;

const generated = z.object({ created: z.number(), firstCustomerId: z.string().optional(), lastCustomerId: z.string().optional() });

/** The ISP-Integrator simulator running alone in its own Node process. */
export interface IspIntegratorProcess {
  url: string;
  /** The admin server (`startAdminServer`): state, seed, reset, faults. */
  adminUrl: string;
  token: string;
  pid: number;
  /** `POST /simulators/isp-integrator/seed`: replaces all data (README "Seed format"). */
  seed(data: IspIntegratorSeed): Promise<void>;
  /** `POST /_admin/generate`: customers with a TV plan and (by default) one charged extra each. */
  generate(count: number, options?: GenerateOptions): Promise<z.infer<typeof generated>>;
}

/**
 * Starts `simulators/isp-integrator/server.ts` as it runs alone (README "Run it alone"), in a
 * child process, so that the bench process's memory is the worker's and the simulator's
 * 100,000 customers are measured on their own. Stopped with the scenario.
 */
export async function startIspIntegratorProcess(resources: Resources): Promise<IspIntegratorProcess> {
  const token = `bench-${randomUUID()}`;
  // `--import tsx` runs the TypeScript in this one process (the tsx CLI would add a wrapper process and hide its memory).
  const child = spawn(process.execPath, [...(process.env.SCRATCH_SIM_FLAGS?.split(' ') ?? []), '--import', 'tsx', SERVER, '0', '0'], {
    cwd: path.resolve(__dirname, '../..'),
    env: { ...process.env, ISP_INTEGRATOR_TOKEN: token },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  resources.add('ISP-Integrator simulator process', async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
    process.off('exit', killOnExit);
  });

  // It prints "ISP-Integrator simulator: <url> (…)" and then "admin: <adminUrl>/simulators/isp-integrator/state".
  const { url, adminUrl } = await new Promise<{ url: string; adminUrl: string }>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the ISP-Integrator simulator did not print its URLs within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const service = /ISP-Integrator simulator: (http:\/\/\S+)/.exec(output);
      const admin = /admin: (http:\/\/[^/\s]+)/.exec(output);
      if (service && admin) {
        clearTimeout(timer);
        resolve({ url: service[1]!, adminUrl: admin[1]! });
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the ISP-Integrator simulator exited before it listened (code ${code}, signal ${signal})`));
    });
  });

  return {
    url,
    adminUrl,
    token,
    pid: child.pid!,
    async seed(data) {
      await axios.post(`${adminUrl}/simulators/isp-integrator/seed`, data, { timeout: GENERATE_TIMEOUT_MS });
    },
    async generate(count, options = {}) {
      const res = await axios.post(`${url}/_admin/generate`, { count, ...options }, { timeout: GENERATE_TIMEOUT_MS });
      return generated.parse(res.data);
    },
  };
}
