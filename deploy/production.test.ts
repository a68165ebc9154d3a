import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from '../config/load';
import { PRODUCTION_NODE_FLAGS } from '../runtime/node-flags';
import { checkRole } from '../runtime/roles';
import { SHUTDOWN_FORCE_AFTER_GRACE_MS } from '../worker/worker';

/**
 * The files an operator deploys subsync with, as they are: every subsync process they define runs
 * main.ts in a split role whose config subsync accepts (PostgreSQL, a shared Temporal, no embedded
 * simulators), every service manager waits for a worker's drain before it kills it, and the
 * cluster and Temporal Cloud examples load. (tests/deployment runs the Temporal server config.)
 */
const read = (file: string) => fs.readFileSync(path.join(__dirname, file), 'utf8');
const root = path.resolve(__dirname, '..');
/** The node flags every start command passes, as runtime/node-flags.ts names them. */
const FLAGS = PRODUCTION_NODE_FLAGS.join(' ');

/** KEY=value lines, comments and blanks skipped (systemd EnvironmentFile, docker --env-file). */
function envFile(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
}

function unit(text: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const line of text.split('\n')) {
    const m = /^(\w+)=(.*)$/.exec(line.trim());
    if (m) (out[m[1]!] ??= []).push(m[2]!);
  }
  return out;
}

/** How long a stopped worker may take: its grace, the SDK's force time, and main.ts's own deadline after that. */
const workerStopBoundSeconds = (graceMs: number) => (graceMs + SHUTDOWN_FORCE_AFTER_GRACE_MS + 5_000) / 1000;

describe('deploy: processes, images and cluster config', () => {
  const env = envFile(read('systemd/subsync.env'));
  const configFile = { ...env, SUBSYNC_CONFIG: undefined };

  it('the shared environment is a config subsync accepts for split roles', () => {
    for (const role of ['worker', 'api'] as const) {
      const config = loadConfig({ env: configFile });
      expect(() => checkRole(role, config)).not.toThrow();
      expect(config.store.url).toMatch(/^postgres:\/\//);
    }
  });

  it('systemd runs the API and any number of workers from main.ts, and waits for a worker to drain', () => {
    const api = unit(read('systemd/subsync-api.service'));
    const worker = unit(read('systemd/subsync-worker@.service'));
    expect(api.Environment).toContain('SUBSYNC_ROLE=api');
    expect(worker.Environment).toContain('SUBSYNC_ROLE=worker');
    for (const u of [api, worker]) {
      expect(u.ExecStart?.[0]).toContain(`node ${FLAGS} --import tsx main.ts`);
      expect(u.EnvironmentFile).toEqual(['/etc/subsync/subsync.env']);
      expect(u.KillSignal).toEqual(['SIGTERM']);
    }
    expect(Number(worker.TimeoutStopSec?.[0])).toBeGreaterThan(workerStopBoundSeconds(Number(env.SUBSYNC_SHUTDOWN_GRACE_MS)));
    // Each instance its own metrics port, so several run on one host.
    expect(worker.ExecStart?.[0]).toMatch(/SUBSYNC_METRICS_PORT=\$\(\(9464 \+ %i\)\)/);
    const temporal = unit(read('systemd/temporal-server.service'));
    expect(temporal.ExecStart?.[0]).toMatch(/temporal-server --root \S+\/deploy\/temporal --config config --env production .*start$/);
  });

  it('the Procfile runs Temporal, one API and two workers on distinct metrics ports', () => {
    const procs = Object.fromEntries(
      read('Procfile')
        .split('\n')
        .filter((l) => l && !l.startsWith('#'))
        .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]),
    );
    expect(Object.keys(procs)).toEqual(['temporal', 'api', 'worker1', 'worker2']);
    expect(procs.api).toBe(`SUBSYNC_ROLE=api node ${FLAGS} --import tsx main.ts`);
    const ports = ['worker1', 'worker2'].map((w) => {
      expect(procs[w]).toMatch(new RegExp(`^SUBSYNC_ROLE=worker SUBSYNC_METRICS_PORT=\\d+ node ${FLAGS} --import tsx main\\.ts$`));
      return /SUBSYNC_METRICS_PORT=(\d+)/.exec(procs[w]!)![1];
    });
    expect(new Set(ports).size).toBe(2);
  });

  it('the container image runs main.ts with a prebuilt workflow bundle and stops by SIGTERM', () => {
    const file = read('Containerfile');
    expect(file).toMatch(/^FROM node:20/m);
    expect(file).toMatch(/npm ci --omit=dev/);
    expect(file).toMatch(/buildWorkflowBundle\(\)/);
    expect(file).toMatch(/SUBSYNC_WORKFLOW_BUNDLE=\/app\/workflow-bundle\.js/);
    expect(file).toMatch(/^STOPSIGNAL SIGTERM$/m);
    expect(file).toMatch(/^CMD \[.*\]$/m);
    expect(JSON.parse(/^CMD (\[.*\])$/m.exec(file)![1]!)).toEqual(['node', ...PRODUCTION_NODE_FLAGS, '--import', 'tsx', 'main.ts']);
    // What it builds from: package.json's own start command and the worker's bundle function.
    expect(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).dependencies.tsx).toBeDefined();
  });

  it('the self-hosted cluster and Temporal Cloud examples load, with TLS and the API key from the environment', () => {
    const cluster = loadConfig({ env: {}, file: path.join(__dirname, 'cluster/subsync.cluster.json') });
    expect(cluster.temporal.tls).toMatchObject({ caPath: expect.any(String), certPath: expect.any(String), keyPath: expect.any(String) });
    const apiKey = loadConfig({ env: { TEMPORAL_API_KEY: 'key-from-the-secret-store' }, file: path.join(__dirname, 'cluster/subsync.cloud-api-key.json') });
    expect(apiKey.temporal).toMatchObject({ address: expect.stringMatching(/\.api\.temporal\.io:7233$/), namespace: expect.stringMatching(/^[\w-]+\.[\w-]+$/), apiKey: 'key-from-the-secret-store', tls: true });
    const mtls = loadConfig({ env: {}, file: path.join(__dirname, 'cluster/subsync.cloud-mtls.json') });
    expect(mtls.temporal.address).toBe(`${mtls.temporal.namespace}.tmprl.cloud:7233`);
    for (const config of [cluster, apiKey, mtls]) for (const role of ['worker', 'api'] as const) expect(() => checkRole(role, config)).not.toThrow();
  });

  it('the Temporal server config reads every address, port and credential from the environment it documents', () => {
    const config = read('temporal/config/production.yaml');
    expect(config.split('\n')[0]).toBe('# enable-template');
    const used = new Set([...config.matchAll(/env "(\w+)"/g)].map((m) => m[1]));
    const documented = new Set(Object.keys(envFile(read('temporal/temporal.env'))));
    // The ports the tests move to free ones may stay at their defaults in the example file.
    for (const name of documented) expect(used).toContain(name);
    for (const name of ['TEMPORAL_DB_HOST', 'TEMPORAL_DB_PASSWORD', 'TEMPORAL_FRONTEND_PORT', 'TEMPORAL_DYNAMIC_CONFIG']) expect(documented).toContain(name);
    const dynamic = parse(read('temporal/config/dynamicconfig/production.yaml')) as Record<string, { value: unknown }[]>;
    expect(dynamic['frontend.enableExecuteMultiOperation']).toEqual([{ value: true }]);
    expect(dynamic['frontend.enableUpdateWorkflowExecution']).toEqual([{ value: true }]);
  });
});
