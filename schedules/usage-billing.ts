import { Client, ScheduleAlreadyRunning, ScheduleNotFoundError, ScheduleOverlapPolicy, ScheduleUpdateOptions } from '@temporalio/client';
import type { Config } from '../config/schema';
import { describeRun, RunView } from './run-view';
import { monthBefore } from '../domain/month';
import { UsageBillingInput, UsageBillingProgress, usageBillingWorkflowType, UsageBillingResult, usageProgressQuery } from '../workflows/usage-billing';

/**
 * Month-end usage billing as a Temporal Schedule, plus direct runs (the CLI's `usage run`).
 * The Schedule only supplies the time: each run bills the month before the one it was
 * scheduled in, so a trigger or a backfill bills the right month.
 */
export interface UsageBillingSettings {
  temporal: Pick<Config['temporal'], 'taskQueue'>;
  usageBilling: Config['usageBilling'];
}

export type UsageRunView = RunView<UsageBillingProgress, UsageBillingResult>;

export interface UsageScheduleView {
  scheduleId: string;
  paused: boolean;
  note?: string;
  calendar: { dayOfMonth: number; hour: number; minute: number };
  timezone: string;
  nextRunTimes: Date[];
  recentRuns: { workflowId: string; scheduledAt: Date; takenAt: Date }[];
}

/** If the server was down at the scheduled time, still run when it is back within this window. */
const CATCHUP_WINDOW = '2 days';

export const usageScheduleId = 'usage-billing';
export const usageRunId = (month: string, options: { dryRun?: boolean; service?: string } = {}) =>
  `usage-billing:${options.service ? `${options.service}:` : ''}${month}${options.dryRun ? ':dry-run' : ''}`;

/** The workflow input every run gets from the config; a direct run adds its month. */
export function usageBillingInput(config: UsageBillingSettings): UsageBillingInput {
  const c = config.usageBilling;
  return { timezone: c.timezone, pageSize: c.pageSize, concurrency: c.concurrency };
}

function scheduleDefinition(config: UsageBillingSettings): Omit<ScheduleUpdateOptions, 'state'> {
  const c = config.usageBilling;
  return {
    spec: { calendars: [{ dayOfMonth: c.dayOfMonth, hour: c.hour, minute: c.minute, comment: 'month-end usage billing of the month before' }], timezone: c.timezone },
    action: {
      type: 'startWorkflow',
      workflowType: usageBillingWorkflowType,
      workflowId: usageScheduleId,
      taskQueue: config.temporal.taskQueue,
      args: [usageBillingInput(config)],
      staticSummary: `Month-end usage billing of ${Object.keys(c.services).join(', ')}`,
    },
    // A month that is still being billed when the next is due (hours of retries): the next waits for it.
    policies: { overlap: ScheduleOverlapPolicy.BUFFER_ONE, catchupWindow: CATCHUP_WINDOW, pauseOnFailure: false },
  };
}

/**
 * Creates the Schedule `usage-billing` or brings it up to date. `usageBilling.paused` pauses it;
 * `false` lifts only a pause the config made.
 */
export async function ensureUsageBillingSchedule(client: Client, config: UsageBillingSettings): Promise<{ scheduleId: string; created: boolean }> {
  const definition = scheduleDefinition(config);
  const configNote = 'paused by config (usageBilling.paused)';
  try {
    await client.schedule.create({ scheduleId: usageScheduleId, ...definition, state: { paused: config.usageBilling.paused, note: config.usageBilling.paused ? configNote : 'created by subsync' } });
    return { scheduleId: usageScheduleId, created: true };
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
  await client.schedule.getHandle(usageScheduleId).update((previous) => {
    if (config.usageBilling.paused) return { ...definition, state: { paused: true, note: configNote } };
    const pausedByConfig = previous.state.paused && previous.state.note === configNote;
    return { ...definition, state: pausedByConfig ? { paused: false, note: 'unpaused by config (usageBilling.paused)' } : { paused: previous.state.paused, note: previous.state.note } };
  });
  return { scheduleId: usageScheduleId, created: false };
}

export async function describeUsageSchedule(client: Client): Promise<UsageScheduleView | undefined> {
  try {
    const d = await client.schedule.getHandle(usageScheduleId).describe();
    const cal = d.spec.calendars?.[0];
    return {
      scheduleId: d.scheduleId,
      paused: d.state.paused,
      note: d.state.note,
      calendar: { dayOfMonth: cal?.dayOfMonth[0]?.start ?? 0, hour: cal?.hour[0]?.start ?? 0, minute: cal?.minute[0]?.start ?? 0 },
      timezone: d.spec.timezone ?? 'UTC',
      nextRunTimes: d.info.nextActionTimes,
      recentRuns: d.info.recentActions.map((a) => ({ workflowId: a.action.workflow.workflowId, scheduledAt: a.scheduledAt, takenAt: a.takenAt })),
    };
  } catch (err) {
    if (err instanceof ScheduleNotFoundError) return undefined;
    throw err;
  }
}

/**
 * Starts a run for one month (default: last month) under a deterministic id, so asking twice
 * while it runs returns the same run; after it finished, a new run charges nothing twice.
 */
export async function startUsageRun(
  client: Client,
  config: UsageBillingSettings,
  options: { month?: string; dryRun?: boolean; service?: string } = {},
): Promise<{ workflowId: string; runId: string; month: string; dryRun: boolean }> {
  const month = options.month ?? monthBefore(new Date(), config.usageBilling.timezone);
  const dryRun = options.dryRun ?? false;
  const workflowId = usageRunId(month, { dryRun, service: options.service });
  const handle = await client.workflow.start(usageBillingWorkflowType, {
    workflowId,
    taskQueue: config.temporal.taskQueue,
    args: [{ ...usageBillingInput(config), month, dryRun, ...(options.service ? { service: options.service } : {}) } satisfies UsageBillingInput],
    workflowIdConflictPolicy: 'USE_EXISTING',
    staticSummary: `Usage billing of ${month}${options.service ? ` (${options.service})` : ''}${dryRun ? ', dry run' : ''}`,
  });
  return { workflowId, runId: handle.firstExecutionRunId, month, dryRun };
}

/** A run's state: progress while it runs, the result once done. */
export async function getUsageRun(client: Client, workflowId: string): Promise<UsageRunView | undefined> {
  return describeRun<UsageBillingProgress, UsageBillingResult>(client, workflowId, usageProgressQuery);
}
