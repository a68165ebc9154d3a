import {
  Client,
  ScheduleAlreadyRunning,
  ScheduleDescription,
  ScheduleNotFoundError,
  ScheduleOverlapPolicy,
  ScheduleUpdateOptions,
} from '@temporalio/client';
import type { Config } from '../config/schema';
import { describeRun, RunView } from './run-view';
import {
  dueDateFor,
  InvoicingProgress,
  invoicingProgressQuery,
  InvoicingResult,
  isIsoDate,
  TvInvoicingInput,
  tvInvoicingWorkflowType,
} from '../workflows/tv-invoicing';

/**
 * Monthly TV invoicing as a Temporal Schedule, plus direct runs. Plain functions over a Temporal
 * Client, for the CLI and the HTTP API. The Schedule only supplies the time: each run derives its
 * due date from its scheduled time, so trigger-now and backfills bill the right month.
 */

/** The parts of the config these functions read. */
export interface InvoicingSettings {
  temporal: Pick<Config['temporal'], 'taskQueue'>;
  invoicing: Config['invoicing'];
}

/** A run the Schedule started (now, on time, or as a backfill). */
export interface InvoicingScheduledRun {
  workflowId: string;
  firstExecutionRunId: string;
  scheduledAt: Date;
  takenAt: Date;
}

export interface InvoicingScheduleView {
  scheduleId: string;
  paused: boolean;
  note?: string;
  calendar: { dayOfMonth: number; hour: number; minute: number };
  timezone: string;
  dueDayOfMonth: number;
  overlap: ScheduleOverlapPolicy;
  catchupWindowMs: number;
  nextRunTimes: Date[];
  recentRuns: InvoicingScheduledRun[];
  runningWorkflowIds: string[];
}

export type InvoicingRunView = RunView<InvoicingProgress, InvoicingResult>;

/** If the server was down at the scheduled time, still run when it is back within this window; a later start needs a backfill. */
const CATCHUP_WINDOW = '2 days';
const ACTION_WAIT_MS = 15_000;

export const invoicingScheduleId = (billing: string) => `tv-invoicing:${billing}`;
export const invoicingRunId = (billing: string, dueDate: string, dryRun = false) => `tv-invoicing:${billing}:${dueDate}${dryRun ? ':dry-run' : ''}`;

/** The workflow input every run gets from the config; a direct run adds its due date. */
export function invoicingInput(config: InvoicingSettings): TvInvoicingInput {
  const c = config.invoicing;
  return {
    billing: c.billing,
    dueDayOfMonth: c.dueDayOfMonth,
    timezone: c.timezone,
    pageSize: c.pageSize,
    concurrency: c.concurrency,
    pagesPerActivity: c.pagesPerActivity,
    trackEverySeconds: c.trackEverySeconds,
    trackForHours: c.trackForHours,
  };
}

function scheduleDefinition(config: InvoicingSettings): Omit<ScheduleUpdateOptions, 'state'> {
  const c = config.invoicing;
  return {
    spec: {
      calendars: [{ dayOfMonth: c.dayOfMonth, hour: c.hour, minute: c.minute, comment: 'monthly TV invoicing (Faturamento TV)' }],
      timezone: c.timezone,
    },
    action: {
      type: 'startWorkflow',
      workflowType: tvInvoicingWorkflowType,
      // Temporal appends the scheduled time, e.g. tv-invoicing:isp-integrator-2025-10-01T09:00:00Z.
      workflowId: invoicingScheduleId(c.billing),
      taskQueue: config.temporal.taskQueue,
      args: [invoicingInput(config)],
      staticSummary: `TV invoicing (Faturamento TV) for ${c.billing}, due day ${c.dueDayOfMonth}`,
    },
    // A month's run may still be tracking when the next one is due; skipping beats piling up.
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: CATCHUP_WINDOW, pauseOnFailure: false },
  };
}

/**
 * Creates the Schedule `tv-invoicing:<billing>` or brings its calendar and input up to date.
 * `invoicing.paused: true` pauses it; `false` lifts only a pause the config made, so an operator's
 * pause (CLI) survives restarts until they unpause it.
 */
