import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { ActivityFailure, ApplicationFailure, continueAsNew, defineQuery, proxyActivities, setCurrentDetails, setHandler, workflowInfo } from '@temporalio/workflow';
import type { UsageBillingActivities, UsageItemFailure, UsageItemPreview, UsagePageResult, UsageParentSummary, UsageTarget } from '../activities/usage-billing-activities';
import { isMonth, monthBefore, monthBounds } from '../domain/month';

/**
 * Month-end usage billing: every item's (child license's) metered seconds of the month are
 * charged to the billing contract of the holder of its parent (parent license), one charge per
 * item with an idempotency key per parent, item and month. Re-running a month charges nothing
 * twice (the earlier charges are found and counted as existing); a run interrupted half-way
 * (worker gone, billing down) resumes where it stopped, because the cursor and the totals are
 * workflow state and each page checkpoints inside its activity.
 *
 * Scale: one activity per page of usage totals (1,000 items by default), returning counts and
 * capped lists only, so a page costs about six history events; every `pagesPerRun` pages the
 * workflow continues as new with the cursor and the totals. Parents are billed one after the
 * other, each page's charges concurrently. A summary per parent is stored when the parent is
 * done (real runs) and the run's result lists them all.
 */

const TemporalScheduledStartTime = defineSearchAttributeKey('TemporalScheduledStartTime', SearchAttributeType.DATETIME);

const FAILURES_KEPT = 50;
const SAMPLE_KEPT = 20;

export interface UsageBillingInput {
  /** YYYY-MM. Without it: the month before the one the Schedule ran in (a backfill of June bills May). */
  month?: string;
  /** Months begin at midnight here (default UTC). */
  timezone?: string;
  /** Charge nothing; the result says what would be charged. */
  dryRun?: boolean;
  /** Bill one service only (default: every service usage billing is configured for). */
  service?: string;
  pageSize?: number;
  pagesPerRun?: number;
  concurrency?: number;
  /** State handed over by continue-as-new. */
  carried?: UsageBillingState;
}

/** One parent's progress: its target and its totals so far. */
export interface ParentProgress {
  target: UsageTarget;
  summary: UsageParentSummary;
  done: boolean;
}

export interface UsageBillingState {
  month: string;
  from: string;
  to: string;
  startedAt: string;
  /** Known after the first activity: what to bill. */
  parents?: ParentProgress[];
  /** The parent being billed, and where its usage listing continues. */
  index: number;
  cursor?: string;
  pages: number;
  generation: number;
}

export interface UsageBillingResult {
  month: string;
  from: string;
  to: string;
  dryRun: boolean;
  parents: UsageParentSummary[];
  pages: number;
  startedAt: string;
  finishedAt: string;
}

export interface UsageBillingProgress {
  month: string;
  from: string;
  to: string;
  dryRun: boolean;
  phase: 'billing' | 'done';
  /** Pages done over every parent. */
  pages: number;
  generation: number;
  parents: (UsageParentSummary & { done: boolean })[];
}

export const usageBillingWorkflowType = 'usageBillingWorkflow';
export const usageProgressQuery = defineQuery<UsageBillingProgress>('progress');

const { usageTargets, billUsagePage, saveUsageSummary } = proxyActivities<UsageBillingActivities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  // No attempt limit: a transient failure never skips an item; items billing refuses are counted as failed inside the activity.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export async function usageBillingWorkflow(input: UsageBillingInput): Promise<UsageBillingResult> {
  const opts = { dryRun: input.dryRun ?? false, pageSize: input.pageSize ?? 1000, pagesPerRun: input.pagesPerRun ?? 50, concurrency: input.concurrency ?? 16, timezone: input.timezone ?? 'UTC' };
  const s: UsageBillingState = input.carried ?? newState(resolveMonth(input, opts.timezone), opts.timezone);
  let finished = false;

  const progress = (): UsageBillingProgress => ({
    month: s.month,
    from: s.from,
    to: s.to,
    dryRun: opts.dryRun,
    phase: finished ? 'done' : 'billing',
    pages: s.pages,
    generation: s.generation,
    parents: (s.parents ?? []).map((p) => ({ ...p.summary, done: p.done })),
  });
  setHandler(usageProgressQuery, progress);
  const show = () => setCurrentDetails(describe(progress()));
  show();

  s.parents ??= (await usageTargets({ service: input.service })).map((target) => ({ target, summary: emptySummary(s.month, target), done: false }));
  for (let pagesThisRun = 1; s.index < s.parents.length; pagesThisRun++) {
    const parent = s.parents[s.index];
    let page: UsagePageResult;
    try {
      page = await billUsagePage({
      target: parent.target,
      month: s.month,
      from: s.from,
      to: s.to,
      cursor: s.cursor,
      pageSize: opts.pageSize,
      dryRun: opts.dryRun,
      concurrency: opts.concurrency,
      failureLimit: FAILURES_KEPT - parent.summary.failures.length,
      sampleLimit: opts.dryRun ? SAMPLE_KEPT - (parent.summary.sample?.length ?? 0) : 0,
      });
    } catch (err) {
      // A parent that cannot be billed at all (unknown at the platform, billing refusing our credentials) is reported, and the others are billed.
      const cause = err instanceof ActivityFailure && err.cause instanceof ApplicationFailure ? err.cause : undefined;
      if (!cause?.nonRetryable) throw err;
      parent.summary.error = `${cause.type ?? 'Failure'}: ${cause.message}`;
      parent.done = true;
      if (!opts.dryRun) await saveUsageSummary({ summary: parent.summary, workflowId: workflowInfo().workflowId });
      s.index++;
      s.cursor = undefined;
      show();
      continue;
    }
    addPage(parent.summary, page, opts.dryRun);
    s.pages++;
    s.cursor = page.nextCursor ?? undefined;
    if (page.nextCursor === null) {
      parent.done = true;
      if (!opts.dryRun) await saveUsageSummary({ summary: parent.summary, workflowId: workflowInfo().workflowId });
      s.index++;
      s.cursor = undefined;
    }
    show();
    if (s.index < s.parents.length && (pagesThisRun >= opts.pagesPerRun || workflowInfo().continueAsNewSuggested)) {
      await continueAsNew<typeof usageBillingWorkflow>({ ...input, month: s.month, carried: { ...s, generation: s.generation + 1 } });
    }
  }
  finished = true;
  show();
  return { month: s.month, from: s.from, to: s.to, dryRun: opts.dryRun, parents: s.parents.map((p) => p.summary), pages: s.pages, startedAt: s.startedAt, finishedAt: new Date().toISOString() };
}

