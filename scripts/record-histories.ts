/**
 * Records the workflow histories that tests/replay/replay.test.ts replays against the current
 * workflow code (`npm run histories:record`).
 *
 * Each scenario runs on the whole stack (HTTP API, worker, store, simulators on real sockets)
 * against a fresh Temporal dev server of its own, the way the end-to-end tests do; once
 * the workflow has finished, or is quiescent (waiting for its next event or timer, as most
 * subscriber workflows are in production), its history is saved as the JSON that
 * `temporal workflow show --output json` prints and `Worker.runReplayHistories` reads.
 *
 * Nothing is written until every scenario has been recorded, so a failed run leaves the saved
 * histories as they were. `--only=<scenario>,<scenario>` records just those scenarios (running
 * only the phases that hold them) and writes just their files, leaving every other history and
 * its README row as they are: how a new scenario is added without re-recording the old ones.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import path from 'node:path';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { SubsyncClient } from '../client/ts';
import { startDevServer } from '../runtime/dev-server';
import { invoicingInput, invoicingRunId } from '../schedules/invoicing';
import { LanbillingManager } from '../simulators/lanbilling/manager';
import { History, historyToJson } from '../tests/replay/history-json';
import { invoicingSeed } from '../tests/support/invoicing';
import { MeetingTestStack, MeetingWorld, startMeetingTestStack } from '../tests/support/meeting-stack';
import { MEETING_PARENT_LICENSE, MEETING_TARIFFS, MEETING_CATEGORY, PARENT_HOLDER } from '../simulators/meeting-demo';
import { UsageBillingInput, UsageBillingResult } from '../workflows/usage-billing';
import { eventually, startTestStack, TestStack } from '../tests/support/stack';
import { startTvTestStack, TvTestStack } from '../tests/support/tv-stack';
import { ITEMS, NotificationTestStack, startNotificationStack } from '../tests/support/notification-stack';
import { changeFeedPollerWorkflowId } from '../workflows/change-feed-poller';
import { outboxDeliveryWorkflowId } from '../workflows/outbox-delivery';
import { billingWatcherWorkflowId } from '../workflows/billing-watcher';
import type { SubscriberView } from '../workflows/definitions';
import type { ReconcileInput, ReconcileSummary } from '../workflows/reconcile';
import { InvoicingResult, invoicingProgressQuery, TvInvoicingInput } from '../workflows/tv-invoicing';

/**
 * Each release records into a folder of its own; the histories of earlier releases stay as they
 * were recorded, because workflows those releases started may still be running. Release 0.1's are
 * the files at the top of histories/.
 */
const RELEASE = (JSON.parse(fs.readFileSync(path.resolve(__dirname, '../package.json'), 'utf8')) as { version: string }).version;
const HISTORIES_DIR = path.resolve(__dirname, `../tests/replay/histories/release-${RELEASE}`);
/** Kept small so that a diff of a re-recording can still be read. */
const MAX_BYTES = 300 * 1024;

interface Recorded {
  scenario: string;
  description: string;
  workflowType: string;
  /** The history in Temporal's JSON form. */
  json: string;
}

const recorded: Recorded[] = [];
/** Scenarios named with --only (`--only a,b` or `--only=a,b`); undefined records them all. Anything else is refused, so a typo never re-records every history. */
const only = parseArgs({ args: process.argv.slice(2), options: { only: { type: 'string' } }, strict: true, allowPositionals: false })
  .values.only?.split(',')
  .filter(Boolean);
