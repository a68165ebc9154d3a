import { getInvoicingRun, startInvoicingRun } from '../../schedules/invoicing';
import type { InvoicingProgress, InvoicingResult } from '../../workflows/tv-invoicing';
import { expectedTotals, invoicingSeed, useInvoicingHarness, waitFor } from '../support/invoicing';

jest.setTimeout(120_000);

const h = useInvoicingHarness(invoicingSeed);

const eventsDue = (dueDate: string) => h.sim.state().billingEvents.filter((e) => e.dueDate === dueDate);
const resultOf = (workflowId: string) => h.client.workflow.getHandle(workflowId).result() as Promise<InvoicingResult>;
const currentDetails = async (workflowId: string) =>
  ((await h.client.workflow.getHandle(workflowId).query<{ currentDetails: string }>('__temporal_workflow_metadata')) as { currentDetails: string }).currentDetails;

/** A run without the tracking phase, for tests about what gets saved. */
async function invoice(dueDate: string, options: { dryRun?: boolean } = {}): Promise<InvoicingResult> {
  const run = await startInvoicingRun(h.client, h.settings({ trackForHours: 0 }), { dueDate, ...options });
  return resultOf(run.workflowId);
}

describe('TV invoicing workflow', () => {
  it('saves one Pending event per plan with charged extras, then tracks them to Processed after the standard billing run', async () => {
    const dueDate = '2025-10-10';
    const settings = h.settings({ trackEverySeconds: 1 });
    const run = await startInvoicingRun(h.client, settings, { dueDate });
    expect(run.workflowId).toBe(`tv-invoicing:isp-integrator:${dueDate}`);

    const tracking = await waitFor(async () => {
      const view = await getInvoicingRun(h.client, settings, { dueDate });
      return view?.status === 'RUNNING' && view.progress?.tracking ? view.progress : undefined;
    });
    expect(tracking).toMatchObject<Partial<InvoicingProgress>>({ phase: 'tracking', customersDone: 5, eventsCreated: 5, eventsExisting: 0, totalValue: 20240, parkedCount: 0 });
    expect(tracking.tracking).toMatchObject({ pending: 5, processed: 0, pendingValue: 20240 });

    const events = eventsDue(dueDate);
    expect(events.map((e) => e.contractedPlanId).sort()).toEqual(Object.keys(expectedTotals).sort());
    for (const e of events) {
      expect(e.status).toBe('pending');
      expect(e.total).toBe(expectedTotals[e.contractedPlanId]);
      expect(e.idempotencyKey).toBe(`tv-invoicing:isp-integrator:${e.customerId}:${e.contractedPlanId}:${dueDate}`);
    }
    expect(events.find((e) => e.contractedPlanId === '6001')!.items).toEqual([
      { packageId: 'PKG-HBO', name: 'HBO', price: 3490 },
      { packageId: 'PKG-TELECINE', name: 'Telecine', price: 4290 },
    ]);
    // A price agreed on the customer's plan wins over the catalogue's.
    expect(events.find((e) => e.contractedPlanId === '6002')!.items).toEqual([{ packageId: 'PKG-HBO', name: 'HBO', price: 2990 }]);
    expect(await currentDetails(run.workflowId)).toMatch(/5 customers, 5 events created, 0 already existing, total R\$ 202,40, 0 parked[\s\S]*Tracking: 5 pending/);

    await h.billing.runStandardBilling({ upTo: dueDate });
    const result = await resultOf(run.workflowId);
    expect(result.summary).toMatchObject({ dueDate, dryRun: false, customers: 5, eventsCreated: 5, eventsExisting: 0, createdValue: 20240, totalValue: 20240, totalValueFormatted: 'R$ 202,40', parkedCount: 0, parked: [] });
    expect(result.tracking).toMatchObject({ pending: 0, processed: 5, processedValue: 20240, outcome: 'all_processed' });
    expect(eventsDue(dueDate).every((e) => e.status === 'processed')).toBe(true);
    expect(h.sim.state().statements['2001'].map((s) => s.amount)).toEqual([3490, 4290]);

    const done = await getInvoicingRun(h.client, settings, { dueDate });
    expect(done).toMatchObject({ status: 'COMPLETED', result: { summary: { eventsCreated: 5 } } });
  });

  it('stops tracking after the configured limit when the standard billing run does not come', async () => {
    const dueDate = '2025-09-10';
    const run = await startInvoicingRun(h.client, h.settings({ trackEverySeconds: 1, trackForHours: 2 / 3600 }), { dueDate });
    const result = await resultOf(run.workflowId);
    expect(result.tracking).toMatchObject({ pending: 5, processed: 0, outcome: 'gave_up' });
    expect(result.tracking!.checks).toBeGreaterThanOrEqual(2);
    expect(await currentDetails(run.workflowId)).toMatch(/5 pending \(R\$ 202,40\), 0 processed \(R\$ 0,00\), gave up waiting[\s\S]*Done\./);
  });

  it('creates nothing twice when the same due date runs again', async () => {
    const dueDate = '2025-11-10';
    const first = await invoice(dueDate);
    expect(first.summary).toMatchObject({ eventsCreated: 5, eventsExisting: 0 });
    const ids = eventsDue(dueDate).map((e) => e.id).sort();

    const second = await invoice(dueDate);
    expect(second.summary).toMatchObject({ customers: 5, eventsCreated: 0, eventsExisting: 5, createdValue: 0, totalValue: 20240 });
    expect(eventsDue(dueDate).map((e) => e.id).sort()).toEqual(ids);
    expect(h.sim.state().billingEvents).toHaveLength(5);
  });

  it('dry run saves nothing and reports what would be saved, counting events billing already has', async () => {
    const dueDate = '2025-12-10';
    // Ana's plan was already billed for this due date (by hand, say).
    await h.billing.createTvBillingEvent({ customerId: '2001', contractedPlanId: '6001', dueDate, items: [{ packageId: 'PKG-HBO', price: 3490 }, { packageId: 'PKG-TELECINE', price: 4290 }] });

    const run = await startInvoicingRun(h.client, h.settings(), { dueDate, dryRun: true });
    expect(run.workflowId).toBe(`tv-invoicing:isp-integrator:${dueDate}:dry-run`);
    const result = await resultOf(run.workflowId);

    expect(result.summary).toMatchObject({ dryRun: true, customers: 5, eventsCreated: 4, eventsExisting: 1, createdValue: 20240 - 7780, totalValue: 20240 });
    expect(result.tracking).toBeUndefined();
    expect(result.summary.sample!.map((p) => p.contractedPlanId).sort()).toEqual(['6002', '6006', '6007', '6008']);
    expect(result.summary.sample!.find((p) => p.contractedPlanId === '6007')).toEqual({
      customerId: '2007',
      customerName: 'Gil Souza',
      contractedPlanId: '6007',
      items: [{ packageId: 'PKG-HBO', name: 'HBO', price: 3490 }],
      total: 3490,
    });
    expect(eventsDue(dueDate).map((e) => e.contractedPlanId)).toEqual(['6001']);
    expect(await currentDetails(run.workflowId)).toMatch(/dry run[\s\S]*4 events would be created/);
  });

  it('parks a customer billing refuses, reports it, and saves everyone else; a re-run bills the parked one', async () => {
    const dueDate = '2026-01-10';
    await h.sim.faults.add({ kind: 'fault', operation: 'createTvBillingEvent', status: 422, code: 'validation_error', message: 'items.0.packageId: refused for this customer', times: 1 });

    const result = await invoice(dueDate);
    expect(result.summary).toMatchObject({ customers: 5, eventsCreated: 4, eventsExisting: 0, parkedCount: 1 });
    const [parked] = result.summary.parked;
    expect(parked).toMatchObject({ errorType: 'Permanent.validation' });
    expect(parked.reason).toMatch(/refused for this customer/);
    expect(Object.keys(expectedTotals)).toContain(parked.contractedPlanId);
    expect(result.summary.totalValue).toBe(20240 - expectedTotals[parked.contractedPlanId]);

    const billed = eventsDue(dueDate).map((e) => e.contractedPlanId);
    expect(billed).toHaveLength(4);
    expect(billed).not.toContain(parked.contractedPlanId);

    const again = await invoice(dueDate);
    expect(again.summary).toMatchObject({ eventsCreated: 1, eventsExisting: 4, parkedCount: 0, totalValue: 20240 });
    expect(eventsDue(dueDate)).toHaveLength(5);
  });

  it('retries transient billing errors without skipping or double-counting anyone', async () => {
    const dueDate = '2026-02-10';
    await h.sim.faults.add({ kind: 'status', status: 503, operation: 'createTvBillingEvent', times: 3 });

    const result = await invoice(dueDate);
    expect(result.summary).toMatchObject({ customers: 5, eventsCreated: 5, eventsExisting: 0, parkedCount: 0, totalValue: 20240 });
    expect(eventsDue(dueDate)).toHaveLength(5);
    expect(h.sim.faults.requests.filter((r) => r.operation === 'createTvBillingEvent' && r.decision === 'status')).toHaveLength(3);
  });

  it('pages through a long listing, continuing as new with its running totals', async () => {
    const dueDate = '2026-03-10';
    h.sim.generate(120, { extraPackageIds: ['PKG-ESPORTES'] });
    const workflowId = `tv-invoicing-paging-${Date.now()}`;
    const handle = await h.client.workflow.start('tvInvoicingWorkflow', {
      workflowId,
      taskQueue: h.taskQueue,
      args: [{ billing: 'isp-integrator', dueDate, pageSize: 20, pagesPerRun: 2, trackForHours: 0 }],
    });
    const result = (await handle.result()) as InvoicingResult;

    expect(result.summary).toMatchObject({ customers: 125, eventsCreated: 125, pages: 7, totalValue: 20240 + 120 * 2990, parkedCount: 0 });
    expect(eventsDue(dueDate)).toHaveLength(125);
    expect((await h.client.workflow.getHandle(workflowId, handle.firstExecutionRunId).describe()).status.name).toBe('CONTINUED_AS_NEW');
    // One page in the last run: a dozen events, where all seven pages in one history would be about fifty.
    const lastRun = await h.client.workflow.getHandle(workflowId).fetchHistory();
    expect(lastRun.events!.length).toBeLessThan(20);
  });

  it('fails fast on a due date that is not a date', async () => {
    await expect(startInvoicingRun(h.client, h.settings(), { dueDate: '2026-02-30' })).rejects.toThrow(/must be a date/);
    const handle = await h.client.workflow.start('tvInvoicingWorkflow', { workflowId: `tv-invoicing-bad-${Date.now()}`, taskQueue: h.taskQueue, args: [{ billing: 'isp-integrator', dueDate: '10/10/2026' }] });
    await expect(handle.result()).rejects.toMatchObject({ cause: { type: 'InvalidInput' } });
  });
});
