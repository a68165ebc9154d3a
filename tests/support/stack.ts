import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { loadConfig, merge } from '../../config/load';
import type { Config } from '../../config/schema';
import { generateApiKey } from '../../api/auth/credentials';
import { startSubsync, RunningSubsync } from '../../runtime/app';
import { createLogger } from '../../runtime/logger';
import { createIntercomSimulator, IntercomSimulator } from '../../simulators/intercom';
import { createLanbillingSimulator, LanbillingSimulator } from '../../simulators/lanbilling';
import { startDevServer } from '../../runtime/dev-server';

export interface TestStack {
  app: RunningSubsync;
  lanbilling: LanbillingSimulator;
  intercom: IntercomSimulator;
  dir: string;
  stop(): Promise<void>;
}

/** The shared dev server from globalSetup, or a fresh one when a file runs on its own. */
export async function temporalAddress(): Promise<string> {
  if (!process.env.TEMPORAL_TEST_ADDRESS) {
    const server = await startDevServer({ headless: true });
    process.env.TEMPORAL_TEST_ADDRESS = server.address;
    process.once('exit', () => server.process.kill('SIGKILL'));
  }
  return process.env.TEMPORAL_TEST_ADDRESS;
}

export interface TestStackOptions {
  worker?: boolean;
  watchers?: boolean;
  /**
   * Drops the configured connectors this stack runs no simulator for (every one but LANBilling
   * and intercom), with the services and watchers that use them: health is then about what
   * runs, and no watcher polls a port nobody listens on.
   */
  onlyStackConnectors?: boolean;
  /** Where the stack logs (default: stdout at the configured level). */
  logger?: import('pino').Logger;
  /** Changes the loaded config before the stack starts (e.g. to replace a block the defaults would merge into). */
  configure?: (config: Config) => Config;
}

/**
 * The whole subsync stack as `npm start` builds it, against the real Temporal dev server and
 * simulators on real sockets, with test-sized retry intervals and its own task queue, store
 * and simulators so test files never see each other's workflows.
 */
export async function startTestStack(overrides: Record<string, unknown> = {}, options: TestStackOptions = {}): Promise<TestStack> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'subsync-e2e-'));
  const lanbilling = createLanbillingSimulator();
  const intercom = createIntercomSimulator();
  const lbUrl = await lanbilling.start(0);
  const icUrl = await intercom.start(0);
  const base = {
    temporal: { address: await temporalAddress(), taskQueue: `test-${randomUUID()}` },
    store: { url: `sqlite:${path.join(dir, 'subsync.db')}` },
    api: { port: 0 },
    // The log goes to the test file's own log file (tests/support/log-to-file.ts), shown only when a test fails.
    log: { level: process.env.LOG_LEVEL ?? 'info' },
    simulators: { enabled: false },
    billing: { lanbilling: { url: lbUrl.endsWith('/') ? lbUrl : `${lbUrl}/`, timeoutMs: 2000 } },
    platforms: { intercom: { url: icUrl, timeoutMs: 2000 } },
    watch: { lanbilling: { enabled: false, intervalSeconds: 1 } },
    // The demo's NotificationDispatcher needs simulators this stack does not start; its own tests enable it.
    notifications: { enabled: false },
    policies: { retry: { initialIntervalMs: 200, backoffCoefficient: 2, maximumIntervalMs: 1000 }, activityTimeoutMs: 5000 },
  };
  const loaded = loadConfig({ env: {}, overrides: merge(base, overrides) });
  const narrowed = options.onlyStackConnectors ? withStackConnectorsOnly(loaded) : loaded;
  const config = options.configure ? options.configure(narrowed) : narrowed;
  const app = await startSubsync(config, { logger: options.logger ?? createLogger({ level: config.log.level }), worker: options.worker, watchers: options.watchers });
  // One admin key for the test run, in SUBSYNC_API_KEY where SubsyncClient, the CLI and httpRequest find it.
  process.env.SUBSYNC_API_KEY ||= generateApiKey();
  await app.credentials.create({ name: 'test-stack', permissions: [{ scope: 'admin' }], expiresAt: new Date(Date.now() + 86_400_000) }, 'test', { key: process.env.SUBSYNC_API_KEY });
  return {
    app,
    lanbilling,
    intercom,
    dir,
    async stop() {
      await deleteWorkflows(app, config.temporal.taskQueue);
      await app.stop();
      await lanbilling.stop();
      await intercom.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const STACK_BILLING = ['lanbilling'];
const STACK_PLATFORMS = ['intercom'];

function withStackConnectorsOnly(config: Config): Config {
  const keep = <T>(entries: Record<string, T>, names: string[]) => Object.fromEntries(Object.entries(entries).filter(([name]) => names.includes(name)));
  const services = Object.fromEntries(
    Object.entries(config.services).filter(([, svc]) => {
      const platform = (svc as { platform?: string }).platform;
      return svc.billing.every((b) => STACK_BILLING.includes(b)) && (platform === undefined || STACK_PLATFORMS.includes(platform));
    }),
  ) as Config['services'];
  return { ...config, billing: keep(config.billing, STACK_BILLING), platforms: keep(config.platforms, STACK_PLATFORMS), services, watch: keep(config.watch, STACK_BILLING) };
}

/**
 * Workflow ids do not name the task queue (`subscriber:lanbilling:<vgid>`, `watcher:lanbilling`)
 * and every simulator numbers accounts from 1, so a workflow left on the shared dev server
 * would take the next test file's events (USE_EXISTING) onto a queue nobody polls, and even a
 * terminated one would answer its queries with a timeout. Deleting them frees their ids.
 */
async function deleteWorkflows(app: RunningSubsync, taskQueue: string): Promise<void> {
  const namespace = app.config.temporal.namespace;
  for await (const wf of app.client.workflow.list({ query: `TaskQueue = "${taskQueue}"` })) {
    await app.client.workflowService
      .deleteWorkflowExecution({ namespace, workflowExecution: { workflowId: wf.workflowId, runId: wf.runId } })
      .catch(() => undefined);
  }
}

/** Polls until `check` returns a truthy value (or throws its last error after the timeout). */
export async function eventually<T>(check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 20_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) throw lastError ?? new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
