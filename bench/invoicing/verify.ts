import type { IspIntegratorBilling } from '../../connectors/isp-integrator';
import type { InvoicingRunFigures } from './run';

const PAGE = 1000;

export interface BillingEventTotals {
  events: number;
  pending: number;
  /** Centavos. */
  total: number;
  /** (customer, contracted plan) pairs billed more than once for the due date. */
  duplicates: number;
}

/** Reads every billing event of the due date back from billing over its API, independently of what the workflow reported. */
export async function billingEventTotals(billing: IspIntegratorBilling, dueDate: string): Promise<BillingEventTotals> {
  const totals: BillingEventTotals = { events: 0, pending: 0, total: 0, duplicates: 0 };
  const seen = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await billing.listTvBillingEvents({ dueDate, cursor, limit: PAGE });
    for (const event of page.items) {
      totals.events++;
      if (event.status === 'pending') totals.pending++;
      totals.total += event.total;
      const key = `${event.customerId}/${event.contractedPlanId}`;
      if (seen.has(key)) totals.duplicates++;
      seen.add(key);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return totals;
}

/**
 * What is wrong with the two runs, if anything: the first must create one Pending event per
 * customer with the catalogue's total and park no one; the re-run must create nothing and
 * find every event; billing must hold exactly those events.
 */
export function verifyInvoicing(customers: number, expectedTotal: number, first: InvoicingRunFigures, again: InvoicingRunFigures, inBilling: BillingEventTotals): string[] {
  const problems: string[] = [];
  const expect = (what: string, actual: number, expected: number) => {
    if (actual !== expected) problems.push(`${what}: ${actual}, expected ${expected}`);
  };
  const a = first.result.summary;
  expect('first run: customers', a.customers, customers);
  expect('first run: events created', a.eventsCreated, customers);
  expect('first run: events existing', a.eventsExisting, 0);
  expect('first run: parked', a.parkedCount, 0);
  expect('first run: total value (centavos)', a.totalValue, expectedTotal);
  const b = again.result.summary;
  expect('re-run: customers', b.customers, customers);
  expect('re-run: events created', b.eventsCreated, 0);
  expect('re-run: events existing', b.eventsExisting, customers);
  expect('re-run: parked', b.parkedCount, 0);
  expect('re-run: total value (centavos)', b.totalValue, expectedTotal);
  expect('billing: events for the due date', inBilling.events, customers);
  expect('billing: pending events', inBilling.pending, customers);
  expect('billing: customer plans billed twice', inBilling.duplicates, 0);
  expect('billing: total of the events (centavos)', inBilling.total, expectedTotal);
  return problems;
}
