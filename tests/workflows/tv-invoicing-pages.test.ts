import { randomUUID } from 'node:crypto';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createInvoicingActivities } from '../../activities/invoicing-activities';
import { ispIntegratorConnector } from '../../connectors/isp-integrator';
import { Connectors } from '../../connectors/registry';
import { createLogger } from '../../runtime/logger';
import { workflowBundle } from '../../worker/worker';
import type { InvoicingResult, TvInvoicingInput } from '../../workflows/tv-invoicing';
import { invoicingSeed, useInvoicingHarness, waitFor } from '../support/invoicing';

/**
 * Several pages per invoicePage activity, the next page read while the current one's events are
 * saved: each plan is still saved once, a refused one is parked, and an attempt that fails or is
 * handed back mid-run resumes where its checkpoint says, re-sending and re-counting nothing.
 */
jest.setTimeout(120_000);

const h = useInvoicingHarness(invoicingSeed);

/** The seed's five plans and 120 generated ones: 13 pages of 10. */
const PLANS = 125;
const TOTAL = 20240 + 120 * 2990;
const generate = () => h.sim.generate(120, { extraPackageIds: ['PKG-ESPORTES'] });

const eventsDue = (dueDate: string) => h.sim.state().billingEvents.filter((e) => e.dueDate === dueDate);
/** createTvBillingEvent requests billing handled (not failed by an injected fault) since `from`. */
const savesHandled = (from: number) => h.sim.faults.requests.slice(from).filter((r) => r.operation === 'createTvBillingEvent' && r.decision === 'pass').length;

const input = (dueDate: string, more: Partial<TvInvoicingInput> = {}): TvInvoicingInput => ({ billing: 'isp-integrator', dueDate, pageSize: 10, trackForHours: 0, ...more });

/** The maxPages of each invoicePage activity the run scheduled, in order. */
async function activitySizes(workflowId: string): Promise<number[]> {
  const history = await h.client.workflow.getHandle(workflowId).fetchHistory();
  return (history.events ?? [])
    .map((e) => e.activityTaskScheduledEventAttributes)
    .filter((a) => a?.activityType?.name === 'invoicePage')
    .map((a) => (JSON.parse(Buffer.from(a!.input!.payloads![0]!.data!).toString()) as { maxPages: number }).maxPages);
}

/** The highest attempt of any invoicePage activity in the run's history: above 1 once one was retried. */
async function highestAttempt(workflowId: string): Promise<number> {
  const history = await h.client.workflow.getHandle(workflowId).fetchHistory();
  return Math.max(...(history.events ?? []).map((e) => e.activityTaskStartedEventAttributes?.attempt ?? 0));
}

