import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import net from 'node:net';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { freePort } from '../../runtime/dev-server';
import { startPostgres } from '../../tests/support/postgres';
import { Child, repoRoot } from './child';
import type { TemporalBackend } from './temporal';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureTemporalServer } = require('../../scripts/temporal-server.cjs') as {
  ensureTemporalServer: (log?: (m: string) => void) => { server: string; sqlTool: string; schema: string };
};

const run = promisify(execFile);
const START_TIMEOUT_MS = 120_000;
/** The server's own config, as an operator runs it (deploy/temporal). */
export const serverRoot = path.join(repoRoot, 'deploy', 'temporal');

/**
 * The full Temporal server (not the dev server) as deploy/ runs it: its own PostgreSQL with the
 * `temporal` and `temporal_visibility` databases created and migrated by the server's SQL tool
 * (temporal-sql-tool: create-database, setup-schema -v 0.0, update-schema -d <the server's
 * versioned schema>), then `temporal-server --root deploy/temporal --env production start` on
 * free ports, and the `default` namespace registered as an operator does once.
 */
export async function startTemporalServer(dir: string, log: (m: string) => void = () => undefined): Promise<TemporalBackend> {
  const install = ensureTemporalServer(log);
  const pg = await startPostgres();
  const db = new URL(pg.url);
  const sql = ['--plugin', 'postgres12', '--ep', db.hostname, '-p', db.port, '-u', decodeURIComponent(db.username), '--pw', decodeURIComponent(db.password)];
  for (const [database, schema] of [
    ['temporal', 'temporal'],
    ['temporal_visibility', 'visibility'],
  ] as const) {
    await run(install.sqlTool, [...sql, '--db', database, 'create-database']);
    await run(install.sqlTool, [...sql, '--db', database, 'setup-schema', '-v', '0.0']);
    await run(install.sqlTool, [...sql, '--db', database, 'update-schema', '-d', path.join(install.schema, schema, 'versioned')]);
  }
  const ports: Record<string, string> = {};
  for (const name of ['FRONTEND', 'FRONTEND_HTTP', 'HISTORY', 'MATCHING', 'WORKER', 'METRICS']) ports[`TEMPORAL_${name}_PORT`] = String(await freePort());
  // The server keeps membership ports in a smallint column: they must be below 32768.
  for (const name of ['FRONTEND', 'HISTORY', 'MATCHING', 'WORKER']) ports[`TEMPORAL_${name}_MEMBERSHIP_PORT`] = String(await freeLowPort());
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...ports,
    TEMPORAL_DB_HOST: db.hostname,
    TEMPORAL_DB_PORT: db.port,
    TEMPORAL_DB_USER: decodeURIComponent(db.username),
    TEMPORAL_DB_PASSWORD: decodeURIComponent(db.password),
    TEMPORAL_BIND_IP: '127.0.0.1',
    TEMPORAL_DYNAMIC_CONFIG: path.join(serverRoot, 'config', 'dynamicconfig', 'production.yaml'),
    TEMPORAL_LOG_LEVEL: 'warn',
  };
  const address = `127.0.0.1:${ports.TEMPORAL_FRONTEND_PORT}`;
  const logFile = path.join(dir, 'logs', 'temporal-server.log');
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  let child: Child | undefined;

  const start = async () => {
    child = new Child('temporal-server', install.server, ['--root', serverRoot, '--config', 'config', '--env', 'production', '--allow-no-auth', 'start'], { env, logFile });
    await untilServing(address, child);
    await registerDefaultNamespace(address);
  };
  await start();
  return {
    address,
    description: 'Temporal server 1.29.1 (PostgreSQL)',
    pids: () => (child?.running ? [child.pid] : []),
    async halt(signal) {
      const c = child;
      child = undefined;
      if (!c) return;
      if (signal === 'SIGKILL') {
        c.kill('SIGKILL');
        await c.exited;
      } else await c.stop(30_000);
    },
    start,
    async stop() {
      await child?.stop(30_000);
      child = undefined;
      await pg.stop();
    },
  };
}

/** A free port in 20000–32767 (below the ephemeral range, so no client socket takes it meanwhile). */
async function freeLowPort(): Promise<number> {
  for (;;) {
    const port = 20000 + Math.floor(Math.random() * 12_768);
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

async function untilServing(address: string, child: Child): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (!child.running) throw new Error(`temporal-server exited before it served on ${address}:\n${child.tail().slice(-4000)}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await connection.workflowService.getSystemInfo({});
        return;
      } finally {
        await connection.close();
      }
    } catch {
      if (Date.now() > deadline) throw new Error(`temporal-server did not serve on ${address} within ${START_TIMEOUT_MS / 1000} s:\n${child.tail().slice(-4000)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

/** `temporal operator namespace create default`: once per cluster; the server has no namespace of its own. */
async function registerDefaultNamespace(address: string): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    await connection.workflowService.registerNamespace({ namespace: 'default', workflowExecutionRetentionPeriod: msToTs(3 * 24 * 3600 * 1000) }).catch((err: { code?: number }) => {
      if (err.code !== 6) throw err; // ALREADY_EXISTS: a restart
    });
    // The frontend caches namespaces; wait until it knows this one.
    for (let i = 0; i < 100; i++) {
      try {
        await connection.workflowService.describeNamespace({ namespace: 'default' });
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  } finally {
    await connection.close();
  }
}
