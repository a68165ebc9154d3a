import { Command } from 'commander';
import type { UsageRunStatus, UsageSummary } from '../../../api/operations';
import type { UsageParentSummary } from '../../../activities/usage-billing-activities';
import type { SubsyncClient } from '../../ts';
import { parseMonth } from '../arguments';
import { CliFailure, clientFor, print, printJson } from '../context';
import { fields, scheduleFields, section, table } from '../format';
import { pollRun } from '../poll';
import { Progress } from '../progress';

/**
 * `subsync usage ...`: month-end usage billing. `run` bills a month (a dry run prints what would
 * be charged), `status` follows a run, `summary` shows a month's stored summaries, `schedule`
 * the Temporal Schedule that runs it at the start of every month for the month before.
 */
export function registerUsageCommands(program: Command): void {
  const usage = program.command('usage').description('month-end usage billing: runs, summaries and the schedule');

  usage
    .command('run')
    .description("charge each item's seconds of a month to the holder of its parent (re-running charges nothing twice)")
    .option('--month <YYYY-MM>', 'the month to bill; default: last month', parseMonth)
    .option('--service <service>', 'one service only')
    .option('--dry-run', 'charge nothing; print what would be charged (implies --wait)')
    .option('--wait', 'wait until the run is done and print its summary')
    .option('--json', 'print the API answer as JSON')
    .addHelpText('after', '\nExample: subsync usage run --month 2026-10 --dry-run')
    .action(async (options: { month?: string; service?: string; dryRun?: boolean; wait?: boolean; json?: boolean }, command: Command) => {
      const client = clientFor(command);
      const started = await client.startUsageRun({ month: options.month, service: options.service, dryRun: options.dryRun });
      if (!options.wait && !options.dryRun) {
        if (options.json) return printJson(started);
        return print(`started usage billing run ${started.workflowId} (${started.month})\nfollow it: subsync usage status ${started.workflowId}`);
      }
      report(await follow(client, started.workflowId, options.json), options.json);
    });

  usage
    .command('status')
    .description('progress of a usage billing run, or its summary per parent once done')
    .argument('<workflowId>', "the run's workflow id, e.g. usage-billing:2026-10")
    .option('--json', 'print the API answer as JSON')
    .action(async (workflowId: string, options: { json?: boolean }, command: Command) => {
      report(await read(clientFor(command), workflowId), options.json);
    });

  usage
    .command('summary')
    .description("a month's stored summaries, one per service and parent")
    .requiredOption('--month <YYYY-MM>', 'the month', parseMonth)
    .option('--json', 'print the API answer as JSON')
    .action(async (options: { month: string; json?: boolean }, command: Command) => {
      const rows = await clientFor(command).listUsageSummaries(options.month);
      if (options.json) return printJson(rows);
      if (rows.length === 0) return print(`no usage billed for ${options.month}`);
      print(storedTable(rows));
    });

  usage
    .command('schedule')
    .description('the Temporal Schedule of month-end usage billing')
    .option('--json', 'print the API answer as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const s = await clientFor(command).getUsageSchedule();
      if (!s) throw new CliFailure('no usage billing schedule: subsync creates it when it starts with usageBilling.services configured', 1);
      if (options.json) return printJson(s);
      print(
        fields([
          ...scheduleFields(s, ', billing the month before'),
          ['next runs', s.nextRunTimes.join(', ') || '(none)'],
          ['recent runs', s.recentRuns.map((r) => r.workflowId).join(', ') || undefined],
        ]),
      );
    });
}

async function follow(client: SubsyncClient, workflowId: string, json: boolean | undefined): Promise<UsageRunStatus> {
  const progress = new Progress({ job: `usage ${workflowId}`, unit: 'items', json });
  try {
    return await pollRun(await read(client, workflowId), () => read(client, workflowId), undefined, (run) => {
      const parents = run.progress?.parents ?? [];
      progress.update({ done: parents.reduce((n, p) => n + p.items, 0), detail: `${parents.reduce((n, p) => n + p.charged, 0)} charged, ${run.progress?.pages ?? 0} pages` });
    });
  } finally {
    progress.stop();
  }
}

async function read(client: SubsyncClient, workflowId: string): Promise<UsageRunStatus> {
  const run = await client.getUsageRun(workflowId);
  if (!run) throw new CliFailure(`no usage billing run ${workflowId}`, 1);
  return run;
}

function report(run: UsageRunStatus, json: boolean | undefined): void {
  if (json) printJson(run);
  else print(describe(run));
  if (run.status !== 'RUNNING' && run.status !== 'COMPLETED') throw new CliFailure(`usage billing run ${run.workflowId} ${run.status.toLowerCase()}${run.failure ? `: ${run.failure}` : ''}`, 1);
}

function describe(run: UsageRunStatus): string {
  const head: [string, string | undefined][] = [['run', `${run.workflowId} (${run.status.toLowerCase()})`]];
  const r = run.result;
  const p = run.progress;
  const body = r ?? p;
  if (!body) return fields([...head, ['failure', run.failure]]);
  const dryRun = body.dryRun;
  const out = [fields([...head, ['month', `${body.month} (${body.from} – ${body.to})`], ['mode', dryRun ? 'dry run: nothing was charged' : undefined], ['pages', String(body.pages)]])];
  const parents: (UsageParentSummary & { done?: boolean })[] = r ? r.parents : (p?.parents ?? []);
  const verb = dryRun ? 'WOULD CHARGE' : 'CHARGED';
  out.push(
    section(
      'Per parent',
      parents.length
        ? table(
            ['SERVICE', 'PARENT', 'HOLDER', 'ITEMS', 'SECONDS', verb, 'ALREADY', 'UNPAID', 'FAILED'],
            parents.map((s) => [s.service, s.parent, `${s.billing}:${s.account}`, s.items, s.seconds, `${s.charged} (${money(s.chargedAmount)})`, `${s.existing} (${money(s.existingAmount)})`, `${s.unpaid} (${money(s.unpaidAmount)})`, s.failed]),
          )
        : undefined,
    ),
  );
  for (const s of parents) {
    if (s.sample?.length) {
      out.push(section(`Would charge, parent ${s.parent} (first ${s.sample.length} of ${s.items})`, table(['ITEM', 'SESSIONS', 'SECONDS', 'AMOUNT', 'KEY'], s.sample.map((i) => [i.resourceId, i.sessions, i.seconds, `${money(i.amount)}${i.existing ? ' (already charged)' : ''}`, i.idempotencyKey]))));
    }
    if (s.error) out.push(section(`Not billed, parent ${s.parent}`, s.error));
    if (s.failures.length) out.push(section(`Failed, parent ${s.parent}`, table(['ITEM', 'REASON'], s.failures.map((f) => [f.resourceId, f.reason]))));
  }
  return out.join('\n');
}

function storedTable(rows: UsageSummary[]): string {
  return table(
    ['SERVICE', 'PARENT', 'HOLDER', 'ITEMS', 'SECONDS', 'AMOUNT', 'CHARGED', 'ALREADY', 'UNPAID', 'FAILED', 'RUN'],
    rows.map((r) => [r.service, r.parent, `${r.billing}:${r.account}`, r.items, r.seconds, r.amount, `${r.charged} (${r.chargedAmount})`, `${r.existing} (${r.existingAmount})`, `${r.unpaid} (${r.unpaidAmount})`, r.error ? `${r.failed}, not billed: ${r.error}` : r.failed, r.workflowId]),
  );
}

/** Cents as a plain decimal in billing's currency. */
function money(cents: number): string {
  return `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;
}
