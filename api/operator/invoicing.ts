import { Client, ScheduleNotFoundError } from '@temporalio/client';
import type { Connectors } from '../../connectors/registry';
import { tvInvoicingPort } from '../../connectors/tv-billing/port';
import {
  backfillInvoicing,
  describeInvoicingSchedule,
  getInvoicingRun,
  InvoicingScheduledRun,
  InvoicingScheduleView,
  InvoicingSettings,
  invoicingScheduleId,
  pauseInvoicing,
  startInvoicingRun,
  triggerInvoicingNow,
  unpauseInvoicing,
} from '../../schedules/invoicing';
import { isIsoDate } from '../../workflows/tv-invoicing';
import {
  InvalidRequestError,
  InvoicingBackfill,
  InvoicingRunRequest,
  InvoicingRunStarted,
  InvoicingRunStatus,
  InvoicingSchedule,
  NotFoundError,
  ScheduledInvoicingRun,
} from '../operations';
import { billingWith } from './billing';

/**
 * Monthly TV invoicing for operators: direct runs and the Schedule, over schedules/invoicing.ts.
 * This layer checks the request, names the billing system a run is for, and turns the
 * Schedule's dates into ISO strings for the wire.
 */
export interface InvoicingDeps {
  client: Client;
  config: InvoicingSettings;
  connectors: Connectors;
}

const runIdPrefix = 'tv-invoicing:';

/**
 * Months and due dates an operator may bill: 2000-01 to 2099-12. A backfill of "0000-01" would
 * bill a due date in 1900; nothing that old or that far ahead is a real invoicing month.
 * Written as patterns so the OpenAPI document states the same range.
 */
export const MONTH_PATTERN = /^20[0-9]{2}-(0[1-9]|1[0-2])$/;
/** A real calendar date in 2000-2099 (leap days included: in this range every fourth year is one). */
export const DUE_DATE_PATTERN =
  /^(?:20[0-9]{2}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))|20(?:[02468][048]|[13579][26])-02-29)$/;

export async function startRun(deps: InvoicingDeps, request: InvoicingRunRequest): Promise<InvoicingRunStarted> {
  const settings = settingsFor(deps, request.billing);
  if (request.dueDate !== undefined && !(isIsoDate(request.dueDate) && DUE_DATE_PATTERN.test(request.dueDate))) {
    throw new InvalidRequestError([{ path: 'dueDate', message: 'not a date between 2000-01-01 and 2099-12-31 (YYYY-MM-DD)' }]);
  }
  const started = await startInvoicingRun(deps.client, settings, { dueDate: request.dueDate, dryRun: request.dryRun });
  return { ...started, billing: settings.invoicing.billing };
}

export async function getRun(deps: InvoicingDeps, workflowId: string): Promise<InvoicingRunStatus | null> {
  if (!workflowId.startsWith(runIdPrefix)) return null;
  return (await getInvoicingRun(deps.client, deps.config, { workflowId })) ?? null;
}

export async function getSchedule(deps: InvoicingDeps): Promise<InvoicingSchedule | null> {
  const view = await describeInvoicingSchedule(deps.client, deps.config);
  return view ? scheduleOnWire(view) : null;
}

export async function pause(deps: InvoicingDeps, note?: string): Promise<InvoicingSchedule> {
  await onSchedule(deps, () => pauseInvoicing(deps.client, deps.config, note));
  return mustGetSchedule(deps);
}

export async function unpause(deps: InvoicingDeps, note?: string): Promise<InvoicingSchedule> {
  await onSchedule(deps, () => unpauseInvoicing(deps.client, deps.config, note));
  return mustGetSchedule(deps);
}

export async function trigger(deps: InvoicingDeps): Promise<{ scheduleId: string; run?: ScheduledInvoicingRun }> {
  const run = await onSchedule(deps, () => triggerInvoicingNow(deps.client, deps.config));
  return { scheduleId: scheduleIdOf(deps), run: run && runOnWire(run) };
}

export async function backfill(deps: InvoicingDeps, month: string): Promise<InvoicingBackfill> {
  if (!MONTH_PATTERN.test(month)) throw new InvalidRequestError([{ path: 'month', message: 'not a month between 2000-01 and 2099-12 (YYYY-MM)' }]);
  const done = await onSchedule(deps, () => backfillInvoicing(deps.client, deps.config, month));
  return { month: done.month, dueDate: done.dueDate, scheduledAt: done.scheduledAt.toISOString(), run: done.run && runOnWire(done.run) };
}

/** The settings for a run of `billing`, which must be a billing system with TV invoicing. */
function settingsFor(deps: InvoicingDeps, billing: string | undefined): InvoicingSettings {
  if (billing === undefined || billing === deps.config.invoicing.billing) return deps.config;
  billingWith(deps.connectors, tvInvoicingPort, billing);
  return { ...deps.config, invoicing: { ...deps.config.invoicing, billing } };
}

const scheduleIdOf = (deps: InvoicingDeps) => invoicingScheduleId(deps.config.invoicing.billing);
export const scheduleIdFor = scheduleIdOf;

async function onSchedule<T>(deps: InvoicingDeps, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (err) {
    if (err instanceof ScheduleNotFoundError) throw scheduleMissing(deps);
    throw err;
  }
}

async function mustGetSchedule(deps: InvoicingDeps): Promise<InvoicingSchedule> {
  const schedule = await getSchedule(deps);
  if (!schedule) throw scheduleMissing(deps);
  return schedule;
}

function scheduleMissing(deps: InvoicingDeps): NotFoundError {
  const billing = deps.config.invoicing.billing;
  return new NotFoundError(`no invoicing schedule "${scheduleIdOf(deps)}": subsync creates it when it starts with billing system "${billing}" configured`);
}

function scheduleOnWire(view: InvoicingScheduleView): InvoicingSchedule {
  return {
    ...view,
    overlap: String(view.overlap),
    nextRunTimes: view.nextRunTimes.map((t) => t.toISOString()),
    recentRuns: view.recentRuns.map(runOnWire),
  };
}

function runOnWire(run: InvoicingScheduledRun): ScheduledInvoicingRun {
  return { ...run, scheduledAt: run.scheduledAt.toISOString(), takenAt: run.takenAt.toISOString() };
}
