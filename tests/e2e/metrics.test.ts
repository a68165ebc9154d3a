import fs from 'node:fs';
import path from 'node:path';
import { EventConflictError, InvalidEventError } from '../../api/operations';
import { startSubsync } from '../../runtime/app';
import { createLogger } from '../../runtime/logger';
import { InboxRedelivery } from '../../runtime/inbox-redelivery';
import { billingWatcherWorkflowId } from '../../workflows/billing-watcher';
import { IntercomWorld } from '../support/intercom-world';
import { eventually, startTestStack, TestStack } from '../support/stack';

/** One sample of the Prometheus text format: `name{label="value",...} 12`. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function parse(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)/.exec(line);
    if (!m) throw new Error(`not a Prometheus sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, k, v] of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[k] = v;
    samples.push({ name: m[1], labels, value: Number(m[3]) });
  }
  return samples;
}

/** The sum of every series of `name` whose labels include `labels` (0 when there is none). */
function sum(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((total, s) => total + s.value, 0);
}

/**
 * An end-to-end run through the whole stack, then a scrape of the API's /metrics as Prometheus
 * does it: the counts must be exactly what the run did, and no label may name a subscriber.
 */
describe('metrics: /metrics after an end-to-end run', () => {
  let stack: TestStack;
  let w: IntercomWorld;
  const scrape = async () => {
    const res = await fetch(stack.app.metricsUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text();
  };

  beforeAll(async () => {
    // The inbox redelivery pass is run by hand below, so it must not run on its own.
    stack = await startTestStack({ api: { redeliverEveryMs: 600_000 } }, { onlyStackConnectors: true });
    w = new IntercomWorld(stack);
  });
  afterAll(() => stack?.stop());

  it('counts events, commands, platform calls, retries, parked commands and the inbox backlog', async () => {
    expect(stack.app.metricsUrl).toBe(`${stack.app.apiUrl}/metrics`);

    // A subscriber onboarded: one create event, applied.
    const a = await w.onboard('79200000001');
    // The same event again is a duplicate; the same id with another body a conflict.
    const syncA = { id: 'metrics-sync-a', billing: 'lanbilling', account: a.account, type: 'sync' };
    expect((await w.api.submitEvent(syncA)).outcome).toBe('accepted');
    expect((await w.api.submitEvent(syncA)).outcome).toBe('duplicate');
    await expect(w.api.submitEvent({ ...syncA, type: 'activate' })).rejects.toBeInstanceOf(EventConflictError);

    // Invalid events: refused by the HTTP schema (known type, unknown type) and by the dispatcher (unknown billing).
    await expect(w.api.submitEvent({ id: 'bad-1', billing: 'lanbilling', account: a.account, type: 'block', reason: 'bogus' })).rejects.toBeInstanceOf(InvalidEventError);
    await expect(w.api.submitEvent({ id: 'bad-2', billing: 'lanbilling', account: a.account, type: 'explode' })).rejects.toBeInstanceOf(InvalidEventError);
    await expect(w.api.submitEvent({ id: 'bad-3', billing: 'nowhere', account: a.account, type: 'create' })).rejects.toBeInstanceOf(InvalidEventError);

    // Four 503s on the platform write: the command's three quick local attempts fail, the regular
    // activity that takes over fails once more, then the block lands: four transient calls, three retries.
    await stack.intercom.faults.add({ kind: 'status', status: 503, operation: 'setCapabilities', times: 4 });
    await w.lb.block(a.account);
    expect((await w.send(a.account, 'block', { reason: 'manager' })).status).toBe('applied');
    await stack.intercom.faults.clear();

    // An account without a login parks; the parked gauge shows it until an operator skips it.
    const { agrmid } = await w.lb.createCustomer('Без логина', 100);
    const b = await w.lb.createAccount(agrmid, undefined, 'кв. 9');
    expect((await w.send(b, 'create')).status).toBe('parked');
    await eventually(async () => sum(parse(await scrape()), 'subsync_parked_subscribers') === 1);
    await w.api.resolveParked('lanbilling', b, { action: 'skip', by: 'test' });
    await eventually(async () => sum(parse(await scrape()), 'subsync_parked_subscribers') === 0);

    const text = await scrape();
    const m = parse(text);
    const events = (labels: Record<string, string>) => sum(m, 'subsync_events_total', { billing: 'lanbilling', ...labels });
    expect(events({ type: 'create', outcome: 'accepted' })).toBe(2);
    expect(events({ type: 'sync', outcome: 'accepted' })).toBe(1);
    expect(events({ type: 'sync', outcome: 'duplicate' })).toBe(1);
    expect(events({ type: 'activate', outcome: 'conflict' })).toBe(1);
    expect(events({ type: 'block', outcome: 'accepted' })).toBe(1);
    expect(events({ type: 'block', outcome: 'rejected' })).toBe(1);
    expect(events({ type: 'unknown', outcome: 'rejected' })).toBe(1);
    expect(sum(m, 'subsync_events_total', { billing: 'unknown', type: 'create', outcome: 'rejected' })).toBe(1);
    expect(sum(m, 'subsync_events_total')).toBe(9);

    const commands = (labels: Record<string, string>) => sum(m, 'subsync_commands_total', { billing: 'lanbilling', ...labels });
    expect(commands({ outcome: 'applied', command: 'create' })).toBe(1);
    expect(commands({ outcome: 'applied', command: 'sync' })).toBe(1);
    expect(commands({ outcome: 'applied', command: 'block' })).toBe(1);
    expect(commands({ outcome: 'parked', reason: 'MissingLogin' })).toBe(1);
    expect(commands({ outcome: 'skipped' })).toBe(1);
    // The monthly charge the create started is a command of its own.
    expect(commands({ outcome: 'applied', command: 'charge' })).toBe(1);
    expect(sum(m, 'subsync_commands_total')).toBe(6);

    // Platform calls: subsync is the only caller of the intercom platform in this test.
    const writes = { connector: 'intercom', operation: 'setCapabilities' };
    expect(sum(m, 'subsync_platform_calls_total', { ...writes, outcome: 'transient' })).toBe(4);
    expect(sum(m, 'subsync_platform_calls_total', { ...writes, outcome: 'ok' })).toBe(1);
    expect(sum(m, 'subsync_platform_call_duration_seconds_count', { ...writes, outcome: 'transient' })).toBe(4);
    const intercomRequests = w.platformRequests().length;
    expect(sum(m, 'subsync_platform_calls_total', { connector: 'intercom' })).toBe(intercomRequests);
    expect(sum(m, 'subsync_platform_calls_total', { connector: 'lanbilling', outcome: 'ok' })).toBeGreaterThan(0);

    expect(sum(m, 'subsync_activity_retries_total', { activity: 'applyCommand' })).toBe(3);
    expect(sum(m, 'subsync_activity_failures_total', { activity: 'applyCommand', failure: 'Transient', retryable: 'true' })).toBe(4);
    expect(sum(m, 'subsync_activity_failures_total', { failure: 'MissingLogin', retryable: 'false' })).toBe(1);

    expect(sum(m, 'subsync_inbox_backlog')).toBe(0);

    // The Temporal SDK's own metrics are on the same page.
    expect(sum(m, 'subsync_metrics_source_up', { source: 'temporal' })).toBe(1);
    expect(m.some((s) => s.name.startsWith('temporal_'))).toBe(true);
    // Temporal's own counts agree with ours: three quick local attempts and the parked create, then one regular attempt.
    expect(sum(m, 'temporal_local_activity_execution_failed_total', { activity_type: 'applyCommand' })).toBe(4);
    expect(sum(m, 'temporal_activity_execution_failed_total', { activity_type: 'applyCommand' })).toBe(1);
    expect(sum(m, 'subsync_activity_failures_total', { activity: 'applyCommand' })).toBe(5);

    // Bounded cardinality: no label names a subscriber, an account or a login.
    const allowed = new Set(['billing', 'type', 'outcome', 'command', 'service', 'reason', 'connector', 'operation', 'activity', 'failure', 'retryable', 'mode', 'endpoint', 'gauge', 'source', 'le']);
    const ours = m.filter((s) => s.name.startsWith('subsync_'));
    expect([...new Set(ours.flatMap((s) => Object.keys(s.labels)))].filter((k) => !allowed.has(k))).toEqual([]);
    const values = ours.flatMap(({ labels: { le: _bucket, ...labels } }) => Object.values(labels));
    for (const id of [a.account, b, '79200000001', `lanbilling:${a.account}`, `subscriber:lanbilling:${b}`]) expect(values).not.toContain(id);

    // The dashboard and the alert rules in deploy/ query only metrics this process exports.
    const families = new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((t) => t[1]));
    const exported = (name: string) => families.has(name) || families.has(name.replace(/_(bucket|sum|count)$/, ''));
    const deploy = ['grafana/subsync.json', 'prometheus/alerts.yml'].map((f) => fs.readFileSync(path.join(__dirname, '../../deploy', f), 'utf8')).join('\n');
    const used = [...new Set([...deploy.matchAll(/\b(?:subsync|temporal|process|nodejs)_[a-z0-9_]+/g)].map((u) => u[0]))];
    expect(used.length).toBeGreaterThan(20);
    expect(used.filter((name) => !exported(name))).toEqual([]);
  });

  it('shows events waiting in the inbox as the backlog until they are delivered', async () => {
    const a = await w.onboard('79200000002');
    // An older event of the subscriber still waits in the inbox: the next one queues behind it.
    await stack.app.store.recordInbox({ id: 'metrics-waiting', subscriberId: `lanbilling:${a.account}`, type: 'sync', payload: { id: 'metrics-waiting', billing: 'lanbilling', account: a.account, type: 'sync' } });
    await new Promise((r) => setTimeout(r, 20));
    const behind = await w.api.submitEvent({ id: 'metrics-behind', billing: 'lanbilling', account: a.account, type: 'sync' });
    expect(behind.delivery).toBe('pending');

    let m = parse(await scrape());
    expect(sum(m, 'subsync_inbox_backlog')).toBe(2);
    expect(sum(m, 'subsync_inbox_oldest_age_seconds')).toBeGreaterThan(0);
    expect(sum(m, 'subsync_events_deferred_total', { billing: 'lanbilling', type: 'sync' })).toBe(1);

    const redelivery = new InboxRedelivery({ store: stack.app.store, dispatcher: stack.app.dispatcher, logger: createLogger({ level: 'silent' }), intervalMs: 600_000 });
    expect(await redelivery.runOnce()).toBe(2);
    m = parse(await scrape());
    expect(sum(m, 'subsync_inbox_backlog')).toBe(0);
    expect(sum(m, 'subsync_inbox_oldest_age_seconds')).toBe(0);
  });

  it('times the billing watcher and counts the changes it finds', async () => {
    const accounts = stack.lanbilling.state().vgroups.length;
    await stack.app.client.workflow.start('billingWatcherWorkflow', {
      workflowId: billingWatcherWorkflowId('lanbilling'),
      taskQueue: stack.app.config.temporal.taskQueue,
      args: [{ billing: 'lanbilling', intervalSeconds: 3600 }],
    });
    const m = await eventually(async () => {
      const samples = parse(await scrape());
      return sum(samples, 'subsync_watcher_cycle_duration_seconds_count', { billing: 'lanbilling' }) === 1 && samples;
    });
    expect(sum(m, 'subsync_watcher_accounts', { billing: 'lanbilling' })).toBe(accounts);
    // The first poll has no snapshot yet: every account billing lists is a change.
    expect(sum(m, 'subsync_watcher_changes_total', { billing: 'lanbilling' })).toBe(accounts);
    expect(sum(m, 'subsync_watcher_last_cycle_timestamp_seconds', { billing: 'lanbilling' })).toBeGreaterThan(Date.now() / 1000 - 60);
  });

  it('serves /metrics on its own port in a process without the HTTP API (SUBSYNC_ROLE=worker)', async () => {
    const config = { ...stack.app.config, metrics: { port: 0, host: '127.0.0.1' } };
    const workerOnly = await startSubsync(config, { logger: createLogger({ level: 'info' }), api: false, worker: false, watchers: false, schedules: false });
    try {
      expect(workerOnly.apiUrl).toBe('');
      expect(workerOnly.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      expect(workerOnly.metricsUrl).not.toBe(stack.app.metricsUrl);
      const res = await fetch(workerOnly.metricsUrl);
      const m = parse(await res.text());
      // The same process-wide registry: what this test file's stack counted shows here too.
      expect(sum(m, 'subsync_events_total', { billing: 'lanbilling', type: 'create', outcome: 'accepted' })).toBeGreaterThanOrEqual(2);
      expect(m.some((s) => s.name.startsWith('temporal_'))).toBe(true);
    } finally {
      await workerOnly.stop();
    }
    await expect(fetch(workerOnly.metricsUrl)).rejects.toThrow();
  });
});
