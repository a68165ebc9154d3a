import fs from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { CredentialRegistry } from '../../api/auth/credentials';
import { SubsyncClient } from '../../client/ts';
import { defaultConfig } from '../../config/defaults';
import { merge } from '../../config/load';
import { freePort } from '../../runtime/dev-server';
import { PRODUCTION_NODE_FLAGS } from '../../runtime/node-flags';
import { Store } from '../../store/store';
import { Child, Exit, tsNode } from './child';
import { SimulatorsProcess, startSimulatorsProcess } from './simulators';
import type { TemporalBackend } from './temporal';

export type SubsyncRole = 'worker' | 'api';

/** One subsync process (`SUBSYNC_ROLE=worker|api node main.ts`): the real entry point, killable by pid. */
export interface SubsyncProcess {
  role: SubsyncRole;
  name: string;
  child: Child;
  /** The Temporal worker identity it polls with (the SDK's default, `<pid>@<host>`), for workers. */
  pid: number;
  /** Its Prometheus endpoint, as it printed it at start. */
  metricsUrl: string;
}

/** How many calls a process made to billing systems and platforms (`subsync_platform_calls_total`), from its /metrics. */
export async function platformCalls(p: SubsyncProcess): Promise<number> {
  const text = await (await fetch(p.metricsUrl, { signal: AbortSignal.timeout(5000) })).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('subsync_platform_calls_total{'))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

export interface ChaosClusterOptions {
  /** Logs, config and the Temporal dev server's file live here. */
  dir: string;
  temporal: TemporalBackend;
  /** A PostgreSQL database URL: split roles need it (SQLite is refused for them). */
  storeUrl: string;
  workers: number;
  /** Config overrides (JSON config file) on top of what the cluster sets. */
  config?: Record<string, unknown>;
}

const START_TIMEOUT_MS = 120_000;
/** More than the worker's shutdown grace (runtime/app.ts), so a stop that works is never cut short. */
export const STOP_GRACE_MS = 45_000;

/**
 * subsync deployed as in production, on this machine: one API process and N worker processes
 * (`main.ts` with SUBSYNC_ROLE), a Temporal service, PostgreSQL, and the simulators in their own
 * process standing in for billing and the platforms. Every part is a real process, so a SIGKILL
 * is a crash and a SIGTERM a stop. The harness keeps its own connections (the HTTP client,
 * Temporal, the store) to drive the load and check the outcome.
 */
export class ChaosCluster {
  readonly workers: SubsyncProcess[] = [];
  api?: SubsyncProcess;
  private started = 0;

  private constructor(
    readonly options: ChaosClusterOptions,
    readonly sims: SimulatorsProcess,
    readonly apiPort: number,
    readonly configFile: string,
    readonly client: SubsyncClient,
    readonly temporal: Client,
    readonly store: Store,
  ) {}

  static async start(options: ChaosClusterOptions): Promise<ChaosCluster> {
    fs.mkdirSync(path.join(options.dir, 'logs'), { recursive: true });
    const sims = await startSimulatorsProcess(options.dir);
    let cluster: ChaosCluster | undefined;
    try {
      const apiPort = await freePort();
      const configFile = path.join(options.dir, 'subsync.config.json');
      fs.writeFileSync(configFile, JSON.stringify(clusterConfig(options, sims, apiPort), null, 2));
      const temporal = new Client({ connection: await Connection.connect({ address: options.temporal.address }) });
      const store = await Store.open(options.storeUrl);
      // The hook and the operator hold a credential, created on the host as an operator would (`subsync credentials create`).
      const { key } = await new CredentialRegistry(store).create({ name: 'chaos', permissions: [{ scope: 'admin' }], expiresAt: new Date(Date.now() + 7 * 86_400_000) }, 'chaos');
      const client = new SubsyncClient({ baseUrl: `http://127.0.0.1:${apiPort}`, apiKey: key, timeoutMs: 10_000 });
      cluster = new ChaosCluster(options, sims, apiPort, configFile, client, temporal, store);
      await cluster.startAll();
      return cluster;
    } catch (err) {
      if (cluster) await cluster.stop();
      else await sims.stop();
      throw err;
    }
  }

  get processes(): SubsyncProcess[] {
    return [...(this.api ? [this.api] : []), ...this.workers];
  }

  /** The API first (it registers the search attributes), then the workers, all started at once. */
  async startAll(): Promise<void> {
    this.api = await this.spawn('api');
    await Promise.all(Array.from({ length: this.options.workers - this.workers.length }, () => this.startWorker()));
  }

  async startWorker(): Promise<SubsyncProcess> {
    const worker = await this.spawn('worker');
    this.workers.push(worker);
    return worker;
  }

  /** The worker process that polls with this Temporal identity. */
  workerByIdentity(identity: string | null | undefined): SubsyncProcess | undefined {
    const pid = Number(identity?.split('@')[0]);
    return this.workers.find((w) => w.pid === pid);
  }

