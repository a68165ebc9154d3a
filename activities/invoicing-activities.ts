import { Context } from '@temporalio/activity';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import { PermanentError } from '../connectors/errors';
import { Connectors, UnknownConnectorError } from '../connectors/registry';
import { ChargedPlan, Page, tvInvoicingPort, TvInvoicingBilling } from '../connectors/tv-billing/port';
import type { Logger } from '../domain/logger';
import { recordInvoicingPage } from '../metrics';
import { mapFailures } from './failures';
import { heartbeating } from './heartbeat';

/**
 * Activities of the monthly TV invoicing ("Faturamento TV"). One call handles a run of pages of the
 * charged-extras listing (one page, or up to `maxPages` read one after the other), so a
 * 1,000,000-customer run is a few dozen activities whose results (counts, a capped list of parked
 * customers) keep the workflow history small. Within a call the next page is read while the
 * current page's events are saved, so billing's listing never holds the saves up.
 */

/** A customer plan whose billing event billing refused for good; the run went on without it. */
export interface ParkedCustomer {
  customerId: string;
  customerName: string;
  contractedPlanId: string;
  /** The error type as the workflow sees it, e.g. `Permanent.validation`. */
  errorType: string;
  reason: string;
}

/** What a dry run would save for one customer plan. */
export interface EventPreview {
  customerId: string;
  customerName: string;
  contractedPlanId: string;
  items: { packageId: string; name: string; price: number }[];
  /** Centavos. */
  total: number;
}

export interface InvoicePageInput {
  billing: string;
  dueDate: string;
  /** Where the listing continues; none for the first page. */
  cursor?: string;
  pageSize: number;
  dryRun: boolean;
  /** How many parked customers / previews the caller still keeps; the rest are only counted. */
  parkedLimit: number;
  sampleLimit: number;
  /** Billing events saved at the same time. */
  concurrency: number;
  /** Pages this call reads, one after the other (default 1). */
  maxPages?: number;
  /** Once the call has run this long (ms) it starts no further page; the page in hand is finished. */
  budgetMs?: number;
}

/** Counts for one page; values in centavos. In a dry run `created` means "would be created". */
export interface InvoicePageTotals {
  customers: number;
  created: number;
  existing: number;
  createdValue: number;
  existingValue: number;
  parkedCount: number;
  parked: ParkedCustomer[];
  sample: EventPreview[];
}

export interface InvoicePageResult extends InvoicePageTotals {
  nextCursor: string | null;
  /** Pages this call finished. */
  pages: number;
}

export interface TvBillingEventCount {
  pending: number;
  processed: number;
  /** Centavos. */
  pendingValue: number;
  processedValue: number;
}

export interface InvoicingActivities {
  /** Lists one page of charged extras and saves (or, in a dry run, previews) each plan's Pending billing event. */
  invoicePage(input: InvoicePageInput): Promise<InvoicePageResult>;
  /** Counts the due date's billing events by state, paging through all of them. */
  countTvBillingEvents(input: { billing: string; dueDate: string }): Promise<TvBillingEventCount>;
}

/** The event's natural key as the idempotency key: re-running a due date can only find the first event. */
export function tvBillingEventKey(billing: string, row: { customerId: string; contractedPlanId: string }, dueDate: string): string {
  return `tv-invoicing:${billing}:${row.customerId}:${row.contractedPlanId}:${dueDate}`;
}

/** Progress of a call, heartbeated so that a retried attempt neither redoes nor double-counts a plan. */
interface PageCheckpoint {
  /** Pages finished. Absent from the checkpoints of one-page calls of earlier releases, which always resume at the input's cursor. */
  pages?: number;
  /** Where the page being worked on starts: absent for the listing's start, null once the listing has ended. */
  cursor?: string | null;
  /** Plans of that page already saved (or parked) and counted in `totals`. */
  done: string[];
  totals: InvoicePageTotals;
  /** Of `totals`, what the metrics already counted (at the end of each finished page). Absent before release 0.3: nothing of the page was counted yet. */
  recorded?: { created: number; existing: number; parked: number };
}

