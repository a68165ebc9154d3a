import { Connectors } from '../../connectors/registry';
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createInvoicingActivities } from '../../activities/invoicing-activities';
import { loadConfig } from '../../config/load';
import type { Config } from '../../config/schema';
import { IspIntegratorBilling, ispIntegratorConnector } from '../../connectors/isp-integrator';
import { DevServer, startDevServer } from '../../runtime/dev-server';
import { createLogger } from '../../runtime/logger';
import { installTemporalRuntime } from '../../runtime/temporal';
import type { InvoicingSettings } from '../../schedules/invoicing';
import { createIspIntegratorSimulator, IspIntegratorSimulator } from '../../simulators/isp-integrator/server';
import type { IspIntegratorSeed } from '../../simulators/isp-integrator/seed';
import { workflowBundle } from '../../worker/worker';

const TOKEN = 'invoicing-test-token';

/** Everything an invoicing test needs: its own Temporal dev server, a worker, the simulator and the real connector. */
export interface InvoicingHarness {
  server: DevServer;
  client: Client;
  sim: IspIntegratorSimulator;
  billing: IspIntegratorBilling;
  taskQueue: string;
  /** The settings the schedule and run functions take, with `invoicing` overrides applied. */
  settings(invoicing?: Partial<Config['invoicing']>): InvoicingSettings;
  stop(): Promise<void>;
}

export async function startInvoicingHarness(seed: IspIntegratorSeed): Promise<InvoicingHarness> {
  const logger = createLogger({ level: 'silent' });
  // The SDK's own lines (worker state, activity failures) go to the test file's log, not the terminal.
  await installTemporalRuntime({ logger: createLogger({ level: 'info' }), level: 'info', metrics: false });
  const server = await startDevServer({ headless: true });
  const sim = createIspIntegratorSimulator({ token: TOKEN, seed });
  const url = await sim.start(0);
  const billing = ispIntegratorConnector.create('isp-integrator', ispIntegratorConnector.configSchema.parse({ url, token: TOKEN, timeoutMs: 5000 }), { logger });
  const taskQueue = `invoicing-test-${randomUUID()}`;
  const workerConnection = await NativeConnection.connect({ address: server.address });
  const worker = await Worker.create({
    connection: workerConnection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities: createInvoicingActivities({ connectors: new Connectors([['isp-integrator', { definition: ispIntegratorConnector, instance: billing }]]), logger }),
  });
  const running = worker.run();
  const client = new Client({ connection: await Connection.connect({ address: server.address }) });
  const baseInvoicing = loadConfig({ env: {} }).invoicing;
  return {
    server,
    client,
    sim,
    billing,
    taskQueue,
    settings: (invoicing = {}) => ({ temporal: { taskQueue }, invoicing: { ...baseInvoicing, ...invoicing } }),
    async stop() {
      worker.shutdown();
      await running;
      await workerConnection.close();
      await client.connection.close();
      await sim.stop();
      await server.stop();
    },
  };
}

/**
 * One harness for a test file: started before its tests, stopped after them, and the billing
 * simulator put back to `seed` with no faults before each test. The object is filled in by
 * beforeAll, so tests use it as they would the harness itself.
 */
export function useInvoicingHarness(seed: IspIntegratorSeed): InvoicingHarness {
  const h = {} as InvoicingHarness;
  beforeAll(async () => {
    Object.assign(h, await startInvoicingHarness(seed));
  });
  afterAll(async () => {
    await h.stop?.();
  });
  beforeEach(async () => {
    h.sim.seed(seed);
    await h.sim.faults.clear();
  });
  return h;
}

/** Polls until `check` returns a truthy value (or throws its last error after the timeout). */
export async function waitFor<T>(check: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) throw lastError ?? new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Five customer plans with charged extras (R$ 202,40 in all) and four that the listing must leave
 * out: no extras, only a free extra, a suspended plan, a cancelled extra.
 */
export const invoicingSeed: IspIntegratorSeed = {
  plans: [
    { id: 'TV-A', name: 'TV Essencial (Beenius)', releasedPackageId: 'PKG-BASICO', tvPlatform: 'beenius' },
    { id: 'TV-B', name: 'TV Essencial (CDN TV)', releasedPackageId: 'PKG-BASICO', tvPlatform: 'cdntv' },
  ],
  packages: [
    { id: 'PKG-BASICO', name: 'Básico' },
    { id: 'PKG-HBO', name: 'HBO', extra: true, price: 3490 },
    { id: 'PKG-TELECINE', name: 'Telecine', extra: true, price: 4290 },
    { id: 'PKG-ESPORTES', name: 'Esportes', extra: true, price: 2990 },
    { id: 'PKG-INFANTIL', name: 'Infantil (cortesia)', extra: true, price: 0 },
  ],
  customers: [
    { id: '2001', name: 'Ana Lima', plans: [{ id: '6001', planId: 'TV-A', radiusLogin: 'ana.lima', extraPackages: [{ packageId: 'PKG-HBO' }, { packageId: 'PKG-TELECINE' }] }] },
    { id: '2002', name: 'Bruno Reis', plans: [{ id: '6002', planId: 'TV-B', radiusLogin: 'bruno.reis', extraPackages: [{ packageId: 'PKG-HBO', price: 2990 }] }] },
    { id: '2003', name: 'Carla Dias', plans: [{ id: '6003', planId: 'TV-A', radiusLogin: 'carla.dias' }] },
    { id: '2004', name: 'Diego Melo', plans: [{ id: '6004', planId: 'TV-A', radiusLogin: 'diego.melo', extraPackages: [{ packageId: 'PKG-INFANTIL' }] }] },
    { id: '2005', name: 'Eva Rocha', plans: [{ id: '6005', planId: 'TV-A', status: 'suspended', radiusLogin: 'eva.rocha', extraPackages: [{ packageId: 'PKG-HBO' }] }] },
    { id: '2006', name: 'Fabio Nunes', plans: [{ id: '6006', planId: 'TV-B', radiusLogin: 'fabio.nunes', extraPackages: [{ packageId: 'PKG-ESPORTES' }, { packageId: 'PKG-TELECINE', status: 'cancelled' }] }] },
    {
      id: '2007', name: 'Gil Souza',
      plans: [
        { id: '6007', planId: 'TV-A', radiusLogin: 'gil.souza', extraPackages: [{ packageId: 'PKG-HBO' }] },
        { id: '6008', planId: 'TV-B', radiusLogin: 'gil.souza.2', extraPackages: [{ packageId: 'PKG-ESPORTES' }] },
      ],
    },
  ],
};

/** What the seed bills per contracted plan, in centavos. */
export const expectedTotals: Record<string, number> = { '6001': 3490 + 4290, '6002': 2990, '6006': 2990, '6007': 3490, '6008': 2990 };
