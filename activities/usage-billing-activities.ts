import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Config } from '../config/schema';
import { PermanentError } from '../connectors/errors';
import type { Connectors } from '../connectors/registry';
import type { Logger } from '../domain/logger';
import { recordUsageBillingPage } from '../metrics';
import type { Store } from '../store/store';
import type { UsageBillSubject } from '../store/usage-summary';
import { kindOf } from './converge';
import { mapFailures } from './failures';

/**
 * Activities of month-end usage billing. One call reads one page of per-item usage totals under
 * one parent (e.g. 1,000 child licenses of a parent license) and charges each item to the
 * billing contract holding the parent, with an idempotency key per parent, item and month: a
 * re-run or a retried page finds what was charged (in the ledger, else in billing itself) and
 * charges nothing twice. Only counts and capped lists go back to the workflow.
 */

/** One parent whose children's use is billed, with what the run charges for it (captured once per run). */
export interface UsageTarget {
  service: string;
  parent: string;
  billing: string;
  account: string;
  agreement?: string;
  pricePerMinute: number;
  comment: string;
}

/** An item a dry run would charge. Amounts are cents. */
export interface UsageItemPreview {
  resourceId: string;
  sessions: number;
  seconds: number;
  amount: number;
  idempotencyKey: string;
  /** Charged already by an earlier run of the month. */
  existing?: boolean;
}

export interface UsageItemFailure {
  resourceId: string;
  errorType: string;
  reason: string;
}

/** Counts of one page, or of a parent so far. Amounts are cents; in a dry run `charged` means "would be charged". */
export interface UsageTotals {
  items: number;
  sessions: number;
  seconds: number;
  amount: number;
  charged: number;
  chargedAmount: number;
  existing: number;
  existingAmount: number;
  unpaid: number;
  unpaidAmount: number;
  zero: number;
  failed: number;
  /** The first failures (capped); `failed` counts them all. */
  failures: UsageItemFailure[];
  /** Dry run: the first items (capped). */
  sample: UsageItemPreview[];
}

export interface UsagePageInput {
  target: UsageTarget;
  month: string;
  from: string;
  to: string;
  cursor?: string;
  pageSize: number;
  dryRun: boolean;
  concurrency: number;
  /** How many failures / previews the caller still keeps. */
  failureLimit: number;
  sampleLimit: number;
}

export interface UsagePageResult extends UsageTotals {
  /** The contract charged (the configured one, or the holder account's as billing reads it). */
  agreement: string;
  nextCursor: string | null;
}

/** What is stored per parent and returned in the run's result. Amounts are cents. */
export interface UsageParentSummary extends Omit<UsageTotals, 'sample' | 'failures'>, UsageBillSubject {
  failures: UsageItemFailure[];
  sample?: UsageItemPreview[];
  /** Why the parent could not be billed (further) in this run: unknown at the platform, billing refusing our credentials. */
  error?: string;
}

export interface UsageBillingActivities {
  /** The parents to bill, from the config (optionally one service only). */
  usageTargets(input: { service?: string }): Promise<UsageTarget[]>;
  billUsagePage(input: UsagePageInput): Promise<UsagePageResult>;
  saveUsageSummary(input: { summary: UsageParentSummary; workflowId: string }): Promise<void>;
}

export const emptyUsageTotals = (): UsageTotals => ({ items: 0, sessions: 0, seconds: 0, amount: 0, charged: 0, chargedAmount: 0, existing: 0, existingAmount: 0, unpaid: 0, unpaidAmount: 0, zero: 0, failed: 0, failures: [], sample: [] });

/** The charge's natural key: a re-run of the month can only find the first charge. */
export function usageChargeKey(target: Pick<UsageTarget, 'service' | 'parent'>, resourceId: string, month: string): string {
  return `usage:${target.service}:${target.parent}:${resourceId}:${month}`;
}

/** Per-second price in cents, rounded once per item (half up). */
export function usageAmountCents(seconds: number, pricePerMinute: number): number {
  return Math.round((seconds * pricePerMinute * 100) / 60);
}

