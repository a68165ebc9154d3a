import { Command, InvalidArgumentError } from 'commander';
import type { InvoicingRunStatus, InvoicingSchedule, ScheduledInvoicingRun } from '../../../api/operations';
import type { SubsyncClient } from '../../ts';
import type { InvoicingSummary, TrackingView } from '../../../workflows/tv-invoicing';
import { parseMonth } from '../arguments';
import { CliFailure, clientFor, print, printJson } from '../context';
import { fields, reais, scheduleFields, section, table } from '../format';
import { pollRun } from '../poll';
import { Progress, ProgressState } from '../progress';

/**
 * `subsync invoicing ...`: monthly TV invoicing (Faturamento TV). `run` starts a run for a due
 * date (a dry run prints what would be created), `status` follows one, `schedule` shows and
 * steers the Temporal Schedule that runs it every month.
 */
export function registerInvoicingCommands(program: Command): void {
  const invoicing = program.command('invoicing').description('monthly TV invoicing (Faturamento TV): runs and the schedule');

  invoicing
    .command('run')
    .description('create the Pending TV billing events of one due date (re-running creates nothing twice)')
    .option('--due-date <date>', "the due date (Vencimento), YYYY-MM-DD; default: this month's", parseDate)
    .option('--billing <billing>', 'ISP-Integrator billing system; default: the one the config invoices')
    .option('--dry-run', 'save nothing; print what would be created (implies --wait)')
    .option('--wait', 'wait until the events are created and print the summary')
    .option('--json', 'print the API answer as JSON')
    .addHelpText('after', '\nExample: subsync invoicing run --due-date 2026-12-10 --dry-run')
    .action(async (options: { dueDate?: string; billing?: string; dryRun?: boolean; wait?: boolean; json?: boolean }, command: Command) => {
      const client = clientFor(command);
      const started = await client.startInvoicingRun({ billing: options.billing, dueDate: options.dueDate, dryRun: options.dryRun });
      if (!options.wait && !options.dryRun) {
        if (options.json) return printJson(started);
        return print(`started TV invoicing run ${started.workflowId} (${started.billing}, due ${started.dueDate})\nfollow it: subsync invoicing status ${started.workflowId}`);
      }
      report(await followRun(client, started.workflowId, options.json), options.json);
    });

  invoicing
    .command('status')
    .description('progress of an invoicing run, or its summary once the events are created')
    .argument('<workflowId>', 'the run\'s workflow id, e.g. tv-invoicing:isp-integrator:2026-12-10')
    .option('--json', 'print the API answer as JSON')
    .action(async (workflowId: string, options: { json?: boolean }, command: Command) => {
      report(await readRun(clientFor(command), workflowId), options.json);
    });

  registerScheduleCommands(invoicing);
}

function registerScheduleCommands(invoicing: Command): void {
  const schedule = invoicing.command('schedule').description('the Temporal Schedule that runs TV invoicing every month');

  schedule
    .command('show')
    .description('calendar, paused or not, next and recent runs')
    .option('--json', 'print the API answer as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const found = await clientFor(command).getInvoicingSchedule();
      if (!found) throw new CliFailure('no TV invoicing schedule: subsync creates it when it starts with the invoiced billing system configured', 1);
      if (options.json) return printJson(found);
      print(describeSchedule(found));
    });

  for (const action of ['pause', 'unpause'] as const) {
    schedule
      .command(action)
      .description(action === 'pause' ? 'stop runs from starting on time (trigger and backfill still work)' : 'let runs start on time again')
      .option('--note <text>', 'why, shown on the Schedule in the Temporal UI')
      .action(async (options: { note?: string }, command: Command) => {
        const client = clientFor(command);
        const after = action === 'pause' ? await client.pauseInvoicing(options.note) : await client.unpauseInvoicing(options.note);
        print(`${after.paused ? 'paused' : 'unpaused'} ${after.scheduleId}${after.note ? ` (${after.note})` : ''}`);
      });
  }

  schedule
    .command('trigger')
    .description("run it now, for this month's due date (also when paused)")
    .action(async (_options: unknown, command: Command) => {
      const { scheduleId, run } = await clientFor(command).triggerInvoicing();
      print(run ? `triggered ${scheduleId}: run ${run.workflowId}` : `triggered ${scheduleId}; the run has not started yet: see subsync invoicing schedule show`);
    });

  schedule
    .command('backfill')
    .description("run it for one month, billing that month's due date (e.g. a month missed while Temporal was down)")
    .requiredOption('--month <YYYY-MM>', 'the month to bill', parseMonth)
    .option('--wait', 'follow the run until its events are created and print the summary')
    .option('--json', 'print the run as JSON (with --wait)')
    .action(async (options: { month: string; wait?: boolean; json?: boolean }, command: Command) => {
      const client = clientFor(command);
      const done = await client.backfillInvoicing(options.month);
      const line = `backfilled ${done.month} (due ${done.dueDate}, as scheduled at ${done.scheduledAt})${done.run ? `: run ${done.run.workflowId}` : '; the run has not started yet'}`;
      if (!options.wait) return print(line);
      if (!done.run) throw new CliFailure(`${line}; follow it with subsync invoicing schedule show`, 1);
      if (!options.json) print(line);
      report(await followRun(client, done.run.workflowId, options.json), options.json);
    });
}

