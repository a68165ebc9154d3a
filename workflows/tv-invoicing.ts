import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { ApplicationFailure, continueAsNew, defineQuery, patched, proxyActivities, setCurrentDetails, setHandler, sleep, workflowInfo } from '@temporalio/workflow';
import type { EventPreview, InvoicePageResult, InvoicingActivities, ParkedCustomer, TvBillingEventCount } from '../activities/invoicing-activities';

/**
 * Monthly TV invoicing (seed 002's "Faturamento TV"): every customer plan with charged
 * extra packages gets a Pending billing event for the due date; later the company's standard
 * billing run ("Faturamento Padrão") turns them Processed, which this workflow tracks.
 *
 * Scale: the listing is read in pages (500 plans by default), several pages per activity (up to
 * `pagesPerActivity`, 32 by default: 16,000 plans), and only counts and capped lists come back, so
 * an activity costs about six history events whatever its size. The first activity takes one page
 * and each later one as many pages as are done so far (1, 1, 2, 4, ... up to the maximum): a
 * run shows progress and any trouble with billing within its first page, and the activities
 * that follow are long enough that Temporal's turn between two of them costs little. Every
 * `pagesPerRun` pages (1000: ~200 events for 500,000 plans) or when Temporal suggests it, the
 * workflow continues as new carrying the cursor and the running totals. We chose continue-as-new
 * over child workflows because the listing is one cursor that must be read in order anyway:
 * children would add bookkeeping without adding parallelism (each page already saves its events
 * concurrently, and an activity reads its next page while it saves the current one's).
 *
 * Runs started before release 0.3 (no `invoicing-page-runs` marker in their history) keep going
 * one page per activity with their old defaults, so their histories replay unchanged.
 */

/** Set by Temporal on every run a Schedule starts: the time it was due, also for backfills. */
const TemporalScheduledStartTime = defineSearchAttributeKey('TemporalScheduledStartTime', SearchAttributeType.DATETIME);

const PARKED_KEPT = 100;
const SAMPLE_KEPT = 20;
/** Tracking checks per run before continuing as new (each is an activity and a timer, ~11 events). */
const TRACK_CHECKS_PER_RUN = 100;

export interface TvInvoicingInput {
  /** Name in the config of the billing system that invoices (one with TV invoicing, see connectors/tv-billing/port.ts). */
  billing: string;
  /** "Vencimento" (YYYY-MM-DD). Without it: `dueDayOfMonth` of the month the Schedule ran for, in `timezone`. */
  dueDate?: string;
  /** Saves nothing; the result says what would be saved. */
  dryRun?: boolean;
  dueDayOfMonth?: number;
  timezone?: string;
  pageSize?: number;
  pagesPerRun?: number;
  /** At most this many pages per activity. */
  pagesPerActivity?: number;
  /** Billing events saved at the same time within a page. */
  concurrency?: number;
  trackEverySeconds?: number;
  /** 0 = no tracking. */
  trackForHours?: number;
  /** State handed over by continue-as-new. */
  carried?: InvoicingState;
}

/** The running counts a run reports while it goes and in its summary. */
export interface InvoicingTotals {
  billing: string;
  dueDate: string;
  dryRun: boolean;
  /** Events saved by this run (in a dry run: that would be saved). */
  eventsCreated: number;
  /** Events billing already had for the due date (an earlier run). */
  eventsExisting: number;
  /** Centavos. */
  createdValue: number;
  /** Centavos, created + existing: what the due date bills. */
  totalValue: number;
  totalValueFormatted: string;
  parkedCount: number;
  /** The first parked customers (at most 100); `parkedCount` has them all. */
  parked: ParkedCustomer[];
}

export interface InvoicingSummary extends InvoicingTotals {
  /** Listing rows: one per customer plan with charged extras (a customer with two such plans counts twice). */
  customers: number;
  /** Dry run: the first events that would be saved (at most 20). */
  sample?: EventPreview[];
  pages: number;
  startedAt: string;
  finishedAt: string;
}

export interface TrackingView extends TvBillingEventCount {
  checks: number;
  lastCheckedAt: string;
  /** Why tracking stopped, once it has. */
  outcome?: 'all_processed' | 'gave_up';
}

export interface InvoicingResult {
  summary: InvoicingSummary;
  tracking?: TrackingView;
}

/** Everything that survives continue-as-new. */
export interface InvoicingState {
  dueDate: string;
  startedAt: string;
  phase: 'invoicing' | 'tracking' | 'done';
  cursor?: string;
  pages: number;
  customers: number;
  created: number;
  existing: number;
  createdValue: number;
  existingValue: number;
  parkedCount: number;
  parked: ParkedCustomer[];
  sample: EventPreview[];
  summary?: InvoicingSummary;
  tracking?: TrackingView;
  trackUntil?: string;
  /** How many times the workflow continued as new. */
  generation: number;
}

export interface InvoicingProgress extends InvoicingTotals {
  phase: InvoicingState['phase'];
  pagesDone: number;
  customersDone: number;
  /** Where the listing continues (none before the first page and after the last). */
  cursor?: string;
  generation: number;
  summary?: InvoicingSummary;
  tracking?: TrackingView;
}

