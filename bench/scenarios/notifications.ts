import { performance } from 'node:perf_hooks';
import { notificationsSchema } from '../../notifications/config';
import { deliverDirectly } from '../notifications/direct';
import { NotificationSimulators, ReceiverFigures, startNotificationSimulators } from '../notifications/simulators';
import { benchLogger } from '../support/logger';
import { cpuWindow, CpuUse, formatMiB, ProcessMemory, readProcessMemory, resetPeakRss } from '../support/proc';
import type { Scenario, ScenarioContext, ScenarioReport } from '../support/scenario';
import { perSecond } from '../support/stats';
import { benchConfig, benchDir, startBenchSubsync, startBenchTemporal } from '../support/subsync';
import type { ReportSection } from '../support/table';

/**
 * Issue 9: NotificationDispatcher from License Central (SOAP) to a Standard Webhooks receiver.
 *
 * 1. Throughput: subsync runs (polling every second); N changes are made in License Central and
 *    its poller, outbox and delivery loop bring them to the receiver (every one verified by the
 *    standardwebhooks library). Events/s from the first change made to the last one received.
 * 2. Backlog: the receiver is down for maintenance (503, Retry-After: 1) while B more changes are
 *    polled into the outbox; then it is back, and the time until all B arrived is measured.
 * 3. Reference: the same N + B deliveries by a direct loop (same connector, messages, signed
 *    sender and concurrency; no Temporal, no store, no retries), after subsync is stopped.
 *
 * License Central and the receiver run in a process of their own, so the bench process's memory
 * is the worker's (with the API and the Temporal client).
 */
export const notificationsScenario: Scenario = {
  name: 'notifications',
  description: 'License Central change feeds to a Standard Webhooks endpoint: events/s, and the drain of a backlog after the endpoint comes back',
  options: [
    { flag: 'events', env: 'BENCH_EVENTS', default: 20_000, description: 'changes (orders, licenses, activations) for the throughput phase' },
    { flag: 'backlog', env: 'BENCH_BACKLOG', default: 10_000, description: 'changes that pile up while the endpoint is down' },
    { flag: 'delivery-concurrency', env: 'BENCH_DELIVERY_CONCURRENCY', default: 32, description: 'requests in flight to the endpoint (both paths)' },
  ],
  run,
};

interface Phase {
  events: number;
  ms: number;
  cpu: CpuUse;
  bench?: ProcessMemory;
  temporal?: ProcessMemory;
}

