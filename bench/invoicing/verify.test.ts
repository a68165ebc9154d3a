import { ispIntegratorConnector } from '../../connectors/isp-integrator';
import { createLogger } from '../../runtime/logger';
import { createIspIntegratorSimulator, IspIntegratorSimulator } from '../../simulators/isp-integrator/server';
import type { InvoicingResult } from '../../workflows/tv-invoicing';
import { BENCH_EXTRAS, catalogueOnly, expectedTotal } from './plan';
import type { InvoicingRunFigures } from './run';
import { billingEventTotals, verifyInvoicing } from './verify';

describe('expectedTotal', () => {
  it('adds the catalogue prices of the extras handed out in turn (HBO 34,90, Telecine 42,90, Esportes 29,90)', () => {
    expect(expectedTotal(1)).toBe(3490);
    expect(expectedTotal(4)).toBe(3490 + 4290 + 2990 + 3490);
  });
});

describe('billingEventTotals', () => {
  let sim: IspIntegratorSimulator;
  afterEach(async () => sim?.stop());

  it('reads back every event of the due date over the API, with their total and duplicates', async () => {
    sim = createIspIntegratorSimulator({ seed: catalogueOnly });
    const url = await sim.start(0);
    sim.generate(5, { extraPackageIds: [...BENCH_EXTRAS] });
    const billing = ispIntegratorConnector.create('isp-integrator', { url, token: sim.token, timeoutMs: 5000 }, { logger: createLogger({ level: 'silent' }) });
    const rows = (await billing.listChargedExtras({ limit: 100 })).items;
    for (const row of rows) {
      await billing.createTvBillingEvent({ customerId: row.customerId, contractedPlanId: row.contractedPlanId, dueDate: '2026-12-10', items: row.extras });
    }
    // Another due date is not counted.
    await billing.createTvBillingEvent({ customerId: rows[0]!.customerId, contractedPlanId: rows[0]!.contractedPlanId, dueDate: '2027-01-10', items: rows[0]!.extras });
    expect(await billingEventTotals(billing, '2026-12-10')).toEqual({ events: 5, pending: 5, total: expectedTotal(5), duplicates: 0 });
  });
});

describe('verifyInvoicing', () => {
  const figures = (summary: Partial<InvoicingResult['summary']>): InvoicingRunFigures => ({
    workflowId: 'w',
    dueDate: '2026-12-10',
    wallMs: 1000,
    historyLengths: [10],
    result: { summary: { customers: 3, eventsCreated: 0, eventsExisting: 0, parkedCount: 0, totalValue: 300, ...summary } as InvoicingResult['summary'] },
  });
  const first = figures({ eventsCreated: 3 });
  const again = figures({ eventsExisting: 3 });
  const billing = { events: 3, pending: 3, total: 300, duplicates: 0 };

  it('accepts a first run that created every event and a re-run that created none', () => {
    expect(verifyInvoicing(3, 300, first, again, billing)).toEqual([]);
  });

  it('names each figure that is off', () => {
    expect(verifyInvoicing(3, 300, figures({ eventsCreated: 2, parkedCount: 1 }), figures({ eventsCreated: 1, eventsExisting: 2 }), { ...billing, duplicates: 1, total: 400 })).toEqual([
      'first run: events created: 2, expected 3',
      'first run: parked: 1, expected 0',
      're-run: events created: 1, expected 0',
      're-run: events existing: 2, expected 3',
      'billing: customer plans billed twice: 1, expected 0',
      'billing: total of the events (centavos): 400, expected 300',
    ]);
  });
});
