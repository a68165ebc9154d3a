/**
 * Records what happens to subscriber workflows that release 0.1 started when release 0.2's worker
 * takes over (`npx tsx scripts/record-upgrade-histories.ts`, a few minutes). The histories it saves
 * under tests/replay/histories/upgrade-0.1-to-0.2/ hold both releases' commands in one run, and
 * tests/replay replays them against the current code.
 *
 * Release 0.1 runs from its own commit (checked out beside this one with `git worktree`, sharing
 * node_modules) as a real worker process; 0.2's worker then runs in this process on the same task
 * queue, as a deploy would bring it. ISP-Integrator and the Beenius simulator serve both releases.
 * Scenarios:
 * - in-flight: 0.1 applies create and a package, is killed (SIGKILL) while a platform write of the
 *   next command is in flight; 0.2 finishes that command on 0.1's path (its legacy activities),
 *   then applies block, unblock and disable on its own path;
 * - parked: 0.1 parks a plan without a RADIUS login; after the upgrade billing gets the login and
 *   the operator retries, which 0.2 applies.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection, WithStartWorkflowOperation } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { loadConfig } from '../config/load';
import { buildConnectors } from '../connectors/registry';
import { ispIntegratorConnector } from '../connectors/isp-integrator';
import { startDevServer } from '../runtime/dev-server';
import { createLogger } from '../runtime/logger';
import { tvCatalogFromBilling } from '../simulators/demo-seed';
import { createIspIntegratorSimulator } from '../simulators/isp-integrator/server';
import { createTvSimulator } from '../simulators/tv';
import { Store } from '../store/store';
import { historyToJson } from '../tests/replay/history-json';
import { eventStatusQuery, resolveParkedUpdate, stateQuery, submitEventUpdate, subscriberWorkflowType } from '../workflows/definitions';
import { createWorker } from '../worker/worker';

/** The last commit of release 0.1 (the one CI passed as "stop 4"). */
const RELEASE_0_1 = '1436da8';
const OUT_DIR = path.resolve(__dirname, '../tests/replay/histories/upgrade-0.1-to-0.2');
const TASK_QUEUE = 'upgrade';
const root = path.resolve(__dirname, '..');
const started = Date.now();
const log = (m: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${m}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function eventually<T>(check: () => Promise<T | undefined | false>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check().catch(() => undefined);
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'subsync-upgrade-'));
  const oldTree = path.join(dir, 'release-0.1');
  execFileSync('git', ['worktree', 'add', '--detach', oldTree, RELEASE_0_1], { cwd: root, stdio: 'ignore' });
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(oldTree, 'node_modules'));
  const server = await startDevServer({ headless: true });
  const isp = createIspIntegratorSimulator();
  const ispUrl = await isp.start(0);
  const beenius = createTvSimulator({ flavour: 'beenius' });
  await beenius.start(0);
  beenius.seed(tvCatalogFromBilling());
  const logger = createLogger({ level: 'silent' });
  const staff = ispIntegratorConnector.create('isp-integrator', { url: ispUrl, token: isp.token, timeoutMs: 5000 }, { logger });
  const client = new Client({ connection: await Connection.connect({ address: server.address }) });
  const settings = {
    temporal: { address: server.address, taskQueue: TASK_QUEUE },
    store: { url: `sqlite:${path.join(dir, 'subsync.db')}` },
    simulators: { enabled: false },
    billing: { 'isp-integrator': { url: ispUrl, token: isp.token, timeoutMs: 5000 } },
    platforms: { beenius: { url: beenius.url, ...beenius.credentials, timeoutMs: 5000 } },
    watch: { lanbilling: { enabled: false }, 'isp-integrator': { enabled: false } },
    invoicing: { paused: true },
    policies: { retry: { initialIntervalMs: 200, backoffCoefficient: 2, maximumIntervalMs: 1000 }, activityTimeoutMs: 10_000 },
    log: { level: 'warn' },
  };
  const configFile = path.join(dir, 'config.json');
  fs.writeFileSync(configFile, JSON.stringify(settings));
  let old: ChildProcess | undefined;
  let worker: Worker | undefined;
  let run: Promise<void> | undefined;
  let store: Store | undefined;
  try {
    // --- release 0.1's worker
    old = spawn(process.execPath, [require.resolve('tsx/cli'), 'main.ts'], {
      cwd: oldTree,
      env: { ...process.env, SUBSYNC_ROLE: 'worker', SUBSYNC_CONFIG: configFile, TEMPORAL_ADDRESS: server.address },
      stdio: ['ignore', 'ignore', 'inherit'],
      // Its own process group: tsx runs main.ts in a child process, and the kill must reach both.
      detached: true,
    });
    log(`release 0.1 worker started from ${RELEASE_0_1}`);

    let n = 0;
    const send = async (account: string, type: string, extra: Record<string, unknown> = {}) => {
      const event = { id: `upgrade-${type}-${++n}`, billing: 'isp-integrator', account, type, ...extra };
      const key = { billing: 'isp-integrator', account };
      await client.workflow.executeUpdateWithStart(submitEventUpdate, {
        args: [event as never],
        updateId: event.id,
        startWorkflowOperation: new WithStartWorkflowOperation(subscriberWorkflowType, { workflowId: workflowId(account), taskQueue: TASK_QUEUE, args: [{ key }], workflowIdConflictPolicy: 'USE_EXISTING' }),
      });
      return event.id;
    };
    const status = (account: string, id: string) => client.workflow.getHandle(workflowId(account)).query(eventStatusQuery, id);
    const done = (account: string, id: string, want: string) => eventually(async () => (await status(account, id)) === want, `${id} ${want}`);

    // In flight: create and one package on 0.1, a second package's write in flight when 0.1 dies.
    const a = (await staff.createCustomer({ name: 'Upgrade em voo' })).id;
    const subA = (await staff.addContractedPlan({ customerId: a, planId: 'TV-BEENIUS', radiusLogin: 'upgrade.voo@isp' })).id;
    await done(a, await send(a, 'create'), 'applied');
    await staff.addExtraPackage({ customerId: a, contractedPlanId: subA, packageId: 'PKG-HBO' });
    await done(a, await send(a, 'tv.package.add', { subscription: subA, package: 'PKG-HBO' }), 'applied');
    // Parked: a plan without a RADIUS login.
    const p = (await staff.createCustomer({ name: 'Upgrade parado' })).id;
    const subP = (await staff.addContractedPlan({ customerId: p, planId: 'TV-BEENIUS' })).id;
    await done(p, await send(p, 'create'), 'parked');
    log('release 0.1 applied create and a package, and parked a plan without a login');

    await beenius.faults.add({ kind: 'latency', ms: 3000, operation: 'addExtraPackage' });
    const since = Date.now();
    await staff.addExtraPackage({ customerId: a, contractedPlanId: subA, packageId: 'PKG-TELECINE' });
    const inFlight = await send(a, 'tv.package.add', { subscription: subA, package: 'PKG-TELECINE' });
    await eventually(async () => beenius.faults.requests.some((r) => r.operation === 'addExtraPackage' && r.at >= since), 'the write in flight');
    const exited = new Promise((r) => old!.once('exit', r));
    process.kill(-old.pid!, 'SIGKILL');
    await exited;
    old = undefined;
    await beenius.faults.clear();
    log('release 0.1 worker killed with a platform write in flight');

    // --- release 0.2's worker takes over
    const config = loadConfig({ env: {}, file: configFile });
    store = await Store.open(config.store.url);
    const connectors = buildConnectors(config, { logger });
    worker = await createWorker({ config, connectors, store, logger, connection: await NativeConnection.connect({ address: server.address }), namespace: 'default', taskQueue: TASK_QUEUE, events: () => ({ dispatch: async () => ({ outcome: 'accepted' }) }) });
    run = worker.run();
    await done(a, inFlight, 'applied');
    for (const [type, planStatus] of [['block', 'suspended'], ['unblock', 'active'], ['disable', 'cancelled']] as const) {
      await staff.updateContractedPlan({ customerId: a, contractedPlanId: subA, status: planStatus });
      await done(a, await send(a, type, type === 'block' ? { reason: 'other' } : {}), 'applied');
    }
    const viewA = await client.workflow.getHandle(workflowId(a)).query(stateQuery);
    if (viewA.platforms.some((s) => s.attached)) throw new Error('the disabled plan is still attached');
    log('release 0.2 finished the command in flight, then block, unblock and disable');

    await staff.updateContractedPlan({ customerId: p, contractedPlanId: subP, radiusLogin: 'upgrade.parado@isp' });
    await client.workflow.getHandle(workflowId(p)).executeUpdate(resolveParkedUpdate, { args: [{ action: 'retry', by: 'upgrade-recorder' }] });
    await done(p, (await send(p, 'sync')), 'applied');
    const viewP = await client.workflow.getHandle(workflowId(p)).query(stateQuery);
    if (!viewP.platforms.some((s) => s.attached)) throw new Error('the retried plan is not on Beenius');
    log('release 0.2 applied the operator\'s retry of the command 0.1 parked');

    fs.mkdirSync(OUT_DIR, { recursive: true });
    for (const [file, account] of [['tv-in-flight-at-upgrade', a], ['tv-parked-before-upgrade', p]] as const) {
      const history = await client.workflow.getHandle(workflowId(account)).fetchHistory();
      fs.writeFileSync(path.join(OUT_DIR, `${file}.json`), historyToJson(history));
      log(`saved ${file}.json (${history.events?.length} events)`);
    }
  } finally {
    if (old?.pid) process.kill(-old.pid, 'SIGKILL');
    worker?.shutdown();
    await run?.catch(() => undefined);
    await store?.close();
    await isp.stop();
    await beenius.stop();
    await server.stop();
    execFileSync('git', ['worktree', 'remove', '--force', oldTree], { cwd: root, stdio: 'ignore' });
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const workflowId = (account: string) => `subscriber:isp-integrator:${account}`;

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