function newState(month: string, timezone: string): UsageBillingState {
  const { from, to } = monthBounds(month, timezone);
  return { month, from, to, startedAt: new Date().toISOString(), index: 0, pages: 0, generation: 0 };
}

function emptySummary(month: string, t: UsageTarget): UsageParentSummary {
  return {
    month,
    service: t.service,
    parent: t.parent,
    billing: t.billing,
    account: t.account,
    agreement: t.agreement ?? '',
    items: 0,
    sessions: 0,
    seconds: 0,
    amount: 0,
    charged: 0,
    chargedAmount: 0,
    existing: 0,
    existingAmount: 0,
    unpaid: 0,
    unpaidAmount: 0,
    zero: 0,
    failed: 0,
    failures: [],
  };
}

function addPage(sum: UsageParentSummary, page: UsagePageResult, dryRun: boolean): void {
  sum.agreement = page.agreement;
  for (const k of ['items', 'sessions', 'seconds', 'amount', 'charged', 'chargedAmount', 'existing', 'existingAmount', 'unpaid', 'unpaidAmount', 'zero', 'failed'] as const) sum[k] += page[k];
  sum.failures.push(...page.failures.slice(0, FAILURES_KEPT - sum.failures.length));
  if (dryRun) sum.sample = [...(sum.sample ?? []), ...page.sample].slice(0, SAMPLE_KEPT) as UsageItemPreview[];
}

/** The month given, else the month before the one this run was scheduled (or started) in. */
function resolveMonth(input: UsageBillingInput, timezone: string): string {
  if (input.month !== undefined) {
    if (!isMonth(input.month)) throw ApplicationFailure.nonRetryable(`month "${input.month}" is not a month (YYYY-MM)`, 'InvalidInput');
    return input.month;
  }
  const info = workflowInfo();
  return monthBefore(info.typedSearchAttributes.get(TemporalScheduledStartTime) ?? info.startTime, timezone);
}

/** Cents as a plain decimal: 123456 → "1,234.56". */
export function formatCents(cents: number): string {
  const abs = Math.abs(Math.trunc(cents));
  return `${cents < 0 ? '-' : ''}${String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${String(abs % 100).padStart(2, '0')}`;
}

function describe(p: UsageBillingProgress): string {
  const verb = p.dryRun ? 'would be charged' : 'charged';
  const lines = [`**Usage billing** ${p.month} (${p.from} – ${p.to})${p.dryRun ? ' (dry run: nothing is charged)' : ''}`];
  for (const s of p.parents) {
    lines.push(
      `- ${s.service} parent ${s.parent} → ${s.billing}:${s.account}: ${s.items} items, ${s.seconds} s, ${s.charged} ${verb} (${formatCents(s.chargedAmount)}), ${s.existing} already charged (${formatCents(s.existingAmount)}), ${s.unpaid} unpaid, ${s.zero} below a cent, ${s.failed} failed${s.done ? ', done' : ''}`,
    );
    if (s.error) lines.push(`  Not billed: ${s.error}`);
    if (s.failures.length > 0) lines.push(`  Failed: ${s.failures.slice(0, 3).map((f: UsageItemFailure) => `${f.resourceId} (${f.reason})`).join('; ')}${s.failed > 3 ? ` and ${s.failed - 3} more` : ''}`);
  }
  lines.push(p.phase === 'done' ? 'Done.' : `${p.pages} pages so far.`);
  return lines.join('\n');
}