export async function ensureInvoicingSchedule(client: Client, config: InvoicingSettings): Promise<{ scheduleId: string; created: boolean }> {
  const scheduleId = invoicingScheduleId(config.invoicing.billing);
  const definition = scheduleDefinition(config);
  const configNote = 'paused by config (invoicing.paused)';
  try {
    await client.schedule.create({ scheduleId, ...definition, state: { paused: config.invoicing.paused, note: config.invoicing.paused ? configNote : 'created by subsync' } });
    return { scheduleId, created: true };
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
  await client.schedule.getHandle(scheduleId).update((previous) => {
    if (config.invoicing.paused) return { ...definition, state: { paused: true, note: configNote } };
    const pausedByConfig = previous.state.paused && previous.state.note === configNote;
    return { ...definition, state: pausedByConfig ? { paused: false, note: 'unpaused by config (invoicing.paused)' } : { paused: previous.state.paused, note: previous.state.note } };
  });
  return { scheduleId, created: false };
}

export async function pauseInvoicing(client: Client, config: InvoicingSettings, note = 'paused by an operator'): Promise<void> {
  await client.schedule.getHandle(invoicingScheduleId(config.invoicing.billing)).pause(note);
}

export async function unpauseInvoicing(client: Client, config: InvoicingSettings, note = 'unpaused by an operator'): Promise<void> {
  await client.schedule.getHandle(invoicingScheduleId(config.invoicing.billing)).unpause(note);
}

/**
 * Starts a run now (also when paused, and also while an earlier run is still tracking: an operator
 * asked for it). Its due date is this month's. Returns the run once the Schedule has started it.
 */
export async function triggerInvoicingNow(client: Client, config: InvoicingSettings): Promise<InvoicingScheduledRun | undefined> {
  const handle = client.schedule.getHandle(invoicingScheduleId(config.invoicing.billing));
  const before = await handle.describe();
  await handle.trigger(ScheduleOverlapPolicy.ALLOW_ALL);
  return newAction(handle.describe.bind(handle), before, () => true);
}

/**
 * Runs the Schedule for `month` (YYYY-MM) as if that month's scheduled time were now: the run's
 * scheduled time is in that month, so it bills that month's due date.
 */
export async function backfillInvoicing(client: Client, config: InvoicingSettings, month: string): Promise<{ month: string; dueDate: string; scheduledAt: Date; run?: InvoicingScheduledRun }> {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) throw new Error(`month "${month}" must be YYYY-MM`);
  const c = config.invoicing;
  const scheduledAt = zonedTimeToUtc({ year: Number(m[1]), month: Number(m[2]), day: c.dayOfMonth, hour: c.hour, minute: c.minute }, c.timezone);
  const handle = client.schedule.getHandle(invoicingScheduleId(c.billing));
  const before = await handle.describe();
  // A day either side holds exactly one monthly firing whatever DST and range-edge rules say.
  const day = 86_400_000;
  await handle.backfill({ start: new Date(scheduledAt.getTime() - day), end: new Date(scheduledAt.getTime() + day), overlap: ScheduleOverlapPolicy.ALLOW_ALL });
  const run = await newAction(handle.describe.bind(handle), before, (a) => Math.abs(a.scheduledAt.getTime() - scheduledAt.getTime()) < day);
  return { month, dueDate: dueDateFor(scheduledAt, c.dueDayOfMonth, c.timezone), scheduledAt, run };
}

export async function describeInvoicingSchedule(client: Client, config: InvoicingSettings): Promise<InvoicingScheduleView | undefined> {
  let d: ScheduleDescription;
  try {
    d = await client.schedule.getHandle(invoicingScheduleId(config.invoicing.billing)).describe();
  } catch (err) {
    if (err instanceof ScheduleNotFoundError) return undefined;
    throw err;
  }
  const cal = d.spec.calendars?.[0];
  const input = d.action.args?.[0] as TvInvoicingInput | undefined;
  return {
    scheduleId: d.scheduleId,
    paused: d.state.paused,
    note: d.state.note,
    calendar: { dayOfMonth: cal?.dayOfMonth[0]?.start ?? 0, hour: cal?.hour[0]?.start ?? 0, minute: cal?.minute[0]?.start ?? 0 },
    timezone: d.spec.timezone ?? 'UTC',
    dueDayOfMonth: input?.dueDayOfMonth ?? 10,
    overlap: d.policies.overlap,
    catchupWindowMs: d.policies.catchupWindow,
    nextRunTimes: d.info.nextActionTimes,
    recentRuns: d.info.recentActions.map(toRun),
    runningWorkflowIds: d.info.runningActions.map((a) => a.workflow.workflowId),
  };
}

