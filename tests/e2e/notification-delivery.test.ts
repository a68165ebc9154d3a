import fs from 'node:fs';
import path from 'node:path';
import { Webhook } from 'standardwebhooks';
import { licenseServerPort } from '../../connectors/licensing/port';
import type { FaultDecision } from '../../simulators/kit/faults';
import { changeIdOf } from '../../simulators/license-central/store';
import { changeFeedPollerWorkflowId } from '../../workflows/change-feed-poller';
import { outboxDeliveryWorkflowId } from '../../workflows/outbox-delivery';
import { runSubsync } from '../support/cli';
import { ITEMS, newWebhookSecret, NotificationTestStack, startNotificationStack } from '../support/notification-stack';
import { eventually } from '../support/stack';

/**
 * NotificationDispatcher end to end: License Central (SOAP), Standard Webhooks receivers, the
 * INFORMATICS SAP receiver (SOAP), a custom transmission module and an SMTP server, on real
 * sockets, with the worker on the real Temporal server. Every module in `all` detail, so each
 * change of each feed is one message `license-central:<change id>`.
 */
describe('NotificationDispatcher delivers every change once, whatever the endpoints do', () => {
  const NEW = newWebhookSecret();
  const OLD = newWebhookSecret();
  let stack: NotificationTestStack;
  let customFile: string;
  const since = new Date(Date.now() - 60_000).toISOString();

  beforeAll(async () => {
    customFile = path.join(fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'subsync-custom-')), 'notifications.jsonl');
    stack = await startNotificationStack({
      webhooks: {
        // Rotation: the endpoint signs with the new and the old secret; this receiver still knows only the old one.
        hooks: { secrets: [NEW, OLD], receiverSecrets: [OLD] },
        gone: {},
        picky: {},
      },
      notifications: {
        pageSize: 3,
        endpoints: {
          sap: { type: 'connector', platform: 'informatics-sap' },
          custom: { type: 'custom', module: path.resolve(__dirname, '../fixtures/custom-transmission.ts'), options: { file: customFile, failFirst: 1 } },
        },
        report: { enabled: true, period: 'day', timezone: 'UTC', recipients: ['licensing@example.com'] },
      },
    });
    stack.licenseCentral.seed({
      items: ITEMS,
      tickets: [
        { orderNumber: 'ERP-1', customer: { customerNumber: 'lanbilling:100' }, lines: [{ position: '1', firmCode: 6000010, productCode: 201, quantity: 3 }], activations: [{ position: '1', containerSerial: '130-1000001', count: 2 }] },
        { orderNumber: 'SHOP-7', lines: [{ position: '1', firmCode: 6000010, productCode: 202, quantity: 2 }] },
      ],
    });
  });
  afterAll(() => stack?.stop());

  const lc = () => stack.licenseCentral;
  const expectedIds = () => lc().state().changes.map((c) => `license-central:${changeIdOf(c.sequence)}`);
  const hooks = () => stack.receivers.hooks!;
  const server = () => stack.app.connectors.get(licenseServerPort, 'license-central');
  const ops = () => stack.app.service;

  it('polls every feed incrementally: a poll failing half-way and a change reported twice still give each change once', async () => {
    await eventually(() => hooks().state().received === expectedIds().length, 30_000);
    // The next License Central read of the licenses feed fails once, after earlier pages of the same poll were stored.
    let licenseReads = 0;
    const decide = lc().faults.decide.bind(lc().faults);
    lc().faults.decide = (operation: string): FaultDecision => {
      if (operation === 'GetLicenseChanges' && ++licenseReads === 2) return { action: 'status', status: 500, delayMs: 0 };
      return decide(operation);
    };
    await lc().lcFaults.add({ kind: 'duplicate_change', feed: 'licenses' });
    // Another channel: an order placed through the Sales interface, 7 licenses (3 pages of license changes).
    await server().order({ orderNumber: 'WEB-42', customer: { number: 'web:42' }, lines: [{ firmCode: 6000010, productCode: 202, quantity: 7 }] });
    await eventually(() => hooks().state().received === expectedIds().length, 30_000);
    lc().faults.decide = decide;

    expect(licenseReads).toBeGreaterThanOrEqual(3);
    const received = hooks().received();
    expect(new Set(received.map((r) => r.id))).toEqual(new Set(expectedIds()));
    expect(received.every((r) => r.deliveries === 1)).toBe(true);
    expect(hooks().state()).toMatchObject({ duplicates: 0, refused: 0 });
    // Each feed in source order; the cursor is the last sequence of each feed.
    const licenses = received.filter((r) => r.type.startsWith('license.')).map((r) => r.id);
    expect(licenses).toEqual(hooks().order().filter((id) => licenses.includes(id)));
    const lastLicense = Math.max(...lc().state().changes.filter((c) => c.feed === 'licenses').map((c) => c.sequence));
    expect(await stack.app.store.outbox.cursor('license-central', 'licenses')).toBe(String(lastLicense));
    const order = received.find((r) => r.data.orderNumber === 'WEB-42' && r.type === 'order.created')!;
    expect(order.data).toMatchObject({ customer: { number: 'web:42' }, lines: [{ firmCode: 6000010, productCode: 202, quantity: 7 }] });
  });

  it('signs with every secret of a rotation; the receiver verifies with the standardwebhooks library', async () => {
    const id = expectedIds()[0]!;
    const message = (await ops().getNotificationMessage(id))!;
    const payload = JSON.stringify({ type: message.type, timestamp: message.occurredAt, data: message.data });
    // The receiver (knowing only OLD) accepted everything; a receiver knowing only NEW accepts the same signatures.
    expect(hooks().state().refused).toBe(0);
    const { WebhookSigner } = await import('../../connectors/webhooks/sign');
    const headers = new WebhookSigner([NEW, OLD]).headers(id, new Date(), payload);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new Webhook(NEW).verify(payload, headers)).toEqual(JSON.parse(payload));
    expect(new Webhook(OLD).verify(payload, headers)).toEqual(JSON.parse(payload));
  });

  /** One sample of subsync's /metrics (0 when the series is absent). */
  const metric = async (series: string) => {
    const text = await (await fetch(`${stack.app.apiUrl}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line ? Number(line.slice(series.length + 1)) : 0;
  };
  const hooksDeliveries = (outcome: string) => metric(`subsync_webhook_deliveries_total{endpoint="hooks",outcome="${outcome}"}`);

  it('keeps what a receiver that is down misses, and delivers it with the same webhook-id once it is back', async () => {
    const [deliveredBefore, failedBefore] = [await hooksDeliveries('delivered'), await hooksDeliveries('failed')];
    await hooks().faults.add({ kind: 'down' });
    const before = expectedIds().length;
    const ticket = lc().state().tickets.find((t) => t.orderNumber === 'SHOP-7')!.ticket;
    lc().portal.activate({ ticket, containerSerial: '130-2000002' });
    const missed = expectedIds().slice(before);
    expect(missed.length).toBeGreaterThan(0);
    // The endpoint backs off; the message waits with its failed attempts.
    await eventually(async () => (await ops().getNotificationMessage(missed[0]!))?.attempts.filter((a) => a.endpoint === 'hooks' && a.outcome === 'unavailable').length! >= 2, 30_000);
    const endpoint = (await ops().listNotificationEndpoints()).find((e) => e.name === 'hooks')!;
    expect(endpoint).toMatchObject({ enabled: true });
    expect(endpoint.failingSince).toBeDefined();
    expect(endpoint.pending).toBeGreaterThanOrEqual(missed.length);
    // Operators see it in the metrics too: the failed attempts, and the backlog gauge (read from the outbox at the scrape).
    expect((await hooksDeliveries('failed')) - failedBefore).toBeGreaterThanOrEqual(2);
    expect(await metric('subsync_webhook_backlog{endpoint="hooks"}')).toBeGreaterThanOrEqual(missed.length);

    // Back, but its first answer is lost after it took the message: the retry comes with the same id.
    hooks().setReceiverFault({ kind: 'fail_after_receive', status: 502, times: 1 });
    await hooks().faults.clear();
    await eventually(() => missed.every((id) => hooks().received().some((r) => r.id === id)), 30_000);
    await eventually(async () => (await ops().listNotificationEndpoints()).find((e) => e.name === 'hooks')!.pending === 0, 30_000);
    const first = (await ops().getNotificationMessage(missed[0]!))!;
    const attempts = first.attempts.filter((a) => a.endpoint === 'hooks');
    expect(attempts.map((a) => a.outcome)).toEqual([...attempts.slice(0, -1).map(() => expect.stringMatching(/unavailable/)), 'delivered']);
    expect(attempts.map((a) => a.attempt)).toEqual(attempts.map((_, i) => i + 1));
    // The attempt answered 502 arrived too: the receiver saw one id twice, with two webhook-timestamps.
    const twice = hooks().received().find((r) => r.deliveries === 2)!;
    expect(missed).toContain(twice.id);
    expect(new Set(twice.attemptTimestamps).size).toBe(2);
    expect(hooks().state().refused).toBe(0);
    expect((await hooksDeliveries('delivered')) - deliveredBefore).toBeGreaterThanOrEqual(missed.length);
    expect(await metric('subsync_webhook_backlog{endpoint="hooks"}')).toBe(0);
  });

  it('disables an endpoint that answers 410 Gone, tells the operator, and delivers once enabled again', async () => {
    const gone = stack.receivers.gone!;
    await eventually(async () => (await ops().listNotificationEndpoints()).find((e) => e.name === 'gone')!.pending === 0, 30_000);
    await gone.faults.add({ kind: 'status', status: 410 });
    await server().order({ orderNumber: 'ERP-2', lines: [{ firmCode: 6000010, productCode: 201, quantity: 1 }] });
    const view = await eventually(async () => {
      const e = (await ops().listNotificationEndpoints()).find((x) => x.name === 'gone')!;
      return !e.enabled && e;
    }, 30_000);
    expect(view.disabledReason).toMatch(/410/);
    const alert = (await stack.mail.waitFor(1)).find((m) => /gone disabled/.test(m.subject))!;
    expect(alert.to).toEqual(['operators@example.com']);
    expect(alert.text).toMatch(/subsync notifications endpoint enable gone/);
    // Nothing is lost while it is disabled: its messages wait.
    expect(view.pending).toBeGreaterThan(0);
    const waiting = (await ops().listNotificationDeliveries({ status: 'pending', endpoint: 'gone' })).map((d) => d.messageId);

    await gone.faults.clear();
    const cli = await runSubsync(stack.app.apiUrl, ['notifications', 'endpoint', 'enable', 'gone', '--note', 'receiver fixed']);
    expect(cli).toMatchObject({ code: 0 });
    expect(cli.stdout).toMatch(/^gone: enabled/);
    // Who did it, and why, is in the audit trail under the credential the CLI used.
    expect((await stack.app.store.auditTrail('@notification-endpoint:gone'))[0]).toMatchObject({ action: 'notifications.enable', detail: { note: 'receiver fixed' }, actor: expect.stringMatching(/^test-stack \(/) });
    await eventually(() => waiting.every((id) => gone.received().some((r) => r.id === id)), 30_000);
    expect((await ops().listNotificationEndpoints()).find((e) => e.name === 'gone')).toMatchObject({ enabled: true, pending: 0 });
  });

  it('gives up on a message its endpoint keeps refusing, then recovers the endpoint since a date and resends one message', async () => {
    const picky = stack.receivers.picky!;
    await eventually(async () => (await ops().listNotificationEndpoints()).find((e) => e.name === 'picky')!.pending === 0, 30_000);
    await picky.faults.add({ kind: 'status', status: 422 });
    await server().order({ orderNumber: 'ERP-3', lines: [{ firmCode: 6000010, productCode: 202, quantity: 2 }] });
    const newIds = () => lc().state().changes.filter((c) => (c as { orderNumber?: string; license?: { orderNumber: string } }).orderNumber === 'ERP-3' || (c as { license?: { orderNumber: string } }).license?.orderNumber === 'ERP-3').map((c) => `license-central:${changeIdOf(c.sequence)}`);
    // The schedule (0, 1, 1, 2, 2 s here) runs out: the messages fail.
    const failures = await eventually(async () => {
      const run = await runSubsync(stack.app.apiUrl, ['notifications', 'failures', '--endpoint', 'picky', '--json']);
      const list = JSON.parse(run.stdout || '[]') as { messageId: string; attempts: number; lastStatus: number }[];
      return list.length === newIds().length && list;
    }, 40_000);
    expect(new Set(failures.map((f) => f.messageId))).toEqual(new Set(newIds()));
    expect(failures.every((f) => f.attempts === 5 && f.lastStatus === 422)).toBe(true);
    expect(picky.received().some((r) => newIds().includes(r.id))).toBe(false);
    // The other endpoints are not held up by picky's refusals.
    await eventually(() => newIds().every((id) => hooks().received().some((r) => r.id === id)), 30_000);

    await picky.faults.clear();
    const recover = await runSubsync(stack.app.apiUrl, ['notifications', 'recover', 'picky', '--since', since]);
    expect(recover).toMatchObject({ code: 0 });
    expect(recover.stdout).toMatch(new RegExp(`^${newIds().length} failed messages of picky`));
    expect((await stack.app.store.auditTrail('@notification-endpoint:picky'))[0]).toMatchObject({ action: 'notifications.recover', detail: { recovered: newIds().length }, actor: expect.stringMatching(/^test-stack \(/) });
    await eventually(() => newIds().every((id) => picky.received().some((r) => r.id === id)), 30_000);

    const again = newIds()[0]!;
    expect(await ops().resendNotification(again, 'hooks')).toEqual({ messageId: again, endpoints: ['hooks'] });
    await eventually(() => hooks().received().find((r) => r.id === again)?.deliveries === 2, 30_000);
  });

  it('transmits to the INFORMATICS SAP module, once per message id', async () => {
    await eventually(() => stack.sap.state().received.length === expectedIds().length, 30_000);
    const sap = stack.sap.state();
    expect(new Set(sap.received.map((r) => r.messageId))).toEqual(new Set(expectedIds()));
    const activation = sap.received.find((r) => r.type === 'activation.activated')!;
    expect(activation).toMatchObject({ feed: 'activations', containerSerial: expect.stringMatching(/^130-/), status: 'activated' });
    expect(sap.received.every((r) => r.deliveries === 1)).toBe(true);
  });

  it('hands every message to the custom transmission module, retrying it like any endpoint', async () => {
    await eventually(() => fs.existsSync(customFile) && fs.readFileSync(customFile, 'utf8').trim().split('\n').length === expectedIds().length, 30_000);
    const lines = fs.readFileSync(customFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { messageId: string; attempt: number });
    expect(new Set(lines.map((l) => l.messageId))).toEqual(new Set(expectedIds()));
    // Its first call failed (failFirst): that message went again as attempt 2.
    expect(lines.filter((l) => l.attempt === 2)).toHaveLength(1);
    const retried = (await ops().getNotificationMessage(lines.find((l) => l.attempt === 2)!.messageId))!.attempts.filter((a) => a.endpoint === 'custom');
    expect(retried.map((a) => a.outcome)).toEqual(['unavailable', 'delivered']);
    expect(retried[0]!.error).toMatch(/file share is not mounted/);
  });

  it('mails the periodic report, counted from what License Central reported, with text and HTML parts', async () => {
    const mailsBefore = stack.mail.messages().length;
    // The report of the (UTC) day the first change happened on, made at the start of the next day.
    const first = new Date(lc().state().changes[0]!.time);
    const dayStart = Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), first.getUTCDate());
    const summary = await stack.app.client.workflow.execute('notificationReportWorkflow', {
      workflowId: `notification-report-test-${Date.now()}`,
      taskQueue: stack.app.config.temporal.taskQueue,
      args: [{ at: new Date(dayStart + 86_400_000 + 7 * 3_600_000).toISOString() }],
    });
    const changes = lc().state().changes.filter((c) => Date.parse(c.time) >= dayStart && Date.parse(c.time) < dayStart + 86_400_000);
    const newLicenses = changes.filter((c) => c.feed === 'licenses' && c.type === 'LicenseCreated').length;
    const activationChanges = changes.flatMap((c) => (c.feed === 'activations' ? [c] : []));
    const activations = activationChanges.filter((c) => c.type === 'Activated').length;
    const transactions = new Set(activationChanges.map((c) => `${c.ticket}|${c.containerSerial}|${c.type}|${c.time}`)).size;
    const newOrders = changes.filter((c) => c.feed === 'orders' && c.type === 'OrderCreated').length;
    expect(newLicenses).toBeGreaterThan(0);
    expect(summary).toMatchObject({ recipients: ['licensing@example.com'], figures: { newLicenses, activations, newOrders, licenseTransactions: transactions } });
    const [mail] = (await stack.mail.waitFor(mailsBefore + 1)).slice(mailsBefore);
    expect(mail!.to).toEqual(['licensing@example.com']);
    expect(mail!.subject).toContain(`${newLicenses} new licenses, ${transactions} license transactions, ${activations} activations`);
    expect(mail!.text).toMatch(new RegExp(`New licenses\\s+${newLicenses}\\n`));
    expect(mail!.html).toContain('<table');
    expect(mail!.html).toMatch(new RegExp(`License transactions</th><td[^>]*>${transactions}</td>`));
    // The Schedule exists and runs the same workflow.
    const schedule = await stack.app.client.schedule.getHandle('notification-report:license-central').describe();
    expect(schedule.spec.calendars?.[0]).toMatchObject({ hour: [{ start: 7, end: 7, step: 1 }] });
    await stack.app.client.schedule.getHandle('notification-report:license-central').trigger();
    await stack.mail.waitFor(mailsBefore + 2);
  });

  it('shows each poll and delivery batch in Temporal, and backlog and failures in health', async () => {
    const poller = await stack.app.client.workflow.getHandle(changeFeedPollerWorkflowId('license-central')).fetchHistory();
    const summaries = poller.events!.map((e) => e.userMetadata?.summary?.data && Buffer.from(e.userMetadata.summary.data).toString()).filter(Boolean);
    expect(summaries.some((s) => /poll licenses of license-central/.test(s!))).toBe(true);
    const delivery = await stack.app.client.workflow.getHandle(outboxDeliveryWorkflowId('hooks')).fetchHistory();
    expect(delivery.events!.some((e) => e.userMetadata?.summary?.data && /deliver due messages to hooks/.test(Buffer.from(e.userMetadata.summary.data).toString()))).toBe(true);

    const health = await runSubsync(stack.app.apiUrl, ['health', '--json']);
    const report = JSON.parse(health.stdout) as { notifications: { pending: number; failed: number; endpoints: { name: string; pending: number; failed: number }[] } };
    expect(report.notifications.endpoints.map((e) => e.name).sort()).toEqual(['custom', 'gone', 'hooks', 'picky', 'sap']);
    expect(report.notifications.failed).toBe(0);
    // Wrong input is named; an unknown endpoint is not found.
    const unknown = await runSubsync(stack.app.apiUrl, ['notifications', 'recover', 'nowhere', '--since', '2026-12-01']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no notification endpoint "nowhere" is configured; configured: hooks, gone, picky, sap, custom/);
    const badDate = await runSubsync(stack.app.apiUrl, ['notifications', 'recover', 'hooks', '--since', 'yesterday']);
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toMatch(/expected a date or time/);
    const badStatus = await fetch(`${stack.app.apiUrl}/v1/notifications/deliveries?status=lost`, { headers: { authorization: `Bearer ${process.env.SUBSYNC_API_KEY}` } });
    expect(badStatus.status).toBe(400);
    expect(((await badStatus.json()) as { issues: { path: string }[] }).issues[0]!.path).toBe('status');
    const listed = await runSubsync(stack.app.apiUrl, ['notifications', 'endpoints']);
    expect(listed.stdout).toMatch(/^ENDPOINT\s+TYPE\s+STATE/);
    expect(listed.stdout).toMatch(/\nhooks\s+webhook\s+enabled/);
  });
});