  /** SIGKILL: the process dies with whatever it had in flight. */
  async kill(p: SubsyncProcess): Promise<Exit> {
    p.child.kill('SIGKILL');
    const exit = await p.child.exited;
    this.forget(p);
    return exit;
  }

  /** SIGTERM, as a service manager stops it: how it ended and how long it took (SIGKILL after STOP_GRACE_MS). */
  async terminate(p: SubsyncProcess): Promise<Exit & { ms: number; killed: boolean }> {
    const result = await p.child.stop(STOP_GRACE_MS);
    this.forget(p);
    return result;
  }

  /** Every subsync process at once, by signal. */
  async haltAll(signal: 'SIGKILL' | 'SIGTERM'): Promise<(Exit & { name: string; ms: number; killed: boolean })[]> {
    return Promise.all(
      this.processes.map(async (p) => {
        if (signal === 'SIGKILL') return { name: p.name, ...(await this.kill(p)), ms: 0, killed: true };
        return { name: p.name, ...(await this.terminate(p)) };
      }),
    );
  }

  async stop(): Promise<void> {
    await Promise.all(this.processes.map((p) => p.child.stop(5_000)));
    this.workers.length = 0;
    this.api = undefined;
    await this.temporal.connection.close().catch(() => undefined);
    await this.store.close().catch(() => undefined);
    await this.sims.stop();
  }

  private forget(p: SubsyncProcess): void {
    if (this.api === p) this.api = undefined;
    const i = this.workers.indexOf(p);
    if (i >= 0) this.workers.splice(i, 1);
  }

  private async spawn(role: SubsyncRole): Promise<SubsyncProcess> {
    const name = `${role}-${++this.started}`;
    const env: NodeJS.ProcessEnv = { ...process.env, SUBSYNC_ROLE: role, SUBSYNC_CONFIG: this.configFile, LOG_FILE: path.join(this.options.dir, 'logs', `${name}.jsonl`), LOG_FORMAT: 'json' };
    // Only the config file speaks: nothing from the caller's environment may point elsewhere.
    for (const key of ['TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'TEMPORAL_TASK_QUEUE', 'DATABASE_URL', 'SUBSYNC_API_PORT', 'SUBSYNC_METRICS_PORT', 'SUBSYNC_SIMULATORS', 'LOG_LEVEL']) delete env[key];
    // Started as the deploy files start it, their node flags included.
    const child = tsNode(name, 'main.ts', [], { env, logFile: path.join(this.options.dir, 'logs', `${name}.out`), nodeFlags: PRODUCTION_NODE_FLAGS });
    try {
      await child.waitFor(/subsync is running/, START_TIMEOUT_MS);
      const [, metricsUrl] = await child.waitFor(/Metrics\s+(http:\/\/\S+)/, 5000);
      return { role, name, child, pid: child.pid, metricsUrl: metricsUrl! };
    } catch (err) {
      await child.stop(1000);
      throw err;
    }
  }
}

function clusterConfig(options: ChaosClusterOptions, sims: SimulatorsProcess, apiPort: number): Record<string, unknown> {
  const url = (name: string) => {
    const u = sims.urls[name];
    if (!u) throw new Error(`the simulators process runs no "${name}" (it runs ${Object.keys(sims.urls).join(', ')})`);
    return u;
  };
  const base = {
    temporal: { address: options.temporal.address, taskQueue: 'chaos' },
    store: { url: options.storeUrl },
    api: { port: apiPort, host: '127.0.0.1', deliveryTimeoutMs: 5000, redeliverEveryMs: 1000 },
    log: { level: 'info', format: 'json' },
    metrics: { port: 0 },
    simulators: { enabled: false },
    billing: {
      lanbilling: { kind: 'lanbilling', url: url('lanbilling'), login: 'subsync', password: 'lanbilling-sim', timeoutMs: 3000, serviceCategories: { intercom: { catidx: 1 } } },
      'isp-integrator': { kind: 'isp-integrator', url: url('isp-integrator'), token: 'isp-integrator-token', timeoutMs: 5000 },
    },
    platforms: { intercom: { kind: 'intercom', url: url('intercom'), token: 'intercom-sim-token', timeoutMs: 3000 } },
    // A deployment names its services (the demo's are not applied with the simulators off): the demo's intercom service.
    services: { intercom: defaultConfig.services.intercom },
    watch: { lanbilling: { enabled: false }, 'isp-integrator': { enabled: false } },
    invoicing: { paused: true, trackForHours: 0 },
    policies: { retry: { initialIntervalMs: 500, backoffCoefficient: 2, maximumIntervalMs: 5000 }, activityTimeoutMs: 15_000, continueAsNewAfterEvents: 2000 },
  };
  return merge(base, options.config ?? {});
}
