import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { loadConfig, merge } from '../../config/load';
import type { Config } from '../../config/schema';
import { startSubsync, RunningSubsync } from '../../runtime/app';
import { startDevServer, DevServer } from '../../runtime/dev-server';
import type { Logger } from 'pino';
import type { Resources } from './resources';

/**
 * The config a bench stack runs on, built as the end-to-end harness builds it: an existing
 * Temporal address, its own task queue and SQLite store in `dir`, the API on a free port,
 * no embedded simulators (the scenario starts its own), logs at `warn`. `overrides` names
 * the billing systems, platforms and whatever else the scenario needs.
 */
export function benchConfig(options: { temporalAddress: string; dir: string; overrides: Record<string, unknown> }): Config {
  const base = {
    temporal: { address: options.temporalAddress, taskQueue: `bench-${randomUUID()}` },
    store: { url: `sqlite:${path.join(options.dir, 'subsync.db')}` },
    // The bench drives thousands of requests a minute through one credential.
    api: { port: 0, rateLimit: { max: 1_000_000 } },
    log: { level: 'warn' },
    simulators: { enabled: false },
    notifications: { enabled: false },
  };
  return loadConfig({ env: {}, overrides: merge(base, options.overrides) });
}

/** A temp dir for the store, removed with the scenario. */
export function benchDir(resources: Resources): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'subsync-bench-'));
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  // Also on a hard exit (an interrupted run whose cleanup did not finish in time).
  process.once('exit', remove);
  resources.add(`temp dir ${dir}`, () => {
    remove();
    process.off('exit', remove);
  });
  return dir;
}

/** The real Temporal dev server, headless and in memory, for this scenario alone. */
export async function startBenchTemporal(resources: Resources): Promise<{ server: DevServer; release: () => Promise<void> }> {
  const server = await startDevServer({ headless: true });
  // Should the bench die before cleanup, the server must not outlive it.
  const killOnExit = () => server.process.kill('SIGKILL');
  process.once('exit', killOnExit);
  const release = resources.add('Temporal dev server', async () => {
    await server.stop();
    process.off('exit', killOnExit);
  });
  return { server, release };
}

/** The whole subsync stack (client, store, worker in this process, HTTP API); the watchers stay off so only the bench's events drive it. */
export async function startBenchSubsync(config: Config, logger: Logger, resources: Resources): Promise<{ app: RunningSubsync; release: () => Promise<void>; apiKey: string }> {
  const app = await startSubsync(config, { logger, watchers: false });
  // The drivers' SubsyncClient sends SUBSYNC_API_KEY (or is given `apiKey`, in another process): an admin credential for this run.
  const { key } = await app.credentials.create({ name: 'bench', permissions: [{ scope: 'admin' }], expiresAt: new Date(Date.now() + 86_400_000) }, 'bench');
  process.env.SUBSYNC_API_KEY = key;
  return { app, release: resources.add('subsync stack', () => app.stop()), apiKey: key };
}