describe('TV invoicing, several pages per activity', () => {
  it('takes 1, 1, 2, 4 ... pages per activity up to pagesPerActivity and saves every plan once', async () => {
    generate();
    const dueDate = '2026-04-10';
    const workflowId = `tv-invoicing-pages-${randomUUID()}`;
    const handle = await h.client.workflow.start('tvInvoicingWorkflow', { workflowId, taskQueue: h.taskQueue, args: [input(dueDate, { pagesPerActivity: 4 })] });
    const result = (await handle.result()) as InvoicingResult;

    expect(result.summary).toMatchObject({ customers: PLANS, eventsCreated: PLANS, eventsExisting: 0, parkedCount: 0, pages: 13, totalValue: TOTAL });
    // 13 pages: 1 + 1 + 2 + 4 + 4, then the one page left (the activity asked for 4 found the end).
    expect(await activitySizes(workflowId)).toEqual([1, 1, 2, 4, 4, 4]);
    const events = eventsDue(dueDate);
    expect(events).toHaveLength(PLANS);
    expect(new Set(events.map((e) => e.contractedPlanId)).size).toBe(PLANS);
  });

  it('parks the plan billing refuses in the middle of a page run and saves every other one once', async () => {
    generate();
    const dueDate = '2026-05-10';
    await h.sim.faults.add({ kind: 'fault', operation: 'createTvBillingEvent', status: 422, code: 'validation_error', message: 'items.0.packageId: refused for this customer', times: 1 });
    const handle = await h.client.workflow.start('tvInvoicingWorkflow', { workflowId: `tv-invoicing-pages-${randomUUID()}`, taskQueue: h.taskQueue, args: [input(dueDate, { pagesPerActivity: 8 })] });
    const result = (await handle.result()) as InvoicingResult;

    expect(result.summary).toMatchObject({ customers: PLANS, eventsCreated: PLANS - 1, eventsExisting: 0, parkedCount: 1 });
    const [parked] = result.summary.parked;
    expect(parked).toMatchObject({ errorType: 'Permanent.validation', reason: expect.stringMatching(/refused for this customer/) });
    const billed = eventsDue(dueDate).map((e) => e.contractedPlanId);
    expect(billed).toHaveLength(PLANS - 1);
    expect(new Set(billed).size).toBe(PLANS - 1);
    expect(billed).not.toContain(parked.contractedPlanId);
  });

  it('resumes an attempt that failed mid-run at its checkpoint: no plan sent or counted twice', async () => {
    generate();
    const dueDate = '2026-06-10';
    // Slow saves, four at a time, so the run is still going when billing starts failing.
    await h.sim.faults.add({ kind: 'latency', ms: 50, operation: 'createTvBillingEvent' });
    const from = h.sim.faults.requests.length;
    const workflowId = `tv-invoicing-pages-${randomUUID()}`;
    const handle = await h.client.workflow.start('tvInvoicingWorkflow', { workflowId, taskQueue: h.taskQueue, args: [input(dueDate, { concurrency: 4, pagesPerActivity: 8 })] });
    await waitFor(async () => eventsDue(dueDate).length >= 30);
    await h.sim.faults.add({ kind: 'status', status: 503, operation: 'createTvBillingEvent', times: 2 });
    const result = (await handle.result()) as InvoicingResult;

    // The activity itself failed and was retried (the connector does not retry on its own).
    expect(await highestAttempt(workflowId)).toBeGreaterThan(1);

    expect(eventsDue(dueDate).length).toBe(PLANS);
    expect(h.sim.faults.requests.slice(from).filter((r) => r.operation === 'createTvBillingEvent' && r.decision === 'status')).toHaveLength(2);
    // A retry from the start of the activity would have re-sent the plans before the failure, and billing would have answered "existing".
    expect(savesHandled(from)).toBe(PLANS);
    expect(result.summary).toMatchObject({ customers: PLANS, eventsCreated: PLANS, eventsExisting: 0, parkedCount: 0, pages: 13, totalValue: TOTAL });
  });

  it('retries a page read ahead that billing failed while the page before was saved: every plan saved and counted once', async () => {
    generate();
    const dueDate = '2026-08-10';
    await h.sim.faults.add({ kind: 'latency', ms: 50, operation: 'createTvBillingEvent' });
    const from = h.sim.faults.requests.length;
    const workflowId = `tv-invoicing-pages-${randomUUID()}`;
    const handle = await h.client.workflow.start('tvInvoicingWorkflow', { workflowId, taskQueue: h.taskQueue, args: [input(dueDate, { concurrency: 4, pagesPerActivity: 8 })] });
    // Inside the fourth activity (pages 5-8): its next listing read goes out while a page is being saved.
    await waitFor(async () => eventsDue(dueDate).length >= 45);
    await h.sim.faults.add({ kind: 'status', status: 503, operation: 'listChargedExtras', times: 1 });
    const result = (await handle.result()) as InvoicingResult;

    expect(h.sim.faults.requests.slice(from).filter((r) => r.operation === 'listChargedExtras' && r.decision === 'status')).toHaveLength(1);
    expect(await highestAttempt(workflowId)).toBeGreaterThan(1);
    expect(eventsDue(dueDate).length).toBe(PLANS);
    expect(savesHandled(from)).toBe(PLANS);
    expect(result.summary).toMatchObject({ customers: PLANS, eventsCreated: PLANS, eventsExisting: 0, parkedCount: 0, pages: 13, totalValue: TOTAL });
  });

  it('hands a page run over to another worker when its worker shuts down; the other goes on from the checkpoint', async () => {
    generate();
    const dueDate = '2026-07-10';
    await h.sim.faults.add({ kind: 'latency', ms: 50, operation: 'createTvBillingEvent' });
    const from = h.sim.faults.requests.length;
    const taskQueue = `invoicing-handover-${randomUUID()}`;
    const first = await startWorker(taskQueue);
    const handle = await h.client.workflow.start('tvInvoicingWorkflow', { workflowId: `tv-invoicing-pages-${randomUUID()}`, taskQueue, args: [input(dueDate, { concurrency: 4, pagesPerActivity: 8 })] });
    await waitFor(async () => eventsDue(dueDate).length >= 30);
    await first.stop();
    const savedByFirst = eventsDue(dueDate).length;
    expect(savedByFirst).toBeLessThan(PLANS);

    const second = await startWorker(taskQueue);
    try {
      const result = (await handle.result()) as InvoicingResult;
      expect(eventsDue(dueDate).length).toBe(PLANS);
      expect(savesHandled(from)).toBe(PLANS);
      expect(result.summary).toMatchObject({ customers: PLANS, eventsCreated: PLANS, eventsExisting: 0, parkedCount: 0, pages: 13, totalValue: TOTAL });
    } finally {
      await second.stop();
    }
  });
});

/** A worker of its own on `taskQueue` (the harness's worker serves another queue), stopped with no grace time. */
async function startWorker(taskQueue: string): Promise<{ stop(): Promise<void> }> {
  const logger = createLogger({ level: 'silent' });
  const connection = await NativeConnection.connect({ address: h.server.address });
  const worker = await Worker.create({
    connection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities: createInvoicingActivities({ connectors: new Connectors([['isp-integrator', { definition: ispIntegratorConnector, instance: h.billing }]]), logger }),
    shutdownGraceTime: 0,
  });
  const running = worker.run();
  return {
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
    },
  };
}
