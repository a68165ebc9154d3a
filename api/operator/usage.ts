import type { Client } from '@temporalio/client';
import { isMonth } from '../../domain/month';
import { describeUsageSchedule, getUsageRun, startUsageRun, UsageBillingSettings } from '../../schedules/usage-billing';
import type { Store } from '../../store/store';
import { InvalidRequestError, UsageRunRequest, UsageRunStarted, UsageRunStatus, UsageSchedule, UsageSummary } from '../operations';

/**
 * Month-end usage billing for operators: direct runs (with a dry run), their progress and
 * result, the stored summaries and the Schedule, over schedules/usage-billing.ts.
 */
export interface UsageDeps {
  client: Client;
  store: Store;
  config: UsageBillingSettings;
}

const runIdPrefix = 'usage-billing';

export async function startRun(deps: UsageDeps, request: UsageRunRequest): Promise<UsageRunStarted> {
  const issues: { path: string; message: string }[] = [];
  if (request.month !== undefined && !isMonth(request.month)) issues.push({ path: 'month', message: `"${request.month}" is not a month (YYYY-MM)` });
  const configured = Object.keys(deps.config.usageBilling.services);
  if (request.service !== undefined && !configured.includes(request.service)) issues.push({ path: 'service', message: `usage billing has no service "${request.service}" (configured: ${configured.join(', ') || 'none'})` });
  if (configured.length === 0) issues.push({ path: '(request)', message: 'usage billing is not configured (usageBilling.services is empty)' });
  if (issues.length > 0) throw new InvalidRequestError(issues);
  return startUsageRun(deps.client, deps.config, request);
}

export async function getRun(deps: UsageDeps, workflowId: string): Promise<UsageRunStatus | null> {
  if (!workflowId.startsWith(runIdPrefix)) return null;
  return (await getUsageRun(deps.client, workflowId)) ?? null;
}

export async function summaries(deps: UsageDeps, month: string): Promise<UsageSummary[]> {
  if (!isMonth(month)) throw new InvalidRequestError([{ path: 'month', message: `"${month}" is not a month (YYYY-MM)` }]);
  const rows = await deps.store.usageSummaries(month);
  return rows.map(({ id: _id, finishedAt, error, ...row }) => ({ ...row, ...(error ? { error } : {}), amount: money(row.amount), chargedAmount: money(row.chargedAmount), existingAmount: money(row.existingAmount), unpaidAmount: money(row.unpaidAmount), finishedAt: finishedAt.toISOString() }));
}

export async function schedule(deps: UsageDeps): Promise<UsageSchedule | null> {
  const view = await describeUsageSchedule(deps.client);
  if (!view) return null;
  return {
    ...view,
    nextRunTimes: view.nextRunTimes.map((t) => t.toISOString()),
    recentRuns: view.recentRuns.map((r) => ({ workflowId: r.workflowId, scheduledAt: r.scheduledAt.toISOString(), takenAt: r.takenAt.toISOString() })),
  };
}

/** Decimals come back from the database as numbers or strings depending on the driver: always two places on the wire. */
const money = (value: string | number) => Number(value).toFixed(2);