type Outcome = { kind: 'created' | 'existing'; value: number; preview?: EventPreview } | { kind: 'parked'; parked: ParkedCustomer };

const COUNT_PAGE_SIZE = 1000;

const emptyTotals = (): InvoicePageTotals => ({ customers: 0, created: 0, existing: 0, createdValue: 0, existingValue: 0, parkedCount: 0, parked: [], sample: [] });

export function createInvoicingActivities({ connectors, logger }: { connectors: Connectors; logger: Logger }): InvoicingActivities {
  const billingFor = (name: string): TvInvoicingBilling => {
    try {
      return connectors.get(tvInvoicingPort, name);
    } catch (err) {
      if (err instanceof UnknownConnectorError) throw ApplicationFailure.nonRetryable(`TV invoicing: ${err.message}`, 'UnsupportedBilling');
      throw err;
    }
  };

  async function invoiceOne(billing: TvInvoicingBilling, input: InvoicePageInput, row: ChargedPlan): Promise<Outcome> {
    try {
      if (input.dryRun) {
        const existing = await findEvent(billing, row, input.dueDate);
        if (existing) return { kind: 'existing', value: existing.total };
        return { kind: 'created', value: row.total, preview: { customerId: row.customerId, customerName: row.customerName, contractedPlanId: row.contractedPlanId, items: row.extras, total: row.total } };
      }
      const { event, created } = await billing.createTvBillingEvent({
        customerId: row.customerId,
        contractedPlanId: row.contractedPlanId,
        dueDate: input.dueDate,
        items: row.extras.map((e) => ({ packageId: e.packageId, name: e.name, price: e.price })),
        idempotencyKey: tvBillingEventKey(input.billing, row, input.dueDate),
      });
      return { kind: created ? 'created' : 'existing', value: event.total };
    } catch (err) {
      // Bad credentials fail every customer alike: that is the run's problem, not one customer's.
      if (!(err instanceof PermanentError) || err.reason === 'auth') throw err;
      return { kind: 'parked', parked: { customerId: row.customerId, customerName: row.customerName, contractedPlanId: row.contractedPlanId, errorType: `Permanent.${err.reason}`, reason: err.message } };
    }
  }

  function fold(totals: InvoicePageTotals, outcome: Outcome, input: InvoicePageInput): void {
    totals.customers++;
    if (outcome.kind === 'parked') {
      totals.parkedCount++;
      if (totals.parked.length < input.parkedLimit) totals.parked.push(outcome.parked);
      logger.warn({ billing: input.billing, dueDate: input.dueDate, customerId: outcome.parked.customerId, contractedPlanId: outcome.parked.contractedPlanId, reason: outcome.parked.reason }, 'TV invoicing: customer parked');
    } else if (outcome.kind === 'created') {
      totals.created++;
      totals.createdValue += outcome.value;
      if (outcome.preview && totals.sample.length < input.sampleLimit) totals.sample.push(outcome.preview);
    } else {
      totals.existing++;
      totals.existingValue += outcome.value;
    }
  }

  return mapFailures<InvoicingActivities>({
    async invoicePage(input) {
      const ctx = Context.current();
      const billing = billingFor(input.billing);
      const maxPages = input.maxPages ?? 1;
      const deadline = Date.now() + (input.budgetMs ?? Infinity);
      const resumed = ctx.info.heartbeatDetails as PageCheckpoint | undefined;
      const at = {
        pages: resumed?.pages ?? 0,
        cursor: resumed?.pages !== undefined ? resumed.cursor : input.cursor,
        done: new Set(resumed?.done ?? []),
        totals: resumed?.totals ?? emptyTotals(),
        recorded: resumed?.recorded ?? { created: 0, existing: 0, parked: 0 },
      };
      // Serialized when a heartbeat goes out (every 2 s, after each page, before a failure), not on every save.
      const checkpoint = { toJSON: (): PageCheckpoint => ({ pages: at.pages, cursor: at.cursor, done: [...at.done], totals: at.totals, recorded: at.recorded }) };
      const list = (cursor: string | undefined) => {
        const page = billing.listChargedExtras({ cursor, limit: input.pageSize });
        // A page read ahead may fail while the current page is still being saved: handled here, so Node
        // does not report it as unhandled (which ends the worker); awaiting it later still throws.
        page.catch(() => undefined);
        return page;
      };

      return heartbeating(async (progress) => {
        progress(checkpoint);
        let next: Promise<Page<ChargedPlan>> | undefined = at.cursor === null || at.pages >= maxPages ? undefined : list(at.cursor);
        while (next) {
          const page = await next;
          // Read the next page while this one's events are saved.
          next = page.nextCursor !== null && at.pages + 1 < maxPages && Date.now() < deadline ? list(page.nextCursor) : undefined;
          const todo = at.done.size > 0 ? page.items.filter((row) => !at.done.has(row.contractedPlanId)) : page.items;
          for (let i = 0; i < todo.length; i += input.concurrency) {
            // A worker shutting down: stop between chunks, so the next attempt (another worker) resumes from the checkpoint.
            if (ctx.cancellationSignal.aborted) {
              progress(checkpoint);
              throw new CancelledFailure('invoicing page handed back: the worker is shutting down');
            }
            const chunk = todo.slice(i, i + input.concurrency);
            const settled = await Promise.allSettled(chunk.map((row) => invoiceOne(billing, input, row)));
            let failure: unknown;
            settled.forEach((r, j) => {
              if (r.status === 'fulfilled') {
                fold(at.totals, r.value, input);
                at.done.add(chunk[j].contractedPlanId);
              } else failure ??= r.reason;
            });
            if (failure !== undefined) {
              // Checkpoint before throwing: the retry starts from here and counts nothing twice.
              progress(checkpoint);
              throw failure;
            }
          }
          at.pages++;
          at.cursor = page.nextCursor;
          at.done.clear();
          // Counted once per page, also the part an earlier attempt saved before it failed.
          const { created, existing, parkedCount: parked } = at.totals;
          recordInvoicingPage({ billing: input.billing, dryRun: input.dryRun, created: created - at.recorded.created, existing: existing - at.recorded.existing, parked: parked - at.recorded.parked });
          at.recorded = { created, existing, parked };
          progress(checkpoint);
        }
        return { ...at.totals, nextCursor: at.cursor ?? null, pages: at.pages };
      });
    },

    async countTvBillingEvents({ billing: name, dueDate }) {
      const billing = billingFor(name);
      const count: TvBillingEventCount = { pending: 0, processed: 0, pendingValue: 0, processedValue: 0 };
      return heartbeating(async (progress) => {
        let cursor: string | undefined;
        do {
          const page = await billing.listTvBillingEvents({ dueDate, cursor, limit: COUNT_PAGE_SIZE });
          for (const event of page.items) {
            if (event.status === 'pending') {
              count.pending++;
              count.pendingValue += event.total;
            } else {
              count.processed++;
              count.processedValue += event.total;
            }
          }
          cursor = page.nextCursor ?? undefined;
          progress(count);
        } while (cursor !== undefined);
        return count;
      });
    },
  }, logger);
}

/** The plan's event for the due date, if billing already has one (a dry run must not count it as new). */
async function findEvent(billing: TvInvoicingBilling, row: ChargedPlan, dueDate: string) {
  let cursor: string | undefined;
  do {
    const page = await billing.listTvBillingEvents({ customerId: row.customerId, dueDate, cursor, limit: 100 });
    const match = page.items.find((e) => e.contractedPlanId === row.contractedPlanId);
    if (match) return match;
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return undefined;
}