export const centsToDecimal = (cents: number): string => `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;

/** Progress inside one page, heartbeated so that a retried attempt neither re-sends nor double-counts an item. */
interface PageCheckpoint {
  done: string[];
  totals: UsageTotals;
}

type Outcome =
  | { kind: 'zero' | 'existing' | 'charged' | 'unpaid'; item: UsageItemPreview; chargeId?: string }
  | { kind: 'failed'; item: UsageItemPreview; failure: UsageItemFailure };

export function createUsageBillingActivities({ config, connectors, store, logger }: { config: Config; connectors: Connectors; store: Store; logger: Logger }): UsageBillingActivities {
  const settingsOf = (service: string) => {
    const policy = config.services[service];
    if (!policy) throw ApplicationFailure.nonRetryable(`usage billing names service "${service}", which the config does not have`, 'UnknownService');
    const kind = kindOf(policy);
    if (!kind.usage) throw ApplicationFailure.nonRetryable(`service "${service}" is of kind "${kind.kind}", which meters no use`, 'UnsupportedService');
    return { policy, usage: kind.usage };
  };

  async function agreementOf(target: UsageTarget): Promise<string> {
    if (target.agreement) return target.agreement;
    const account = await connectors.billing(target.billing).getAccount(target.account);
    return account.agreementId;
  }

  async function chargeOne(input: UsagePageInput, agreementId: string, item: UsageItemPreview): Promise<Outcome> {
    const { target } = input;
    try {
      const result = await connectors.billing(target.billing).charge({
        accountId: target.account,
        agreementId,
        amount: item.amount / 100,
        idempotencyKey: item.idempotencyKey,
        comment: `${target.comment} ${item.resourceId}, ${input.month}: ${item.seconds} s`,
      });
      return result.status === 'charged' ? { kind: 'charged', item, chargeId: result.chargeId } : { kind: 'unpaid', item };
    } catch (err) {
      // Bad credentials fail every item alike: the run's problem, retried as a whole.
      if (!(err instanceof PermanentError) || err.reason === 'auth') throw err;
      return { kind: 'failed', item, failure: { resourceId: item.resourceId, errorType: `Permanent.${err.reason}`, reason: err.message } };
    }
  }

  function fold(totals: UsageTotals, outcome: Outcome, input: UsagePageInput): void {
    const { item } = outcome;
    totals.items++;
    totals.sessions += item.sessions;
    totals.seconds += item.seconds;
    totals.amount += item.amount;
    if (outcome.kind === 'zero') totals.zero++;
    else if (outcome.kind === 'existing') {
      totals.existing++;
      totals.existingAmount += item.amount;
    } else if (outcome.kind === 'charged') {
      totals.charged++;
      totals.chargedAmount += item.amount;
    } else if (outcome.kind === 'unpaid') {
      totals.unpaid++;
      totals.unpaidAmount += item.amount;
    } else if (outcome.kind === 'failed') {
      totals.failed++;
      if (totals.failures.length < input.failureLimit) totals.failures.push(outcome.failure);
      logger.warn({ service: input.target.service, parent: input.target.parent, month: input.month, resourceId: item.resourceId, reason: outcome.failure.reason }, 'usage billing: item refused by billing');
    }
    if (input.dryRun && outcome.kind !== 'failed' && totals.sample.length < input.sampleLimit) totals.sample.push(outcome.kind === 'existing' ? { ...item, existing: true } : item);
  }

  return mapFailures<UsageBillingActivities>({
    async usageTargets({ service }) {
      const services = Object.entries(config.usageBilling.services).filter(([name]) => service === undefined || name === service);
      if (service !== undefined && services.length === 0) throw ApplicationFailure.nonRetryable(`usage billing has no service "${service}" (configured: ${Object.keys(config.usageBilling.services).join(', ') || 'none'})`, 'UnknownService');
      return services.flatMap(([name, usage]) => {
        settingsOf(name);
        return Object.entries(usage.parents).map(([parent, holder]) => ({ service: name, parent, ...holder, pricePerMinute: usage.pricePerMinute, comment: usage.comment }));
      });
    },

    async billUsagePage(input) {
      const ctx = Context.current();
      const { target } = input;
      const { policy, usage } = settingsOf(target.service);
      const checkpoint = ctx.info.heartbeatDetails as PageCheckpoint | undefined;
      const done = new Set(checkpoint?.done ?? []);
      const totals = checkpoint?.totals ?? emptyUsageTotals();
      const agreementId = await agreementOf(target);
      const page = await usage.totals({ connectors, logger }, policy.settings, { parent: target.parent, from: input.from, to: input.to, cursor: input.cursor, limit: input.pageSize });
      const items = page.items
        .filter((u) => !done.has(u.resourceId))
        .map((u): UsageItemPreview => ({ resourceId: u.resourceId, sessions: u.sessions, seconds: u.seconds, amount: usageAmountCents(u.seconds, target.pricePerMinute), idempotencyKey: usageChargeKey(target, u.resourceId, input.month) }));
      // The ledger answers for items an earlier run charged, without asking billing again.
      const known = await store.ledgerStatuses(items.map((i) => i.idempotencyKey));
      const holder = `${target.billing}:${target.account}`;
      for (let i = 0; i < items.length; i += input.concurrency) {
        const chunk = items.slice(i, i + input.concurrency);
        const settled = await Promise.allSettled(
          chunk.map(async (item): Promise<Outcome> => {
            if (item.amount === 0) return { kind: 'zero', item };
            if (known.get(item.idempotencyKey) === 'charged') return { kind: 'existing', item };
            if (input.dryRun) return { kind: 'charged', item };
            return chargeOne(input, agreementId, item);
          }),
        );
        let failure: unknown;
        const ledger: Parameters<Store['recordCharges']>[0][number][] = [];
        settled.forEach((r, j) => {
          if (r.status === 'rejected') {
            failure ??= r.reason;
            return;
          }
          fold(totals, r.value, input);
          done.add(chunk[j].resourceId);
          const o = r.value;
          if (o.kind === 'charged' && !input.dryRun) ledger.push({ idempotencyKey: o.item.idempotencyKey, subscriberId: holder, service: `${target.service}:usage:${o.item.resourceId}`.slice(0, 100), period: input.month, amount: centsToDecimal(o.item.amount), status: 'charged', chargeId: o.chargeId ?? null });
          if (o.kind === 'unpaid') ledger.push({ idempotencyKey: o.item.idempotencyKey, subscriberId: holder, service: `${target.service}:usage:${o.item.resourceId}`.slice(0, 100), period: input.month, amount: centsToDecimal(o.item.amount), status: 'insufficient_funds', chargeId: null });
        });
        await store.recordCharges(ledger);
        // Heartbeat before throwing: the retry starts from here and counts nothing twice.
        ctx.heartbeat({ done: [...done], totals } satisfies PageCheckpoint);
        if (failure !== undefined) throw failure;
      }
      recordUsageBillingPage({ service: target.service, dryRun: input.dryRun, charged: totals.charged, existing: totals.existing, unpaid: totals.unpaid, failed: totals.failed, seconds: totals.seconds });
      return { ...totals, agreement: agreementId, nextCursor: page.nextCursor ?? null };
    },

    async saveUsageSummary({ summary, workflowId }) {
      await store.saveUsageSummary({
        id: `${summary.month}:${summary.service}:${summary.parent}`,
        month: summary.month,
        service: summary.service,
        parent: summary.parent,
        billing: summary.billing,
        account: summary.account,
        agreement: summary.agreement,
        items: summary.items,
        sessions: summary.sessions,
        seconds: summary.seconds,
        amount: centsToDecimal(summary.amount),
        charged: summary.charged,
        chargedAmount: centsToDecimal(summary.chargedAmount),
        existing: summary.existing,
        existingAmount: centsToDecimal(summary.existingAmount),
        unpaid: summary.unpaid,
        unpaidAmount: centsToDecimal(summary.unpaidAmount),
        zero: summary.zero,
        failed: summary.failed,
        error: summary.error ?? null,
        workflowId,
        finishedAt: new Date(),
      });
    },
  });
}
