import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { loadConfig, merge } from '../../config/load';
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

/**
 * The whole subsync stack as `npm start` builds it, against the real Temporal dev server and
 * simulators on real sockets, with test-sized retry intervals and its own task queue, store
 * and simulators so test files never see each other's workflows.
 */
export async function startTestStack(overrides: Record<string, unknown> = {}, options: { worker?: boolean; watchers?: boolean } = {}): Promise<TestStack> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'subsync-e2e-'));
  const lanbilling = createLanbillingSimulator();
  const intercom = createIntercomSimulator();
  const lbUrl = await lanbilling.start(0);
  const icUrl = await intercom.start(0);
  const base = {
    temporal: { address: await temporalAddress(), taskQueue: `test-${randomUUID()}` },
    store: { url: `sqlite:${path.join(dir, 'subsync.db')}` },
    api: { port: 0 },
    log: { level: process.env.LOG_LEVEL ?? 'warn' },
    simulators: { enabled: false },
    billing: { lanbilling: { url: lbUrl.endsWith('/') ? lbUrl : `${lbUrl}/`, timeoutMs: 2000 } },
    platforms: { intercom: { url: icUrl, timeoutMs: 2000 } },
    watch: { lanbilling: { enabled: false, intervalSeconds: 1 } },
    policies: { retry: { initialIntervalMs: 200, backoffCoefficient: 2, maximumIntervalMs: 1000 }, activityTimeoutMs: 5000 },
  };
  const config = loadConfig({ env: {}, overrides: merge(base, overrides) });
  const app = await startSubsync(config, { logger: createLogger({ level: config.log.level }), worker: options.worker, watchers: options.watchers });
  return {
    app,
    lanbilling,
    intercom,
    dir,
    async stop() {
      await app.stop();
      await lanbilling.stop();
      await intercom.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
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