/**
 * Starts a run for one due date (default: this month's) under a deterministic id, so asking twice
 * while it runs returns the same run; after it finished, a new run creates nothing twice.
 */
export async function startInvoicingRun(client: Client, config: InvoicingSettings, options: { dueDate?: string; dryRun?: boolean } = {}): Promise<{ workflowId: string; runId: string; dueDate: string; dryRun: boolean }> {
  const c = config.invoicing;
  const dueDate = options.dueDate ?? dueDateFor(new Date(), c.dueDayOfMonth, c.timezone);
  if (!isIsoDate(dueDate)) throw new Error(`dueDate "${dueDate}" must be a date (YYYY-MM-DD)`);
  const dryRun = options.dryRun ?? false;
  const workflowId = invoicingRunId(c.billing, dueDate, dryRun);
  const handle = await client.workflow.start(tvInvoicingWorkflowType, {
    workflowId,
    taskQueue: config.temporal.taskQueue,
    args: [{ ...invoicingInput(config), dueDate, dryRun } satisfies TvInvoicingInput],
    workflowIdConflictPolicy: 'USE_EXISTING',
    staticSummary: `TV invoicing (Faturamento TV) for ${c.billing}, due ${dueDate}${dryRun ? ', dry run' : ''}`,
  });
  return { workflowId, runId: handle.firstExecutionRunId, dueDate, dryRun };
}

/** A run's state: progress while it runs, the summary once done. `ref` is a workflow id or a direct run's due date. */
export async function getInvoicingRun(client: Client, config: InvoicingSettings, ref: { workflowId: string } | { dueDate: string; dryRun?: boolean }): Promise<InvoicingRunView | undefined> {
  const workflowId = 'workflowId' in ref ? ref.workflowId : invoicingRunId(config.invoicing.billing, ref.dueDate, ref.dryRun);
  return describeRun<InvoicingProgress, InvoicingResult>(client, workflowId, invoicingProgressQuery);
}

const toRun = (a: ScheduleDescription['info']['recentActions'][number]): InvoicingScheduledRun => ({
  workflowId: a.action.workflow.workflowId,
  firstExecutionRunId: a.action.workflow.firstExecutionRunId,
  scheduledAt: a.scheduledAt,
  takenAt: a.takenAt,
});

/** The Schedule acts asynchronously: wait until the action we asked for shows up among its recent actions. */
async function newAction(describe: () => Promise<ScheduleDescription>, before: ScheduleDescription, matches: (run: InvoicingScheduledRun) => boolean): Promise<InvoicingScheduledRun | undefined> {
  const known = new Set(before.info.recentActions.map((a) => a.action.workflow.workflowId));
  const deadline = Date.now() + ACTION_WAIT_MS;
  while (Date.now() < deadline) {
    const now = await describe();
    const run = now.info.recentActions.map(toRun).find((r) => !known.has(r.workflowId) && matches(r));
    if (run) return run;
    await new Promise((r) => setTimeout(r, 200));
  }
  return undefined;
}

/** The instant a wall-clock time in `timeZone` happens (the later offset wins in a DST overlap). */
export function zonedTimeToUtc(t: { year: number; month: number; day: number; hour: number; minute: number }, timeZone: string): Date {
  const asUtc = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute);
  let instant = asUtc - offsetMs(new Date(asUtc), timeZone);
  instant = asUtc - offsetMs(new Date(instant), timeZone);
  return new Date(instant);
}

/** How far `timeZone`'s wall clock is ahead of UTC at `at`. */
function offsetMs(at: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })
      .formatToParts(at)
      .map((p) => [p.type, Number(p.value)]),
  );
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return wall - Math.floor(at.getTime() / 1000) * 1000;
}
