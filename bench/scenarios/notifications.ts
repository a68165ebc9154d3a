import { performance } from 'node:perf_hooks';
import type { Client } from '@temporalio/client';
import { defaultConfig } from '../../config/defaults';
import { startSubsync } from '../../runtime/app';
import { startPostgres } from '../../tests/support/postgres';
import { changeFeedPollerWorkflowId } from '../../workflows/change-feed-poller';
import { deliverDirectly } from '../notifications/direct';
import { NotificationSimulators, ReceiverFigures, startNotificationSimulators } from '../notifications/simulators';
import { benchLogger } from '../support/logger';
import { cpuWindow, CpuUse, formatMiB, ProcessMemory, readProcessMemory, resetPeakRss } from '../support/proc';
import type { Scenario, ScenarioContext, ScenarioReport } from '../support/scenario';
import { perSecond } from '../support/stats';
import { benchDir, startBenchTemporal } from '../support/subsync';
import type { ReportSection } from '../support/table';
import { WORKER_PEAK_TARGET_MIB, workerPeakRow } from '../worker/peak-target';
import { MEMORY_BREAKDOWN_HEADERS, MemoryReport, memoryBreakdownRow, splitRoleConfig, startWorkerProcess, workflowBundleNote, writeWorkerConfig } from '../worker/process';

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
 * The worker runs in a process of its own, started as production starts it (`SUBSYNC_ROLE=worker`
 * main.ts on a config file, PostgreSQL as the store): it starts the poller and the delivery loop,
 * and its peak RSS per phase is judged against issue 11 target 3 (≤ 400 MiB). The API and the
 * Temporal client stay in the bench process; License Central and the receiver run in a third.
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
  worker?: ProcessMemory;
  /** The worker's own view of its memory at the phase's end (after a full GC). */
  workerAfter?: MemoryReport;
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

  ctx.progress('starting PostgreSQL (split roles share it), the Temporal dev server and the API in the bench process');
  const pg = await startPostgres();
  ctx.resources.add('PostgreSQL', () => pg.stop());
  const temporal = await startBenchTemporal(ctx.resources);
  const dir = benchDir(ctx.resources);
  // The worker reads this file as production reads its config (SUBSYNC_CONFIG); the API in the bench process the same.
  const { file: configFile, config } = writeWorkerConfig(dir, {
    ...splitRoleConfig({ temporalAddress: temporal.server.address, queuePrefix: 'bench-notifications', storeUrl: pg.url }),
    platforms: { 'license-central': { ...defaultConfig.platforms['license-central'], url: sims.lcUrl, timeoutMs: 30_000, pageSize: 1000 } },
    policies: { activityTimeoutMs: 60_000 },
    notifications: {
      enabled: true,
      source: 'license-central',
      intervalSeconds: 1,
      pageSize: 1000,
      maxPagesPerPoll: 1,
      delivery: { batchSize: 1000, concurrency },
      endpoints: { bench: { type: 'webhook', url: `${sims.receiverUrl}/bench`, secrets: [sims.secret], maxSockets: concurrency } },
    },
  });
  // The API first (search attributes, migrations); it leaves the poller and the delivery loop to the worker, as a split API does.
  const app = await startSubsync(config, { logger, worker: false, watchers: false, schedules: false, notifications: false });
  const releaseApi = ctx.resources.add('subsync API', () => app.stop());
  ctx.progress('starting the subsync worker process (SUBSYNC_ROLE=worker main.ts)');
  const worker = await startWorkerProcess(ctx.resources, { dir, configFile, config, client: app.client });
  await pollerRunning(app.client, changeFeedPollerWorkflowId(config.notifications.source));
  ctx.progress(`worker process ${worker.pid} polling after ${(worker.startToPollingMs / 1000).toFixed(1)} s, its change-feed poller running`);
  const pids = { worker: worker.pid, bench: 'self' as const, temporal: temporal.server.process.pid!, simulators: sims.pid };
  const workerIdle = await worker.memory();
  const benchBefore = readProcessMemory('self');
  let peaksReset = [worker.resetPeak(), resetPeakRss('self'), resetPeakRss(temporal.server.process.pid!)].every(Boolean);

  // 1. Throughput: the stack is up and polling an empty License Central; the clock starts before the changes are made.
  const cpu1 = cpuWindow(pids);
  const started = performance.now();
  const generated = await sims.generate(events);
  ctx.progress(`License Central made ${generated.changes} changes in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  await waitForReceiver(sims, generated.changes, ctx, 'throughput');
  const throughput: Phase = { events: generated.changes, ms: performance.now() - started, cpu: cpu1.end(), worker: readProcessMemory(worker.pid), bench: readProcessMemory('self'), temporal: readProcessMemory(temporal.server.process.pid!) };
  throughput.workerAfter = await worker.memory();
  ctx.progress(`through subsync: ${generated.changes} events in ${(throughput.ms / 1000).toFixed(1)} s; worker peak ${formatMiB(throughput.worker?.peakRssKb)}`);

  // 2. Backlog while the endpoint is down for maintenance, then its drain (the peak covers both).
  peaksReset = [worker.resetPeak(), resetPeakRss('self'), resetPeakRss(temporal.server.process.pid!)].every(Boolean) && peaksReset;
  await sims.setReceiverFault({ kind: 'maintenance', retryAfterSeconds: 1 });
  const more = await sims.generate(backlog);
  const total = more.changes;
  await eventuallyStored(app.store, total, ctx);
  const backMs = Date.now();
  const cpu2 = cpuWindow(pids);
  const drainStarted = performance.now();
  await sims.setReceiverFault(undefined);
  const after = await waitForReceiver(sims, total, ctx, 'backlog');
  const drain: Phase = { events: total - generated.changes, ms: performance.now() - drainStarted, cpu: cpu2.end(), worker: readProcessMemory(worker.pid), bench: readProcessMemory('self'), temporal: readProcessMemory(temporal.server.process.pid!) };
  const firstAfterBackMs = await firstDeliveryAfter(app.store, backMs);
  ctx.progress(`backlog of ${drain.events} drained in ${(drain.ms / 1000).toFixed(1)} s; worker peak ${formatMiB(drain.worker?.peakRssKb)}`);
  // The receiver can hold the last batch before the worker process has recorded its outcomes in the store.
  const endpoint = await settledEndpoint(() => app.service.listNotificationEndpoints().then((e) => e[0]!));
  if (endpoint.pending !== 0 || endpoint.failed !== 0) problems.push(`the endpoint still has ${endpoint.pending} pending and ${endpoint.failed} failed deliveries`);
  if (after.duplicates !== 0) problems.push(`the receiver got ${after.duplicates} duplicates`);
  if (after.refused !== 0) problems.push(`the receiver refused ${after.refused} signatures`);
  drain.workerAfter = await worker.memory();
  await worker.stop();
  await releaseApi();
  await temporal.release();

  // 3. Reference: the same deliveries by a direct loop.
  await sims.resetReceiver();
  peaksReset = resetPeakRss('self') && peaksReset;
  const cpu3 = cpuWindow({ bench: 'self', simulators: sims.pid });
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
      headers: ['path', 'events', 'wall s', 'events/s', 'worker CPU ms/event', 'bench CPU ms/event', 'Temporal CPU ms/event', 'simulators CPU ms/event'],
      rows: [
        ['subsync (poller → outbox → delivery workflow)', throughput.events, throughput.ms / 1000, rate, cpuMsPerEvent(throughput, 'worker'), cpuMsPerEvent(throughput, 'bench'), cpuMsPerEvent(throughput, 'temporal'), cpuMsPerEvent(throughput, 'simulators')],
        ['subsync, backlog drain after the endpoint is back', drain.events, drain.ms / 1000, perSecond(drain.events, drain.ms), cpuMsPerEvent(drain, 'worker'), cpuMsPerEvent(drain, 'bench'), cpuMsPerEvent(drain, 'temporal'), cpuMsPerEvent(drain, 'simulators')],
        ['direct loop (no Temporal, no store, no retries)', reference.events, reference.ms / 1000, perSecond(reference.events, reference.ms), '', cpuMsPerEvent(reference, 'bench'), 0, cpuMsPerEvent(reference, 'simulators')],
      ],
      notes: [
        `targets: ≥ 1,000 events/s through subsync; a backlog of ${backlog.toLocaleString('en')} drained ≤ 30 s after the endpoint is back`,
        `backlog: the endpoint answered 503 with Retry-After: 1 while ${drain.events} changes were polled into the outbox; first delivery ${firstAfterBackMs === undefined ? 'n/a' : `${(firstAfterBackMs / 1000).toFixed(1)} s`} after it was back`,
        `delivery: batches of 1000, ${concurrency} requests in flight; License Central pages of 1000; every request signed (HMAC-SHA256) and verified by the receiver with the standardwebhooks library`,
        'worker: the subsync worker process (SUBSYNC_ROLE=worker main.ts); bench: the API, the Temporal client and the bench (for the direct loop, the loop itself).',
      ],
    },
    {
      title: 'Issue 11 target 3 (worker process)',
      headers: ['phase', 'worker peak RSS', 'target', 'met'],
      rows: [workerPeakRow('throughput', throughput.worker?.peakRssKb), workerPeakRow('backlog and its drain', drain.worker?.peakRssKb)],
    },
    {
      title: 'Memory (RSS)',
      headers: ['process', 'before', 'after throughput', 'peak in throughput', 'peak in backlog + drain', 'peak in direct loop'],
      rows: [
        ['subsync worker process (SUBSYNC_ROLE=worker)', formatMiB(workerIdle.rss / 1024), formatMiB(throughput.worker?.rssKb), formatMiB(throughput.worker?.peakRssKb), formatMiB(drain.worker?.peakRssKb), ''],
        ['bench process (API, client, the bench; the direct loop)', formatMiB(benchBefore?.rssKb), formatMiB(throughput.bench?.rssKb), formatMiB(throughput.bench?.peakRssKb), formatMiB(drain.bench?.peakRssKb), formatMiB(reference.bench?.peakRssKb)],
        ['Temporal dev server', '', formatMiB(throughput.temporal?.rssKb), formatMiB(throughput.temporal?.peakRssKb), formatMiB(drain.temporal?.peakRssKb), ''],
      ],
      notes: [
        `the worker process polled ${(worker.startToPollingMs / 1000).toFixed(1)} s after its spawn; "before" is its RSS then, with the poller running on an empty License Central.`,
        peaksReset ? 'every peak covers its phase only (VmHWM reset through clear_refs at its start; the backlog phase from the receiver going down to the end of the drain).' : 'the peaks could not all be reset (clear_refs): some include what ran before.',
        workflowBundleNote(),
        `target 3: the worker's peak ≤ ${WORKER_PEAK_TARGET_MIB} MiB in every phase.`,
      ],
    },
    {
      title: "Where the worker's memory is (as the worker process reports it after a full GC: process.memoryUsage(), each workflow thread's V8 heap)",
      headers: MEMORY_BREAKDOWN_HEADERS,
      rows: [
        memoryBreakdownRow('polling, before the changes', workerIdle),
        ...(throughput.workerAfter ? [memoryBreakdownRow('after the throughput phase', throughput.workerAfter)] : []),
        ...(drain.workerAfter ? [memoryBreakdownRow('after the drain', drain.workerAfter)] : []),
      ],
      notes: ['read after each phase has ended: the heaps are what stays live, not the peak; the peak is VmHWM from /proc (table above).'],
    },
  ];
  return { sections, problems };
}

