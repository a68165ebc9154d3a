import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Store } from '../../store/store';
import { startPostgres, PostgresServer } from '../support/postgres';

// A process loads what its config uses and nothing else: the connectors it names (each one's
// protocol client loads when its instance is created), the configured database's driver, the
// migrator only when a migration is pending, the notification transmitters only when enabled.
// The worker is started as production starts it (SUBSYNC_ROLE=worker node --import tsx main.ts)
// and asked, once it is polling, which module files it has loaded.

const root = path.resolve(__dirname, '../..');
const reportModules = path.join(__dirname, 'support/report-modules.cjs');

/** The npm package's own code (not only its package.json, which MikroORM reads to compare versions). */
const packageCode = (pkg: string) => (file: string) => file.includes(`/node_modules/${pkg}/`) && !file.endsWith(`/node_modules/${pkg}/package.json`);
const ourFile = (relative: string) => (file: string) => file === path.join(root, relative);

function loaded(modules: string[], what: (file: string) => boolean): boolean {
  return modules.some(what);
}

/** Names of the checks that hold (loaded) among those given, for one readable assertion. */
function whichLoaded(modules: string[], checks: Record<string, (file: string) => boolean>): string[] {
  return Object.entries(checks)
    .filter(([, check]) => loaded(modules, check))
    .map(([name]) => name);
}

/** Module files of a worker-role process once it runs: the line main.ts prints, then the IPC answer. */
async function workerModules(env: NodeJS.ProcessEnv, logFile: string): Promise<string[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', reportModules, 'main.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  const output: string[] = [];
  child.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the worker did not report running within 60 s:\n${output.join('')}`)), 60_000);
      child.stdout!.on('data', () => {
        if (output.join('').includes('subsync is running (worker)')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the worker exited (${code}) before it ran:\n${output.join('')}\nlog: ${fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-2000) : '(none)'}`));
      });
    });
    return await new Promise<string[]>((resolve) => {
      child.once('message', (m: { modules: string[] }) => resolve(m.modules));
      child.send('modules');
    });
  } finally {
    await stop(child);
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

/** Module files of a process that only opens the store at `url`. */
async function storeModules(url: string): Promise<string[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'support/open-store.ts'), url], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`opening the store failed (${code}):\n${err}`);
  return JSON.parse(out) as string[];
}

describe('a worker process (SUBSYNC_ROLE=worker) whose config names LANBilling and the intercom platform on PostgreSQL', () => {
  let pg: PostgresServer;
  let dir: string;
  let modules: string[];

  beforeAll(async () => {
    pg = await startPostgres();
    // The API (or whoever starts first) has migrated the store, as in a split deployment.
    const store = await Store.open(pg.url);
    await store.close();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'subsync-worker-modules-'));
    const configFile = path.join(dir, 'config.json');
    fs.writeFileSync(
      configFile,
      JSON.stringify({
        temporal: { address: process.env.TEMPORAL_TEST_ADDRESS, taskQueue: `worker-modules-${randomUUID()}` },
        store: { url: pg.url },
        metrics: { port: 0 },
        simulators: { enabled: false },
        // Nothing listens there: the connectors' preparation fails quietly and nothing calls them.
        billing: { lanbilling: { kind: 'lanbilling', url: 'http://127.0.0.1:9/', login: 'manager', password: 'secret', serviceCategories: { intercom: { catidx: 1 } } } },
        platforms: { intercom: { kind: 'intercom', url: 'http://127.0.0.1:9', token: 'token' } },
        services: { intercom: { kind: 'access', platform: 'intercom', billing: ['lanbilling'] } },
      }),
    );
    const logFile = path.join(dir, 'worker.jsonl');
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, SUBSYNC_ROLE: 'worker', SUBSYNC_CONFIG: configFile, LOG_FILE: logFile, SUBSYNC_SHUTDOWN_GRACE_MS: '1000', SUBSYNC_WORKFLOW_BUNDLE: process.env.SUBSYNC_WORKFLOW_BUNDLE };
    modules = await workerModules(env, logFile);
  }, 180_000);

  afterAll(async () => {
    await pg?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('loads the named connectors, PostgreSQL and the Temporal worker', () => {
    expect(
      whichLoaded(modules, {
        'LANBilling SOAP client': ourFile('connectors/lanbilling/client.ts'),
        soap: packageCode('soap'),
        'intercom client': ourFile('connectors/intercom/client.ts'),
        'MikroORM PostgreSQL driver': packageCode('@mikro-orm/postgresql'),
        pg: packageCode('pg'),
        '@temporalio/worker': packageCode('@temporalio/worker'),
      }),
    ).toEqual(['LANBilling SOAP client', 'soap', 'intercom client', 'MikroORM PostgreSQL driver', 'pg', '@temporalio/worker']);
  });

  it('loads no connector the config does not name, no SQLite, no migrator, no notification transmitter and no HTTP server', () => {
    expect(
      whichLoaded(modules, {
        'FastViewer client': ourFile('connectors/fastviewer/client.ts'),
        'XML-RPC (@foxglove/xmlrpc)': packageCode('@foxglove/xmlrpc'),
        'ISP-Integrator billing': ourFile('connectors/isp-integrator/billing.ts'),
        'csv-parse': packageCode('csv-parse'),
        'Beenius client': ourFile('connectors/beenius/client.ts'),
        'License Central client': ourFile('connectors/license-central/client.ts'),
        'video resell client': ourFile('connectors/video-resell/client.ts'),
        nodemailer: packageCode('nodemailer'),
        standardwebhooks: packageCode('standardwebhooks'),
        'MikroORM SQLite driver': packageCode('@mikro-orm/libsql'),
        'MikroORM migrator': packageCode('@mikro-orm/migrations'),
        'a migration': (file) => file.startsWith(path.join(root, 'store/migrations/')),
        fastify: packageCode('fastify'),
        'the HTTP API': (file) => file.startsWith(path.join(root, 'api/http/')),
      }),
    ).toEqual([]);
  });
});

describe('a process opening a SQLite store', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'subsync-store-modules-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('loads the SQLite driver only, and the migrator only while migrations are pending', async () => {
    const url = `sqlite:${path.join(dir, 'store.db')}`;
    const checks = { 'MikroORM SQLite driver': packageCode('@mikro-orm/libsql'), 'MikroORM PostgreSQL driver': packageCode('@mikro-orm/postgresql'), pg: packageCode('pg'), 'MikroORM migrator': packageCode('@mikro-orm/migrations') };
    expect(whichLoaded(await storeModules(url), checks)).toEqual(['MikroORM SQLite driver', 'MikroORM migrator']);
    // Migrated by the first: the second finds nothing pending.
    expect(whichLoaded(await storeModules(url), checks)).toEqual(['MikroORM SQLite driver']);
  }, 60_000);
});
