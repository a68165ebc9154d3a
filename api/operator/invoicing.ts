import { Client, ScheduleNotFoundError } from '@temporalio/client';
import type { Connectors } from '../../connectors/registry';
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
} from '../../runtime/schedules';
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
import { ispIntegratorNamed } from './billing';

/**
 * Monthly TV invoicing for operators: direct runs and the Schedule, over runtime/schedules.ts.
 * This layer checks the request, names the billing system a run is for, and turns the
 * Schedule's dates into ISO strings for the wire.
 */
export interface InvoicingDeps {
  client: Client;
  config: InvoicingSettings;
  connectors: Connectors;
}

const runIdPrefix = 'tv-invoicing:';
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export async function startRun(deps: InvoicingDeps, request: InvoicingRunRequest): Promise<InvoicingRunStarted> {
  const settings = settingsFor(deps, request.billing);
  if (request.dueDate !== undefined && !isIsoDate(request.dueDate)) throw new InvalidRequestError([{ path: 'dueDate', message: `"${request.dueDate}" is not a date (YYYY-MM-DD)` }]);
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
  if (!MONTH.test(month)) throw new InvalidRequestError([{ path: 'month', message: `"${month}" is not a month (YYYY-MM)` }]);
  const done = await onSchedule(deps, () => backfillInvoicing(deps.client, deps.config, month));
  return { month: done.month, dueDate: done.dueDate, scheduledAt: done.scheduledAt.toISOString(), run: done.run && runOnWire(done.run) };
}

/** The settings for a run of `billing`, which must be an ISP-Integrator billing system. */
function settingsFor(deps: InvoicingDeps, billing: string | undefined): InvoicingSettings {
  if (billing === undefined || billing === deps.config.invoicing.billing) return deps.config;
  ispIntegratorNamed(deps.connectors, billing, 'TV invoicing runs on');
  return { ...deps.config, invoicing: { ...deps.config.invoicing, billing } };
}

const scheduleIdOf = (deps: InvoicingDeps) => invoicingScheduleId(deps.config.invoicing.billing);

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
