import axios from 'axios';
import { z } from 'zod';
import type { GenerateOptions } from '../../simulators/lanbilling';
import type { Resources } from '../support/resources';
import { startSimulatorProcess } from '../support/simulator-process';

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
  // It prints "lanbilling simulator: <url> (WSDL …; admin: …)".
  const { url, pid } = await startSimulatorProcess(resources, { name: 'lanbilling', pattern: /lanbilling simulator: (http:\/\/\S+)/, label });
  return {
    url,
    pid,
    async generate(count, options = {}) {
      const res = await axios.post(`${url}_admin/generate`, { count, ...options }, { timeout: GENERATE_TIMEOUT_MS });
      return generated.parse(res.data);
    },
    async calls() {
      return callCounts.parse((await axios.get(`${url}_admin/calls`)).data);
    },
  };
}
