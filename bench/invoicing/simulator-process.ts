import { randomUUID } from 'node:crypto';
import axios from 'axios';
import { z } from 'zod';
import type { GenerateOptions } from '../../simulators/isp-integrator/generate';
import type { IspIntegratorSeed } from '../../simulators/isp-integrator/seed';
import type { Resources } from '../support/resources';
import { startSimulatorProcess } from '../support/simulator-process';

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
 * customers are measured on their own. Stopped with the scenario.
 */
export async function startIspIntegratorProcess(resources: Resources): Promise<IspIntegratorProcess> {
  const token = `bench-${randomUUID()}`;
  // It prints "ISP-Integrator simulator: <url> (…)" and then "admin: <adminUrl>/simulators/isp-integrator/state".
  const { url, adminUrl, pid } = await startSimulatorProcess(resources, {
    name: 'isp-integrator',
    entry: 'server.ts',
    env: { ISP_INTEGRATOR_TOKEN: token },
    pattern: /ISP-Integrator simulator: (http:\/\/\S+)/,
    label: 'ISP-Integrator simulator process',
  });
  return {
    url,
    adminUrl,
    token,
    pid,
    async seed(data) {
      await axios.post(`${adminUrl}/simulators/isp-integrator/seed`, data, { timeout: GENERATE_TIMEOUT_MS });
    },
    async generate(count, options = {}) {
      const res = await axios.post(`${url}/_admin/generate`, { count, ...options }, { timeout: GENERATE_TIMEOUT_MS });
      return generated.parse(res.data);
    },
  };
}
