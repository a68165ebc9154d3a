import { performance } from 'node:perf_hooks';
import type { ChargedExtras, IspIntegratorBilling, Page } from '../../connectors/isp-integrator';

export interface DirectInvoicingFigures {
  wallMs: number;
  customers: number;
  created: number;
  existing: number;
  /** Centavos. */
  value: number;
  pages: number;
}

/**
 * The invoicing calls without Temporal or the store: the same connector reading the same
 * charged-extras pages (the next one read while the current one's events are saved) and saving
 * one billing event per plan with its idempotency key, in groups of `concurrency` as the
 * activity does. What the workflow's run time is compared with: the floor on this machine.
 */
export async function directInvoicingLoop(options: {
  billing: IspIntegratorBilling;
  dueDate: string;
  pageSize: number;
  concurrency: number;
  progress: (message: string) => void;
}): Promise<DirectInvoicingFigures> {
  const { billing, dueDate, pageSize, concurrency } = options;
  const started = performance.now();
  const figures: DirectInvoicingFigures = { wallMs: 0, customers: 0, created: 0, existing: 0, value: 0, pages: 0 };
  const save = async (row: ChargedExtras) => {
    const { event, created } = await billing.createTvBillingEvent({
      customerId: row.customerId,
      contractedPlanId: row.contractedPlanId,
      dueDate,
      items: row.extras.map((e) => ({ packageId: e.packageId, name: e.name, price: e.price })),
      idempotencyKey: `direct:${row.customerId}:${row.contractedPlanId}:${dueDate}`,
    });
    figures.customers++;
    figures.value += event.total;
    if (created) figures.created++;
    else figures.existing++;
  };
  let lastReport = started;
  let next: Promise<Page<ChargedExtras>> | undefined = billing.listChargedExtras({ limit: pageSize });
  while (next) {
    const page: Page<ChargedExtras> = await next;
    next = page.nextCursor === null ? undefined : billing.listChargedExtras({ cursor: page.nextCursor, limit: pageSize });
    for (let i = 0; i < page.items.length; i += concurrency) await Promise.all(page.items.slice(i, i + concurrency).map(save));
    figures.pages++;
    if (performance.now() - lastReport >= 10_000) {
      lastReport = performance.now();
      options.progress(`direct loop: ${figures.customers} customers done (${((figures.customers * 1000) / (lastReport - started)).toFixed(0)}/s), ${((lastReport - started) / 1000).toFixed(0)} s`);
    }
  }
  figures.wallMs = performance.now() - started;
  return figures;
}