async function run(ctx: ScenarioContext): Promise<ScenarioReport> {
  const events = ctx.option('events');
  const backlog = ctx.option('backlog');
  const concurrency = ctx.option('delivery-concurrency');
  const logger = benchLogger();
  const problems: string[] = [];

  ctx.progress('starting License Central and the webhook receiver in their own process');
  const sims = await startNotificationSimulators(ctx.resources);

  ctx.progress('starting the Temporal dev server and the subsync stack');
  const temporal = await startBenchTemporal(ctx.resources);
  const dir = benchDir(ctx.resources);
  const config = benchConfig({
    temporalAddress: temporal.server.address,
    dir,
    overrides: {
      platforms: { 'license-central': { url: sims.lcUrl, timeoutMs: 30_000, pageSize: 1000 } },
      policies: { activityTimeoutMs: 60_000 },
    },
  });
  config.notifications = notificationsSchema.parse({
    enabled: true,
    source: 'license-central',
    intervalSeconds: 1,
    pageSize: 1000,
    maxPagesPerPoll: 1,
    delivery: { batchSize: 1000, concurrency },
    endpoints: { bench: { type: 'webhook', url: `${sims.receiverUrl}/bench`, secrets: [sims.secret], maxSockets: concurrency } },
  });
  const pids = { bench: 'self' as const, temporal: temporal.server.process.pid!, simulators: sims.pid };
  resetPeakRss('self');
  resetPeakRss(temporal.server.process.pid!);
  const benchBefore = readProcessMemory('self');

  // 1. Throughput: the stack is up and polling an empty License Central; the clock starts before the changes are made.
  const { app, release } = await startBenchSubsync(config, logger, ctx.resources);
  const cpu1 = cpuWindow(pids);
  const started = performance.now();
  const generated = await sims.generate(events);
  ctx.progress(`License Central made ${generated.changes} changes in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  await waitForReceiver(sims, generated.changes, ctx, 'throughput');
  const throughput: Phase = { events: generated.changes, ms: performance.now() - started, cpu: cpu1.end(), bench: readProcessMemory('self'), temporal: readProcessMemory(temporal.server.process.pid!) };
  ctx.progress(`through subsync: ${generated.changes} events in ${(throughput.ms / 1000).toFixed(1)} s`);

  // 2. Backlog while the endpoint is down for maintenance, then its drain.
  resetPeakRss('self');
  await sims.setReceiverFault({ kind: 'maintenance', retryAfterSeconds: 1 });
  const more = await sims.generate(backlog);
  const total = more.changes;
  await eventuallyStored(app.store, total, ctx);
  const backMs = Date.now();
  const cpu2 = cpuWindow(pids);
  const drainStarted = performance.now();
  await sims.setReceiverFault(undefined);
  const after = await waitForReceiver(sims, total, ctx, 'backlog');
  const drain: Phase = { events: total - generated.changes, ms: performance.now() - drainStarted, cpu: cpu2.end(), bench: readProcessMemory('self'), temporal: readProcessMemory(temporal.server.process.pid!) };
  const firstAfterBackMs = await firstDeliveryAfter(app.store, backMs);
  ctx.progress(`backlog of ${drain.events} drained in ${(drain.ms / 1000).toFixed(1)} s`);
  const endpoint = (await app.service.listNotificationEndpoints())[0]!;
  if (endpoint.pending !== 0 || endpoint.failed !== 0) problems.push(`the endpoint still has ${endpoint.pending} pending and ${endpoint.failed} failed deliveries`);
  if (after.duplicates !== 0) problems.push(`the receiver got ${after.duplicates} duplicates`);
  if (after.refused !== 0) problems.push(`the receiver refused ${after.refused} signatures`);
  await release();
  await temporal.release();

  // 3. Reference: the same deliveries by a direct loop.
  await sims.resetReceiver();
  resetPeakRss('self');
  const cpu3 = cpuWindow(pids);
  const directStarted = performance.now();
  const direct = await deliverDirectly({ lcUrl: sims.lcUrl, receiverUrl: sims.receiverUrl, secret: sims.secret, pageSize: 1000, concurrency, logger });
  const reference: Phase = { events: direct.messages, ms: performance.now() - directStarted, cpu: cpu3.end(), bench: readProcessMemory('self') };
  const referenceReceived = await sims.receiver();
  if (direct.failed || referenceReceived.received !== total) problems.push(`direct loop: ${direct.failed} failed, ${referenceReceived.received} of ${total} received`);

  const rate = perSecond(throughput.events, throughput.ms);
  if (rate < 1000) problems.push(`throughput ${rate.toFixed(0)} events/s is under the 1,000 events/s target`);
  if (drain.ms > 30_000) problems.push(`the backlog of ${drain.events} took ${(drain.ms / 1000).toFixed(1)} s to drain, over the 30 s target`);

  const cpuMsPerEvent = (p: Phase, name: string) => ((p.cpu.processes[name] ?? NaN) * 1000) / p.events;
  const sections: ReportSection[] = [
    {
      title: 'Events from License Central to the webhook endpoint',
      headers: ['path', 'events', 'wall s', 'events/s', 'bench CPU ms/event', 'Temporal CPU ms/event', 'simulators CPU ms/event'],
      rows: [
        ['subsync (poller → outbox → delivery workflow)', throughput.events, throughput.ms / 1000, rate, cpuMsPerEvent(throughput, 'bench'), cpuMsPerEvent(throughput, 'temporal'), cpuMsPerEvent(throughput, 'simulators')],
        ['subsync, backlog drain after the endpoint is back', drain.events, drain.ms / 1000, perSecond(drain.events, drain.ms), cpuMsPerEvent(drain, 'bench'), cpuMsPerEvent(drain, 'temporal'), cpuMsPerEvent(drain, 'simulators')],
        ['direct loop (no Temporal, no store, no retries)', reference.events, reference.ms / 1000, perSecond(reference.events, reference.ms), cpuMsPerEvent(reference, 'bench'), 0, cpuMsPerEvent(reference, 'simulators')],
      ],
      notes: [
        `targets: ≥ 1,000 events/s through subsync; a backlog of ${backlog.toLocaleString('en')} drained ≤ 30 s after the endpoint is back`,
        `backlog: the endpoint answered 503 with Retry-After: 1 while ${drain.events} changes were polled into the outbox; first delivery ${firstAfterBackMs === undefined ? 'n/a' : `${(firstAfterBackMs / 1000).toFixed(1)} s`} after it was back`,
        `delivery: batches of 1000, ${concurrency} requests in flight; License Central pages of 1000; every request signed (HMAC-SHA256) and verified by the receiver with the standardwebhooks library`,
      ],
    },
    {
      title: 'Memory (RSS)',
      headers: ['process', 'before', 'after throughput', 'peak in throughput', 'peak in drain', 'peak in direct loop'],
      rows: [
        ['bench (worker, API, client)', formatMiB(benchBefore?.rssKb), formatMiB(throughput.bench?.rssKb), formatMiB(throughput.bench?.peakRssKb), formatMiB(drain.bench?.peakRssKb), formatMiB(reference.bench?.peakRssKb)],
        ['Temporal dev server', '', formatMiB(throughput.temporal?.rssKb), formatMiB(throughput.temporal?.peakRssKb), formatMiB(drain.temporal?.peakRssKb), ''],
      ],
    },
  ];
  return { sections, problems };
}

async function waitForReceiver(sims: NotificationSimulators, count: number, ctx: ScenarioContext, phase: string, timeoutMs = 600_000): Promise<ReceiverFigures> {
  const deadline = Date.now() + timeoutMs;
  let last = 0;
  for (;;) {
    ctx.signal.throwIfAborted();
    const r = await sims.receiver();
    if (r.received >= count) return r;
    if (Date.now() > deadline) throw new Error(`${phase}: ${r.received} of ${count} events received within ${timeoutMs / 1000} s`);
    if (r.received - last >= 5000) {
      last = r.received;
      ctx.progress(`${phase}: ${r.received} of ${count} received`);
    }
    await new Promise((res) => setTimeout(res, 100));
  }
}

async function eventuallyStored(store: { outbox: { backlog(): Promise<{ pending: number }[]> } }, total: number, ctx: ScenarioContext): Promise<void> {
  for (;;) {
    ctx.signal.throwIfAborted();
    const [b] = await store.outbox.backlog();
    const received = await receivedInStore(store);
    if (received >= total && (b?.pending ?? 0) > 0) return;
    await new Promise((res) => setTimeout(res, 250));
  }
}

async function receivedInStore(store: unknown): Promise<number> {
  const s = store as { orm: { em: { fork(): { getConnection(): { execute(sql: string, params: unknown[], method: string): Promise<{ n: number | string }[]> } } } } };
  const rows = await s.orm.em.fork().getConnection().execute('select count(*) as n from received_changes', [], 'all');
  return Number(rows[0]?.n ?? 0);
}

async function firstDeliveryAfter(store: unknown, sinceMs: number): Promise<number | undefined> {
  const s = store as { orm: { em: { fork(): { getConnection(): { execute(sql: string, params: unknown[], method: string): Promise<{ t: number | string | null }[]> } } } } };
  const rows = await s.orm.em.fork().getConnection().execute('select min(at) as t from delivery_attempts where outcome = ? and at >= ?', ['delivered', sinceMs], 'all');
  const t = rows[0]?.t;
  return t === null || t === undefined ? undefined : Number(t) - sinceMs;
}