const started = Date.now();
const log = (message: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${message}`);

async function main(): Promise<void> {
  // Parked commands and refused calls are part of the scenarios: their warnings are expected.
  process.env.LOG_LEVEL ??= 'error';
  await phase('TV stack, monthly charge', ['intercom-lifecycle', 'intercom-parked-retried', 'intercom-parked-skipped', 'tv-beenius', 'tv-invoicing-first-run', 'tv-invoicing-last-run', 'reconcile', 'billing-watcher', 'billing-watcher-paged'], () => startTvTestStack({}, { watchers: false }), async (stack) => {
    await intercomLifecycle(stack);
    await parkedThenRetried(stack);
    await parkedThenSkipped(stack);
    await tvBeenius(stack);
    await tvInvoicing(stack);
    await reconcile(stack);
    await billingWatcher(stack);
    await billingWatcherPaged(stack);
  });
  await phase('intercom stack, 2-second charge period', ['intercom-insufficient-funds'], () => startTestStack({ services: { intercom: { charge: { amount: 150, period: { everySeconds: 2 } } } } }, { watchers: false }), insufficientFunds);
  await phase('intercom stack, continue-as-new after 100 events', ['intercom-continued-as-new-first-run', 'intercom-continued-as-new-next-run'], () => startTestStack({ policies: { continueAsNewAfterEvents: 100 } }, { watchers: false }), continuedAsNew);
  await phase('meeting stack (FastViewer, video resell)', ['meeting-sessions', 'usage-billing-first-run', 'usage-billing-last-run'], () => startMeetingTestStack(), async (stack) => {
    await meetingSessions(stack);
    await usageBilling(stack);
  });
  await phase('NotificationDispatcher stack', ['change-feed-poller', 'outbox-delivery', 'notification-report'], () => startNotificationStack({ notifications: { report: { enabled: false, recipients: ['licensing@example.com'] } } }), notificationDispatcher);
  writeHistories();
  log(`recorded ${recorded.length} histories in ${HISTORIES_DIR}`);
}

/**
 * Runs scenarios on one stack and a fresh, in-memory dev server of its own: simulators number
 * accounts from 1 again, so workflow ids repeat between stacks and must not meet an earlier run.
 */
async function phase<S extends TestStack>(name: string, records: string[], start: () => Promise<S>, scenarios: (stack: S) => Promise<void>): Promise<void> {
  if (only && !records.some((r) => only.includes(r))) return;
  const server = await startDevServer({ headless: true });
  process.env.TEMPORAL_TEST_ADDRESS = server.address;
  log(`${name}: Temporal dev server on ${server.address}`);
  try {
    const stack = await start();
    try {
      await scenarios(stack);
    } finally {
      await stack.stop();
    }
  } finally {
    await server.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// Scenarios

/** A LANBilling manager's actions and billing's hook, as in tests/e2e/intercom-lifecycle.test.ts. */
class Billing {
  readonly lb: LanbillingManager;
  readonly api: SubsyncClient;
  constructor(stack: TestStack) {
    this.lb = new LanbillingManager(stack.lanbilling.url);
    this.api = new SubsyncClient({ baseUrl: stack.app.apiUrl });
  }

  /**
   * Billing's hook sends one event; returns the subscriber once the event was applied or parked.
   * Polls rather than using the API's `wait`, whose single state query fails when it reaches a run
   * that is still starting after continue-as-new (reported to the workflow's owner).
   */
  async send(billing: string, account: string, type: string, expected: 'applied' | 'parked', extra: Record<string, unknown> = {}): Promise<SubscriberView> {
    const { eventId } = await this.api.submitEvent({ id: `record-${type}-${randomUUID()}`, billing, account, type, ...extra });
    const [outcome, view] = await eventually(async () => {
      const v = await this.subscriber(billing, account);
      const done = v.parked?.id === eventId ? 'parked' : v.recent.find((r) => r.id === eventId)?.outcome;
      return done && ([done, v] as const);
    }, 30_000);
    if (outcome !== expected) throw new Error(`${type} for ${billing}:${account} ended ${outcome}, expected ${expected}`);
    return view;
  }

  hook(account: string, type: string, extra: Record<string, unknown> = {}) {
    return this.send('lanbilling', account, type, 'applied', extra);
  }

  async subscriber(billing: string, account: string): Promise<SubscriberView> {
    const view = await this.api.getSubscriber(billing, account);
    if (!view) throw new Error(`no subscriber ${billing}:${account}`);
    return view;
  }

  /** A customer with one account carrying the intercom login (or none), switched off as LANBilling creates it. */
  async account(name: string, login: string | undefined, balance = 10_000): Promise<{ agrmid: number; account: string }> {
    const { agrmid } = await this.lb.createCustomer(name, balance);
    return { agrmid, account: await this.lb.createAccount(agrmid, login, `ул. Записи 1, кв. ${name}`) };
  }
}

const subscriberWorkflowId = (billing: string, account: string) => `subscriber:${billing}:${account}`;

async function intercomLifecycle(stack: TestStack): Promise<void> {
  const b = new Billing(stack);
  const { account } = await b.account('lifecycle', '79001230001', 1000);
  await b.hook(account, 'create');
  await b.lb.activate(account);
  await b.hook(account, 'activate');
  const servid = await b.lb.addIntercom(account);
  await b.hook(account, 'service.enable', { service: 'intercom' });
  // The first (monthly) period is charged right away, as a command of its own.
  await eventually(async () => (await b.api.getSubscriber('lanbilling', account))?.ledger.some((e) => e.status === 'charged'), 30_000);
  await b.lb.block(account);
  await b.hook(account, 'block', { reason: 'manager' });
  await b.lb.unblock(account);
  await b.hook(account, 'unblock');
  await b.lb.endService(account, servid);
  await b.hook(account, 'service.disable', { service: 'intercom' });
  await b.lb.switchOff(account);
  await b.hook(account, 'disable');
  await saveQuiescent(stack, 'intercom-lifecycle', 'create → activate → service.enable (monthly charge) → block → unblock → service.disable → disable', subscriberWorkflowId('lanbilling', account));
}

async function parkedThenRetried(stack: TestStack): Promise<void> {
  const b = new Billing(stack);
  const { account } = await b.account('parked-retried', undefined);
  await b.send('lanbilling', account, 'create', 'parked');
  await b.lb.setLogin(account, '79001230002');
  await b.api.resolveParked('lanbilling', account, { action: 'retry', by: 'record-histories', note: 'login set in billing' });
  await eventually(async () => (await b.subscriber('lanbilling', account)).recent[0]?.outcome === 'applied', 30_000);
  await saveQuiescent(stack, 'intercom-parked-retried', 'create parks (no isvyaz_login), the login is set in billing, the operator retries', subscriberWorkflowId('lanbilling', account));
}

async function parkedThenSkipped(stack: TestStack): Promise<void> {
  const b = new Billing(stack);
  const { account } = await b.account('parked-skipped', undefined);
  await b.send('lanbilling', account, 'create', 'parked');
  await b.api.resolveParked('lanbilling', account, { action: 'skip', by: 'record-histories', note: 'no intercom at this address' });
  await eventually(async () => (await b.subscriber('lanbilling', account)).recent[0]?.outcome === 'skipped', 30_000);
  await saveQuiescent(stack, 'intercom-parked-skipped', 'create parks (no isvyaz_login), the operator skips it', subscriberWorkflowId('lanbilling', account));
}

async function tvBeenius(stack: TvTestStack): Promise<void> {
  const b = new Billing(stack);
  const staff = stack.staff;
  const tv = (account: string, type: string, extra: Record<string, unknown> = {}) => b.send('isp-integrator', account, type, 'applied', extra);
  const box = async (n: number) => {
    const casn = `REC${String(n).padStart(9, '0')}`;
    await staff.registerSetTopBox({ casn, assetNumber: `PAT-REC-${n}` });
    return casn;
  };
  const customer = (await staff.createCustomer({ name: 'Cliente Gravação' })).id;
  const sub = (await staff.addContractedPlan({ customerId: customer, planId: 'TV-BEENIUS', radiusLogin: 'gravacao@isp' })).id;
  const ref = { customerId: customer, contractedPlanId: sub };
  await staff.addExtraPackage({ ...ref, packageId: 'PKG-HBO' });
  const point = (await staff.addPoint({ ...ref, location: 'Sala', casn: await box(1) })).point;
  // Beenius's subscriber id and PIN are written back into billing's extra fields.
  await tv(customer, 'create');
  await staff.addExtraPackage({ ...ref, packageId: 'PKG-TELECINE' });
  await tv(customer, 'tv.package.add', { subscription: sub, package: 'PKG-TELECINE' });
  const swapped = await box(2);
  await staff.swapPoint({ ...ref, pointId: point.id, casn: swapped });
  await tv(customer, 'tv.point.swap', { subscription: sub, point: point.id, casn: swapped });
  await staff.updateContractedPlan({ ...ref, status: 'suspended' });
  await tv(customer, 'block', { reason: 'other' });
  await staff.updateContractedPlan({ ...ref, status: 'cancelled' });
  await tv(customer, 'disable');
  await saveQuiescent(stack, 'tv-beenius', 'TV on Beenius: create with write-back → package add → point swap → suspend → remove', subscriberWorkflowId('isp-integrator', customer));
}

/** Five billed plans in pages of two, one parked by billing, continuing as new after two pages, then tracked to Processed. */
async function tvInvoicing(stack: TvTestStack): Promise<void> {
  stack.isp.seed(invoicingSeed);
  await stack.isp.faults.add({ kind: 'fault', operation: 'createTvBillingEvent', status: 422, code: 'validation_error', message: 'items.0.packageId: refused for this customer', times: 1 });
  const dueDate = '2026-01-10';
  const config = stack.app.config;
  const input: TvInvoicingInput = { ...invoicingInput(config), dueDate, pageSize: 2, pagesPerRun: 2, trackEverySeconds: 1, trackForHours: 1 };
  const workflowId = invoicingRunId(config.invoicing.billing, dueDate);
  const client = stack.app.client;
  await client.workflow.start('tvInvoicingWorkflow', { workflowId, taskQueue: config.temporal.taskQueue, args: [input] });
  // Billing's standard run turns the Pending events Processed once invoicing has saved them all.
  await eventually(async () => (await client.workflow.getHandle(workflowId).query(invoicingProgressQuery)).phase === 'tracking', 60_000, 200);
  await stack.staff.runStandardBilling({ upTo: dueDate });
  const result = (await client.workflow.getHandle(workflowId).result()) as InvoicingResult;
  if (result.summary.parkedCount !== 1 || result.tracking?.outcome !== 'all_processed') throw new Error(`unexpected invoicing result ${JSON.stringify(result.summary)}`);
  const runs = await runChain(client, workflowId);
  if (runs.length < 2) throw new Error(`invoicing did not continue as new (${runs.length} run)`);
  save('tv-invoicing-first-run', 'TV invoicing, first run: two pages (one customer parked by billing), then continue-as-new', runs[0]);
  save('tv-invoicing-last-run', 'TV invoicing, last run: the last page, then tracking until the standard billing run processed every event', runs[runs.length - 1]);
}

/** Fleet reconcile with repair, in batches of two; one account was set up in billing with no event, so it drifted. */
async function reconcile(stack: TestStack): Promise<void> {
  const b = new Billing(stack);
  const { account } = await b.account('drifted', '79001230003');
  await b.lb.activate(account);
  await b.lb.addIntercom(account);
  const workflowId = `reconcile:lanbilling:record`;
  const input: ReconcileInput = { billing: 'lanbilling', repair: true, batchSize: 2 };
  const handle = await stack.app.client.workflow.start('reconcileWorkflow', { workflowId, taskQueue: stack.app.config.temporal.taskQueue, args: [input] });
  const summary = (await handle.result()) as ReconcileSummary;
  if (summary.repairsRequested < 1) throw new Error(`reconcile repaired nothing: ${JSON.stringify(summary)}`);
  save('reconcile', 'reconcile with repair over every LANBilling account, batches of two, one drifted account repaired', await handle.fetchHistory());
}

/** The watcher polling every second while a manager blocks an account in billing; terminated after a few polls (a closed run). */
async function billingWatcher(stack: TestStack): Promise<void> {
  const b = new Billing(stack);
  const { account } = await b.account('watched', '79001230004');
  await b.lb.activate(account);
  const workflowId = billingWatcherWorkflowId('lanbilling');
  const handle = await stack.app.client.workflow.start('billingWatcherWorkflow', { workflowId, taskQueue: stack.app.config.temporal.taskQueue, args: [{ billing: 'lanbilling', intervalSeconds: 1 }] });
  const polls = async () => (await handle.fetchHistory()).events?.filter((e) => e.activityTaskCompletedEventAttributes).length ?? 0;
  await eventually(async () => (await polls()) >= 2, 30_000, 200);
  await b.lb.block(account);
  await eventually(async () => (await b.api.getSubscriber('lanbilling', account))?.status === 'blocked', 30_000, 200);
  const seen = await polls();
  await eventually(async () => (await polls()) > seen, 30_000, 200);
  await handle.terminate('history recorded');
  save('billing-watcher', 'billing watcher polling every second; a manager blocks an account in billing; terminated', await handle.fetchHistory());
}

/** A meeting license, sessions booked and run through the API (the workflow records each), then a block. */
async function meetingSessions(stack: MeetingTestStack): Promise<void> {
  const w = new MeetingWorld(stack);
  const { agrmid } = await w.holder('ООО Запись', { type: 1, email: 'record@example.ru' });
  const { vgid } = await w.account(agrmid, MEETING_TARIFFS.pro, MEETING_CATEGORY);
  if ((await w.send(vgid, 'create')).status !== 'applied') throw new Error('the meeting license was not created');
  const session = await w.api.bookSession('lanbilling', vgid, { subject: 'Recorded', reference: 'record-1', plannedMinutes: 30 });
  await w.api.bookSession('lanbilling', vgid, { subject: 'Recorded', reference: 'record-1' });
  await w.api.controlSession('lanbilling', vgid, session.sessionId, 'start');
  await w.api.controlSession('lanbilling', vgid, session.sessionId, 'recording.start');
  await w.api.controlSession('lanbilling', vgid, session.sessionId, 'end');
  await w.block(vgid);
  await w.send(vgid, 'block', { reason: 'manager' });
  const recorded = await w.api.listSessions('lanbilling', vgid);
  if (recorded[0]?.status !== 'ended') throw new Error(`unexpected sessions ${JSON.stringify(recorded)}`);
  await saveQuiescent(stack, 'meeting-sessions', 'meeting license on Meeting Pro: create → book (twice, same reference) → start → recording → end, recorded by recordSession → block', subscriberWorkflowId('lanbilling', vgid));
}

/** Five child licenses in pages of two, continuing as new after two pages, charged to the parent holder. */
async function usageBilling(stack: MeetingTestStack): Promise<void> {
  stack.lanbilling.seed({ accounts: [{ uid: 9, type: 1, name: 'ООО Телемост', agreements: [{ agrmid: PARENT_HOLDER.agrmid, number: 'A-0090', balance: 100_000, vgroups: [{ vgid: PARENT_HOLDER.vgid, login: 'telemost', tarid: 1 }] }] }] });
  stack.fastviewer.generateUsage({ parentLicense: MEETING_PARENT_LICENSE, licenses: 5, sessionsPerLicense: 3, from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z', seed: 7 });
  const workflowId = 'usage-billing:2026-03:record';
  const input: UsageBillingInput = { month: '2026-03', timezone: 'UTC', pageSize: 2, pagesPerRun: 2, concurrency: 2 };
  const handle = await stack.app.client.workflow.start('usageBillingWorkflow', { workflowId, taskQueue: stack.app.config.temporal.taskQueue, args: [input] });
  const result = (await handle.result()) as UsageBillingResult;
  const parent = result.parents.find((p) => p.parent === MEETING_PARENT_LICENSE);
  if (parent?.charged !== 5) throw new Error(`unexpected usage billing result ${JSON.stringify(result)}`);
  const runs = await runChain(stack.app.client, workflowId);
  if (runs.length < 2) throw new Error(`usage billing did not continue as new (${runs.length} run)`);
  save('usage-billing-first-run', 'month-end usage billing, first run: two pages of two child licenses charged to the parent holder, then continue-as-new', runs[0]);
  save('usage-billing-last-run', 'month-end usage billing, last run: the last page, the summary stored, the result per parent', runs[runs.length - 1]);
}

/**
 * The watcher on its paged poll (the `watcher-paged-poll` patch): polling every second with a page
 * size and a sweep slice while a manager blocks an account, then cancelled as a start with the
 * watcher disabled cancels it (the poll stops, the run ends cancelled).
 */
async function billingWatcherPaged(stack: TestStack): Promise<void> {
  const b = new Billing(stack);
  const { account } = await b.account('watched-paged', '79001230014');
  await b.lb.activate(account);
  const workflowId = billingWatcherWorkflowId('lanbilling');
  const handle = await stack.app.client.workflow.start('billingWatcherWorkflow', {
    workflowId,
    taskQueue: stack.app.config.temporal.taskQueue,
    args: [{ billing: 'lanbilling', intervalSeconds: 1, pageSize: 2, sweepPerCycle: 1 }],
    workflowIdConflictPolicy: 'TERMINATE_EXISTING',
  });
  const polls = async () => (await handle.fetchHistory()).events?.filter((e) => e.activityTaskCompletedEventAttributes).length ?? 0;
  await eventually(async () => (await polls()) >= 2, 30_000, 200);
  await b.lb.block(account);
  await eventually(async () => (await b.api.getSubscriber('lanbilling', account))?.status === 'blocked', 30_000, 200);
  const seen = await polls();
  await eventually(async () => (await polls()) > seen, 30_000, 200);
  await handle.cancel();
  await handle.result().catch(() => undefined);
  save('billing-watcher-paged', 'billing watcher on its paged poll (page size 2, sweep 1) polling every second; a manager blocks an account in billing; cancelled', await handle.fetchHistory());
}

async function insufficientFunds(stack: TestStack): Promise<void> {
  const b = new Billing(stack);
  const { agrmid, account } = await b.account('unpaid', '79001230005', 200);
  await b.lb.activate(account);
  const servid = await b.lb.addIntercom(account);
  await b.hook(account, 'create');
  // 200 pays the first 2-second period; the next one finds 50 and blocks the account.
  await eventually(async () => {
    const view = await b.subscriber('lanbilling', account);
    return view.status === 'blocked' && view.blockReason === 'insufficient_funds' && !!view.charges[0]?.unpaid;
  }, 30_000, 200);
  await b.lb.pay(agrmid, 1000);
  const paid = await b.hook(account, 'payment', { amount: 1000 });
  if (paid.status !== 'active') throw new Error(`payment left the subscriber ${paid.status}`);
  // Stopping the service stops the 2-second charges, so the workflow goes quiet.
  await b.lb.endService(account, servid);
  await b.hook(account, 'service.disable', { service: 'intercom' });
  await saveQuiescent(stack, 'intercom-insufficient-funds', 'periodic charge every 2 s: charged, insufficient funds blocks, a payment charges the unpaid period and unblocks, service.disable', subscriberWorkflowId('lanbilling', account));
}

async function continuedAsNew(stack: TestStack): Promise<void> {
  const b = new Billing(stack);
  const { account } = await b.account('long-lived', '79001230006');
  await b.lb.activate(account);
  await b.lb.addIntercom(account);
  await b.hook(account, 'create');
  const workflowId = subscriberWorkflowId('lanbilling', account);
  const handle = stack.app.client.workflow.getHandle(workflowId);
  const firstRunId = (await handle.describe()).runId;
  let extraPairs = -1;
  for (let i = 0; i < 30 && extraPairs < 1; i++) {
    await b.lb.block(account);
    await b.hook(account, 'block', { reason: 'manager' });
    await b.lb.unblock(account);
    await b.hook(account, 'unblock');
    // One more block/unblock once it continued, so the new run has applied commands with carried state.
    if (extraPairs >= 0 || (await handle.describe()).runId !== firstRunId) extraPairs++;
  }
  if (extraPairs < 1) throw new Error('the subscriber workflow never continued as new');
  await waitQuiescent(handle);
  const runs = await runChain(stack.app.client, workflowId);
  save('intercom-continued-as-new-first-run', 'continueAsNewAfterEvents 100: block/unblock until the first run continues as new', runs[0]);
  save('intercom-continued-as-new-next-run', 'the run after continue-as-new: carried state, one more block/unblock', runs[1]);
}

/**
 * NotificationDispatcher: the change-feed poller reads License Central while the webhook endpoint
 * is down; the endpoint's delivery loop backs off, probes, and delivers once it is back; then a
 * periodic report run. The poller never rests (it polls every second), so it is terminated.
 */
async function notificationDispatcher(stack: NotificationTestStack): Promise<void> {
  const receiver = stack.receivers.hooks!;
  await receiver.faults.add({ kind: 'down' });
  stack.licenseCentral.seed({ items: ITEMS, tickets: [{ orderNumber: 'REC-1', lines: [{ position: '1', firmCode: 6000010, productCode: 201, quantity: 2 }], activations: [{ position: '1', containerSerial: '130-1000001', count: 1 }] }] });
  const total = stack.licenseCentral.state().changes.length;
  const client = stack.app.client;
  const delivery = client.workflow.getHandle(outboxDeliveryWorkflowId('hooks'));
  // Two failed attempts (the endpoint's backoff), then it is back.
  await eventually(async () => ((await delivery.fetchHistory()).events?.filter((e) => e.activityTaskCompletedEventAttributes).length ?? 0) >= 3, 30_000, 200);
  await receiver.faults.clear();
  await eventually(() => receiver.state().received === total, 30_000, 200);
  const poller = client.workflow.getHandle(changeFeedPollerWorkflowId('license-central'));
  await poller.terminate('history recorded');
  save('change-feed-poller', 'change-feed poller of License Central (orders, licenses, activations) polling every second, signalling the delivery loops; terminated', await poller.fetchHistory());
  await saveQuiescent(stack, 'outbox-delivery', 'delivery loop of a webhook endpoint: the endpoint is down (backoff, probes), comes back, everything is delivered, the loop sleeps', outboxDeliveryWorkflowId('hooks'));
  const report = await client.workflow.start('notificationReportWorkflow', { workflowId: 'notification-report:record', taskQueue: stack.app.config.temporal.taskQueue, args: [{ at: new Date(Date.now() + 86_400_000).toISOString() }] });
  await report.result();
  await stack.mail.waitFor(1);
  save('notification-report', 'periodic notification report: the period counted, rendered and mailed over SMTP', await report.fetchHistory());
}

// ---------------------------------------------------------------------------------------------
// Histories

/**
 * Waits until the workflow has nothing in flight (no workflow task, no activity) and its history
 * stopped growing: the state a long-lived workflow spends its life in between events.
 */
async function waitQuiescent(handle: WorkflowHandle): Promise<void> {
  let previous = -1;
  await eventually(async () => {
    const d = await handle.describe();
    const busy = (d.raw.pendingActivities?.length ?? 0) > 0 || !!d.raw.pendingWorkflowTask;
    const length = d.historyLength;
    const settled = !busy && length === previous;
    previous = busy ? -1 : length;
    return settled;
  }, 60_000, 750);
}

async function saveQuiescent(stack: TestStack, scenario: string, description: string, workflowId: string): Promise<void> {
  const handle = stack.app.client.workflow.getHandle(workflowId);
  await waitQuiescent(handle);
  save(scenario, description, await handle.fetchHistory());
}

/** Every run of a workflow id, oldest first, following each run's start event back to the run it continued. */
async function runChain(client: Client, workflowId: string): Promise<History[]> {
  const runs: History[] = [];
  let runId: string | undefined = (await client.workflow.getHandle(workflowId).describe()).runId;
  while (runId) {
    const history: History = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    runs.unshift(history);
    runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
  }
  return runs;
}

function save(scenario: string, description: string, history: History): void {
  if (only && !only.includes(scenario)) return;
  const json = historyToJson(history);
  const workflowType = history.events?.[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name ?? '(unknown)';
  if (Buffer.byteLength(json) > MAX_BYTES) throw new Error(`${scenario}: history is ${Math.round(Buffer.byteLength(json) / 1024)} KB, over ${MAX_BYTES / 1024} KB; shorten the scenario`);
  recorded.push({ scenario, description, workflowType, json });
  log(`recorded ${scenario} (${history.events?.length} events)`);
}

function writeHistories(): void {
  fs.mkdirSync(HISTORIES_DIR, { recursive: true });
  if (only) {
    const missing = only.filter((name) => !recorded.some((r) => r.scenario === name));
    if (missing.length > 0) throw new Error(`--only named scenarios nobody records: ${missing.join(', ')}`);
    for (const r of recorded) fs.writeFileSync(path.join(HISTORIES_DIR, `${r.scenario}.json`), r.json);
    fs.writeFileSync(path.join(HISTORIES_DIR, 'README.md'), readmeWithRows(fs.readFileSync(path.join(HISTORIES_DIR, 'README.md'), 'utf8')));
    return;
  }
  // The recorder owns this release's directory: a scenario it no longer records must not linger as a history.
  for (const file of fs.readdirSync(HISTORIES_DIR)) if (file.endsWith('.json')) fs.rmSync(path.join(HISTORIES_DIR, file));
  for (const r of recorded) fs.writeFileSync(path.join(HISTORIES_DIR, `${r.scenario}.json`), r.json);
  fs.writeFileSync(path.join(HISTORIES_DIR, 'README.md'), readme());
}

/** The README as it is, with the rows of the scenarios just recorded replaced or added after the others. */
function readmeWithRows(current: string): string {
  const lines = current.split('\n');
  const mine = new Map(recorded.map((r) => [`| \`${r.scenario}.json\` |`, row(r)]));
  const kept = lines.map((line) => {
    const key = [...mine.keys()].find((k) => line.startsWith(k));
    if (!key) return line;
    const replaced = mine.get(key)!;
    mine.delete(key);
    return replaced;
  });
  const lastRow = kept.map((line) => line.startsWith('| `')).lastIndexOf(true);
  kept.splice(lastRow + 1, 0, ...mine.values());
  return kept.join('\n');
}