/** The endpoint's counts once nothing is pending, or as they stand after `timeoutMs`. */
async function settledEndpoint<T extends { pending: number }>(read: () => Promise<T>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const endpoint = await read();
    if (endpoint.pending === 0 || Date.now() > deadline) return endpoint;
    await new Promise((res) => setTimeout(res, 200));
  }
}

/** The worker starts the change-feed poller once it runs; the clock starts only when it polls. */
async function pollerRunning(client: Client, workflowId: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await client.workflow
      .getHandle(workflowId)
      .describe()
      .then((d) => d.status.name)
      .catch(() => undefined);
    if (status === 'RUNNING') return;
    if (Date.now() > deadline) throw new Error(`the worker process did not start ${workflowId} within ${timeoutMs / 1000} s`);
    await new Promise((res) => setTimeout(res, 100));
  }
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
  const s = store as { orm: { em: { fork(): { getConnection(): { execute(sql: string, params: unknown[], method: string): Promise<{ t: Date | null }[]> } } } } };
  // PostgreSQL keeps the attempt's time as timestamptz.
  const rows = await s.orm.em.fork().getConnection().execute('select min(at) as t from delivery_attempts where outcome = ? and at >= ?', ['delivered', new Date(sinceMs)], 'all');
  const t = rows[0]?.t;
  return t === null || t === undefined ? undefined : new Date(t).getTime() - sinceMs;
}