/** Polls a run, showing its progress, until its events are created (a real run then keeps running to track Pending → Processed). */
async function followRun(client: SubsyncClient, workflowId: string, json: boolean | undefined): Promise<InvoicingRunStatus> {
  const progress = new Progress({ job: `invoicing ${workflowId}`, unit: 'customers', json });
  try {
    const first = await readRun(client, workflowId);
    return await pollRun(first, () => readRun(client, workflowId), (r) => r.status !== 'RUNNING' || r.progress?.summary !== undefined, (r) => progress.update(progressOf(r)));
  } finally {
    progress.stop();
  }
}

/** Customer plans invoiced so far; the listing is paged by cursor, so the total is unknown until the end. */
function progressOf(run: InvoicingRunStatus): ProgressState {
  const p = run.progress;
  if (!p) return {};
  return { done: p.customersDone, detail: `${p.eventsCreated} events ${p.dryRun ? 'would be created' : 'created'}, ${p.eventsExisting} existing, ${p.parkedCount} parked, ${p.pagesDone} pages` };
}

async function readRun(client: SubsyncClient, workflowId: string): Promise<InvoicingRunStatus> {
  const run = await client.getInvoicingRun(workflowId);
  if (!run) throw new CliFailure(`no TV invoicing run ${workflowId}`, 1);
  return run;
}

function report(run: InvoicingRunStatus, json: boolean | undefined): void {
  if (json) printJson(run);
  else print(describeRun(run));
  if (run.status !== 'RUNNING' && run.status !== 'COMPLETED') throw new CliFailure(`TV invoicing run ${run.workflowId} ${run.status.toLowerCase()}${run.failure ? `: ${run.failure}` : ''}`, 1);
}

function describeRun(run: InvoicingRunStatus): string {
  const summary = run.result?.summary ?? run.progress?.summary;
  const tracking = run.result?.tracking ?? run.progress?.tracking;
  const head: [string, string | undefined][] = [['run', `${run.workflowId} (${run.status.toLowerCase()})`]];
  if (!summary) {
    const p = run.progress;
    if (!p) return fields([...head, ['failure', run.failure]]);
    return fields([
      ...head,
      ['due date', p.dueDate],
      ['invoicing', `${p.customersDone} customers, ${p.eventsCreated} events ${p.dryRun ? 'would be created' : 'created'}, ${p.eventsExisting} already existing, ${p.totalValueFormatted}, ${p.parkedCount} parked (${p.pagesDone} pages so far)`],
    ]);
  }
  return [fields([...head, ...summaryFields(summary), ['tracking', tracking && describeTracking(tracking)]]), ...summaryTables(summary)].join('\n');
}

function summaryFields(s: InvoicingSummary): [string, string | undefined][] {
  const verb = s.dryRun ? 'would be created' : 'created';
  return [
    ['billing', s.billing],
    ['due date', s.dueDate],
    ['mode', s.dryRun ? 'dry run: nothing was saved' : undefined],
    ['customers', String(s.customers)],
    ['events', `${s.eventsCreated} ${verb}, ${s.eventsExisting} already existing`],
    ['value', `${reais(s.createdValue)} ${verb}, ${s.totalValueFormatted} for the due date`],
    ['parked', String(s.parkedCount)],
  ];
}

function summaryTables(s: InvoicingSummary): string[] {
  const out: string[] = [];
  if (s.sample) {
    const title = s.sample.length < s.eventsCreated ? `Would create (first ${s.sample.length} of ${s.eventsCreated})` : 'Would create';
    out.push(
      section(
        title,
        s.sample.length
          ? table(['CUSTOMER', 'NAME', 'PLAN', 'PACKAGES', 'VALUE'], s.sample.map((e) => [e.customerId, e.customerName, e.contractedPlanId, e.items.map((i) => `${i.name} ${reais(i.price)}`).join(', '), reais(e.total)]))
          : undefined,
      ),
    );
  }
  if (s.parkedCount > 0) {
    const title = s.parked.length < s.parkedCount ? `Parked (first ${s.parked.length} of ${s.parkedCount})` : 'Parked';
    out.push(section(title, table(['CUSTOMER', 'NAME', 'PLAN', 'REASON'], s.parked.map((p) => [p.customerId, p.customerName, p.contractedPlanId, p.reason]))));
  }
  return out;
}

function describeTracking(t: TrackingView): string {
  const state = t.outcome === 'all_processed' ? 'all processed' : t.outcome === 'gave_up' ? 'gave up waiting' : 'waiting for the standard billing run';
  return `${t.pending} pending (${reais(t.pendingValue)}), ${t.processed} processed (${reais(t.processedValue)}), ${state}`;
}

function describeSchedule(s: InvoicingSchedule): string {
  return [
    fields([
      ...scheduleFields(s),
      ['bills', `due day ${s.dueDayOfMonth} of the run's month`],
      ['overlap', s.overlap],
      ['next runs', s.nextRunTimes.length ? s.nextRunTimes.join(', ') : '(none)'],
      ['running', s.runningWorkflowIds.length ? s.runningWorkflowIds.join(', ') : undefined],
    ]),
    section('Recent runs', s.recentRuns.length ? table(['WORKFLOW', 'SCHEDULED', 'STARTED'], s.recentRuns.map((r: ScheduledInvoicingRun) => [r.workflowId, r.scheduledAt, r.takenAt])) : undefined),
  ].join('\n');
}

function parseDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new InvalidArgumentError('expected a date as YYYY-MM-DD');
  return value;
}
