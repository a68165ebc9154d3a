import path from 'node:path';
import axios from 'axios';
import type { FaultInput } from '../../simulators/kit/faults';
import { Child, tsNode } from './child';

/** The simulators as `npm run simulators` runs them: their own process, every one on a free port, one admin server. */
export interface SimulatorsProcess {
  child: Child;
  adminUrl: string;
  urls: Record<string, string>;
  state<T>(name: string): Promise<T>;
  seed(name: string, data: unknown): Promise<void>;
  fault(name: string, fault: FaultInput): Promise<void>;
  clearFaults(name: string): Promise<void>;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 90_000;

export async function startSimulatorsProcess(dir: string): Promise<SimulatorsProcess> {
  const child = tsNode('simulators', 'simulators/main.ts', ['0'], { env: { ...process.env, SEED_DEMO: 'false' }, logFile: path.join(dir, 'logs', 'simulators.log') });
  try {
    const [, admin] = await child.waitFor(/simulator admin: (http:\/\/\S+)\/simulators/, START_TIMEOUT_MS);
    const listed = (await axios.get<{ name: string; url: string }[]>(`${admin}/simulators`)).data;
    const http = axios.create({ baseURL: `${admin}/simulators`, timeout: 60_000 });
    return {
      child,
      adminUrl: admin!,
      urls: Object.fromEntries(listed.map((s) => [s.name, s.url])),
      state: async <T>(name: string) => (await http.get<T>(`/${name}/state`)).data,
      seed: async (name, data) => void (await http.post(`/${name}/seed`, data)),
      fault: async (name, fault) => void (await http.post(`/${name}/faults`, fault)),
      clearFaults: async (name) => void (await http.delete(`/${name}/faults`)),
      stop: async () => void (await child.stop(10_000)),
    };
  } catch (err) {
    await child.stop(1000);
    throw err;
  }
}