export const tvInvoicingWorkflowType = 'tvInvoicingWorkflow';
export const invoicingProgressQuery = defineQuery<InvoicingProgress>('progress');

const { invoicePage, countTvBillingEvents } = proxyActivities<InvoicingActivities>({
  startToCloseTimeout: '10 minutes',
  // The activities heartbeat every 2 s (activities/heartbeat.ts): a dead worker's page or batch moves to another within seconds.
  heartbeatTimeout: '10 seconds',
  // No attempt limit: a transient failure never skips a customer; permanent ones are parked inside the activity.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** An activity stops starting further pages after this long, however slow billing is, so it ends well inside its 10-minute timeout. */
const ACTIVITY_BUDGET_MS = 120_000;

export async function tvInvoicingWorkflow(input: TvInvoicingInput): Promise<InvoicingResult> {
  // Several pages per activity (and the defaults that go with it) since release 0.3.
  const pageRuns = patched('invoicing-page-runs');
  const opts = {
    dryRun: input.dryRun ?? false,
    pageSize: input.pageSize ?? 500,
    pagesPerRun: input.pagesPerRun ?? (pageRuns ? 1000 : 100),
    pagesPerActivity: pageRuns ? Math.max(1, input.pagesPerActivity ?? 32) : 1,
    concurrency: input.concurrency ?? 16,
    trackEverySeconds: input.trackEverySeconds ?? 3600,
    trackForHours: input.trackForHours ?? 480,
  };
  const s: InvoicingState = input.carried ?? newState(resolveDueDate(input));
  const next = (): TvInvoicingInput => ({ ...input, dueDate: s.dueDate, carried: { ...s, generation: s.generation + 1 } });

  const progress = (): InvoicingProgress => ({
    billing: input.billing,
    dueDate: s.dueDate,
    dryRun: opts.dryRun,
    phase: s.phase,
    pagesDone: s.pages,
    customersDone: s.customers,
    eventsCreated: s.created,
    eventsExisting: s.existing,
    createdValue: s.createdValue,
    totalValue: s.createdValue + s.existingValue,
    totalValueFormatted: formatCentavos(s.createdValue + s.existingValue),
    parkedCount: s.parkedCount,
    parked: s.parked,
    cursor: s.cursor,
    generation: s.generation,
    summary: s.summary,
    tracking: s.tracking,
  });
  setHandler(invoicingProgressQuery, progress);
  const show = () => setCurrentDetails(describeProgress(progress()));
  show();

  if (s.phase === 'invoicing') {
    const pageInput = () => ({
      billing: input.billing,
      dueDate: s.dueDate,
      cursor: s.cursor,
      pageSize: opts.pageSize,
      dryRun: opts.dryRun,
      parkedLimit: PARKED_KEPT - s.parked.length,
      sampleLimit: opts.dryRun ? SAMPLE_KEPT - s.sample.length : 0,
      concurrency: opts.concurrency,
    });
    if (!pageRuns) {
      for (let pagesThisRun = 1; ; pagesThisRun++) {
        const page = await invoicePage(pageInput());
        addPage(s, page, 1);
        show();
        if (page.nextCursor === null) break;
        if (pagesThisRun >= opts.pagesPerRun || workflowInfo().continueAsNewSuggested) await continueAsNew<typeof tvInvoicingWorkflow>(next());
      }
    } else {
      for (let pagesThisRun = 0; ; ) {
        const maxPages = Math.min(opts.pagesPerActivity, Math.max(1, s.pages), opts.pagesPerRun - pagesThisRun);
        const page = await invoicePage({ ...pageInput(), maxPages, budgetMs: ACTIVITY_BUDGET_MS });
        // A worker of an earlier release reads one page and does not say so.
        const pages = page.pages ?? 1;
        addPage(s, page, pages);
        pagesThisRun += pages;
        show();
        if (page.nextCursor === null) break;
        if (pagesThisRun >= opts.pagesPerRun || workflowInfo().continueAsNewSuggested) await continueAsNew<typeof tvInvoicingWorkflow>(next());
      }
    }
    s.summary = summarize(input.billing, opts.dryRun, s);
    s.cursor = undefined;
    // A dry run saved nothing, so there is nothing to track.
    if (opts.dryRun || opts.trackForHours === 0) s.phase = 'done';
    else {
      s.phase = 'tracking';
      s.trackUntil = new Date(Date.now() + opts.trackForHours * 3_600_000).toISOString();
    }
    show();
  }

  if (s.phase === 'tracking') {
    const until = Date.parse(s.trackUntil!);
    for (let checksThisRun = 1; ; checksThisRun++) {
      const count = await countTvBillingEvents({ billing: input.billing, dueDate: s.dueDate });
      s.tracking = { ...count, checks: (s.tracking?.checks ?? 0) + 1, lastCheckedAt: new Date().toISOString() };
      if (count.pending === 0) s.tracking.outcome = 'all_processed';
      else if (Date.now() >= until) s.tracking.outcome = 'gave_up';
      show();
      if (s.tracking.outcome) break;
      if (checksThisRun >= TRACK_CHECKS_PER_RUN || workflowInfo().continueAsNewSuggested) await continueAsNew<typeof tvInvoicingWorkflow>(next());
      await sleep(Math.min(opts.trackEverySeconds * 1000, Math.max(1, until - Date.now())));
    }
  }

  s.phase = 'done';
  show();
  return { summary: s.summary!, tracking: s.tracking };
}

function newState(dueDate: string): InvoicingState {
  return {
    dueDate,
    startedAt: new Date().toISOString(),
    phase: 'invoicing',
    pages: 0,
    customers: 0,
    created: 0,
    existing: 0,
    createdValue: 0,
    existingValue: 0,
    parkedCount: 0,
    parked: [],
    sample: [],
    generation: 0,
  };
}

function addPage(s: InvoicingState, page: InvoicePageResult, pages: number): void {
  s.pages += pages;
  s.customers += page.customers;
  s.created += page.created;
  s.existing += page.existing;
  s.createdValue += page.createdValue;
  s.existingValue += page.existingValue;
  s.parkedCount += page.parkedCount;
  s.parked.push(...page.parked.slice(0, PARKED_KEPT - s.parked.length));
  s.sample.push(...page.sample.slice(0, SAMPLE_KEPT - s.sample.length));
  s.cursor = page.nextCursor ?? undefined;
}

function summarize(billing: string, dryRun: boolean, s: InvoicingState): InvoicingSummary {
  return {
    billing,
    dueDate: s.dueDate,
    dryRun,
    customers: s.customers,
    eventsCreated: s.created,
    eventsExisting: s.existing,
    createdValue: s.createdValue,
    totalValue: s.createdValue + s.existingValue,
    totalValueFormatted: formatCentavos(s.createdValue + s.existingValue),
    parkedCount: s.parkedCount,
    parked: s.parked,
    ...(dryRun ? { sample: s.sample } : {}),
    pages: s.pages,
    startedAt: s.startedAt,
    finishedAt: new Date().toISOString(),
  };
}

/** The due date given, else the one of the month this run was scheduled for (a backfill of October bills October). */
function resolveDueDate(input: TvInvoicingInput): string {
  if (input.dueDate !== undefined) {
    if (!isIsoDate(input.dueDate)) throw ApplicationFailure.nonRetryable(`dueDate "${input.dueDate}" is not a date (YYYY-MM-DD)`, 'InvalidInput');
    return input.dueDate;
  }
  const info = workflowInfo();
  const scheduledAt = info.typedSearchAttributes.get(TemporalScheduledStartTime) ?? info.startTime;
  return dueDateFor(scheduledAt, input.dueDayOfMonth ?? 10, input.timezone ?? 'UTC');
}

export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** `dueDayOfMonth` of the month `at` falls in, seen in `timeZone`; the month's last day when it is shorter. */
export function dueDateFor(at: Date, dueDayOfMonth: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric' }).formatToParts(at);
  const year = Number(parts.find((p) => p.type === 'year')!.value);
  const month = Number(parts.find((p) => p.type === 'month')!.value);
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad(month)}-${pad(Math.min(dueDayOfMonth, lastDay))}`;
}

/** Centavos as Brazilian reais: 123456 → "R$ 1.234,56". */
export function formatCentavos(centavos: number): string {
  const sign = centavos < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(centavos));
  return `${sign}R$ ${groupThousands(Math.floor(abs / 100))},${pad(abs % 100)}`;
}

function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The text the Temporal UI shows as the run's current details. */
function describeProgress(p: InvoicingProgress): string {
  const title = `**TV invoicing** ${p.billing}, due ${p.dueDate}${p.dryRun ? ' (dry run: nothing is saved)' : ''}`;
  const created = p.dryRun ? 'would be created' : 'created';
  const lines = [
    title,
    `${p.phase === 'invoicing' ? 'Invoicing' : 'Invoiced'}: ${groupThousands(p.customersDone)} customers, ${groupThousands(p.eventsCreated)} events ${created}, ${groupThousands(p.eventsExisting)} already existing, total ${p.totalValueFormatted}, ${groupThousands(p.parkedCount)} parked (${groupThousands(p.pagesDone)} pages)`,
  ];
  if (p.parked.length > 0) lines.push(`Parked: ${p.parked.slice(0, 5).map((c) => `${c.customerId}/${c.contractedPlanId} (${c.reason})`).join('; ')}${p.parkedCount > 5 ? ` and ${groupThousands(p.parkedCount - 5)} more` : ''}`);
  if (p.tracking) {
    const t = p.tracking;
    const state = t.outcome === 'all_processed' ? 'all processed' : t.outcome === 'gave_up' ? 'gave up waiting' : 'waiting for the standard billing run';
    lines.push(`Tracking: ${groupThousands(t.pending)} pending (${formatCentavos(t.pendingValue)}), ${groupThousands(t.processed)} processed (${formatCentavos(t.processedValue)}), ${state}; checked ${t.lastCheckedAt}`);
  }
  if (p.phase === 'done') lines.push('Done.');
  return lines.join('\n');
}