function row(r: Recorded): string {
  const events = (JSON.parse(r.json) as { events: { eventType: string }[] }).events;
  const last = events[events.length - 1].eventType.replace(/^EVENT_TYPE_/, '');
  // An update's completion is also a WORKFLOW_EXECUTION_ event; only a closing one ends the workflow.
  const closed = /^WORKFLOW_EXECUTION_(COMPLETED|FAILED|TERMINATED|CONTINUED_AS_NEW|TIMED_OUT|CANCELED)$/.test(last);
  const ending = closed ? last.replace(/^WORKFLOW_EXECUTION_/, '').toLowerCase().replace(/_/g, ' ') : 'running (quiescent)';
  return `| \`${r.scenario}.json\` | ${r.workflowType} | ${r.description} | ${events.length} | ${ending} | ${Math.ceil(Buffer.byteLength(r.json) / 1024)} KB |`;
}

function readme(): string {
  const rows = recorded.map(row);
  return `# Saved workflow histories

These are release ${RELEASE}'s. \`tests/replay/replay.test.ts\` replays every \`*.json\` here, and every
earlier release's (never re-recorded), against the current workflow bundle
(\`workflowBundle()\` from \`worker/worker.ts\`) with \`Worker.runReplayHistories\`. A history that no
longer replays means the workflow code changed in a way that would break the workflows running in
production when the new worker picks them up (a DeterminismViolationError on their next task).

## How they were recorded

\`npm run histories:record\` (\`scripts/record-histories.ts\`, about a minute) runs the scenarios below on
the whole stack (HTTP API, worker, store, LANBilling, intercom, ISP-Integrator and TV simulators on
real sockets, as \`tests/support/stack.ts\` builds it), each group of them on a fresh in-memory
Temporal dev server: billing's hook and the operator's retry/skip go through the HTTP API, fleet
workflows are started with Temporal's client. Each workflow is saved once it has finished or is
quiescent (waiting for its next event, as subscriber workflows are most of their life), in the JSON
form \`temporal workflow show --output json\` prints; \`tests/replay/history-json.ts\` reads and writes
it. The test replays each history under the workflow id its start event names.

${recordedLine()}

| File | Workflow | Scenario | Events | Ended | Size |
| --- | --- | --- | ---: | --- | ---: |
${rows.join('\n')}

## When to re-record

- **A deliberate change of workflow logic** that is allowed to break old histories: only when no
  workflow of the old shape can still be running (or you terminate/reset them). Re-record with
  \`npm run histories:record\` and commit the new files with the change.
- **Otherwise a failing replay is a bug in the change**, not in the histories: the new code would
  issue different commands than the running workflows recorded (an activity added, removed,
  reordered or renamed, a timer or an update handled differently). Keep the old path for running
  workflows behind \`patched('change-id')\` from \`@temporalio/workflow\` (later
  \`deprecatePatch\`), and add a new recording for the new path next to the old one.
- Adding a scenario: add it to the recorder and record it alone (\`npm run histories:record -- --only <scenario>\`
  writes its file and its row here, nothing else); keep each history under 300 KB.
`;
}

/** When the histories were recorded; a run with --only keeps the earlier line and adds its own. */
function recordedLine(): string {
  const line = `Last recorded: ${new Date().toISOString().slice(0, 10)}, Temporal TypeScript SDK ${sdkVersion()}.`;
  if (!only) return line;
  const file = path.join(HISTORIES_DIR, 'README.md');
  const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter((l) => /^(Last recorded|Phase)/.test(l)) : [];
  const kept = before.filter((l) => !l.startsWith(`Phase ${[...only].join(', ')} `));
  return [...kept, `Phase ${[...only].join(', ')} recorded ${new Date().toISOString().slice(0, 10)} (\`npm run histories:record -- --only ${[...only].join(',')}\`), Temporal TypeScript SDK ${sdkVersion()}.`].join('\n');
}

function sdkVersion(): string {
  return (JSON.parse(fs.readFileSync(require.resolve('@temporalio/workflow/package.json'), 'utf8')) as { version: string }).version;
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
