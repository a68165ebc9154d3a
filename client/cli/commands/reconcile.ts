import { Command } from 'commander';
import type { ReconcileRun } from '../../../api/operations';
import type { SubsyncClient } from '../../ts';
import { CliFailure, clientFor, print, printJson } from '../context';
import { pollRun } from '../poll';
import { Progress, ProgressState } from '../progress';

interface ReconcileOptions {
  repair?: boolean;
  wait: boolean;
  json?: boolean;
}

/** How long one API call waits for the run; the CLI then keeps asking until it completed. */
const WAIT_PER_CALL_MS = 20_000;
/** The workflow keeps the first 200 drifts (workflows/reconcile.ts); the counts cover all of them. */
const DRIFT_LIST_CAP = 200;

/**
 * `subsync reconcile <billing> [account]`: compares billing with every platform and reports the
 * drift (dry run, the default) or repairs it (--repair). Waits for the run; exit 0 once it
 * completed, 1 when it failed.
 */
export function registerReconcileCommand(program: Command): void {
  program
    .command('reconcile')
    .description('compare packages and points in billing with the platforms; report the drift (dry run) or repair it')
    .argument('<billing>', 'billing system, e.g. isp-integrator')
    .argument('[account]', 'one billing account; without it every account')
    .option('--repair', 'fix the drift: each drifted account gets a sync, applied by its subscriber workflow')
    .option('--no-wait', 'start the run and print its workflow id without waiting')
    .option('--json', 'print the API answer as JSON')
    .addHelpText(
      'after',
      '\nExit codes: 0 the run completed (drift or not), 1 it failed or the API could not be reached, 2 invalid input.\n' +
        'Example: subsync reconcile isp-integrator            # dry run over every account\n' +
        '         subsync reconcile isp-integrator 1001 --repair',
    )
    .action(async (billing: string, account: string | undefined, options: ReconcileOptions, command: Command) => {
      const client = clientFor(command);
      const started = await client.reconcile({ billing, account, repair: options.repair ?? false }, { wait: options.wait, timeoutMs: WAIT_PER_CALL_MS });
      let run = started;
      if (options.wait) {
        const progress = new Progress({ job: `reconcile ${billing}${account ? ` ${account}` : ''}`, unit: 'accounts', json: options.json });
        try {
          run = await pollRun(started, () => readRun(client, started.workflowId), undefined, (r) => progress.update(progressOf(r)));
        } finally {
          progress.stop();
        }
      }
      if (options.json) printJson(run);
      else print(options.wait ? describeRun(run, account) : `started reconcile run ${run.workflowId}`);
      if (run.status !== 'RUNNING' && run.status !== 'COMPLETED') throw new CliFailure(`reconcile run ${run.workflowId} ${run.status.toLowerCase()}${run.failure ? `: ${run.failure}` : ''}`, 1);
    });
}

async function readRun(client: SubsyncClient, workflowId: string): Promise<ReconcileRun> {
  const run = await client.getReconciliation(workflowId);
  if (!run) throw new CliFailure(`reconcile run ${workflowId} is gone`, 1);
  return run;
}

function progressOf(run: ReconcileRun): ProgressState {
  const s = run.summary;
  if (!s) return {};
  // Billing's accounts are listed first: until then the total is unknown.
  return { done: s.checked + s.skipped, total: s.accounts, detail: `drifted ${s.drifted}${s.repair ? `, repairs requested ${s.repairsRequested}` : ''}${s.skipped ? `, skipped ${s.skipped}` : ''}` };
}

function describeRun(run: ReconcileRun, account: string | undefined): string {
  const s = run.summary;
  if (!s) return `reconcile run ${run.workflowId}: ${run.status.toLowerCase()}`;
  const lines = [
    `${s.repair ? 'repair' : 'dry run'}: ${s.billing} ${account ? `account ${account}` : `every account (${s.accounts})`} (${run.workflowId})`,
    `checked ${s.checked}, drifted ${s.drifted}, repairs requested ${s.repairsRequested}, skipped ${s.skipped}`,
  ];
  if (account && s.checked === 0 && s.skipped === 0) lines.push(`billing has no account ${account}`);
  for (const d of s.drift) lines.push(`  ${d.account} ${d.platform} ${d.subscription ?? '-'}: ${d.steps.join(', ')}`);
  if (s.drift.length >= DRIFT_LIST_CAP) lines.push(`  (only the first ${s.drift.length} drifts are listed)`);
  for (const k of s.skippedAccounts) lines.push(`  skipped ${k.account}: ${k.reason}`);
  if (s.drifted > 0) lines.push(s.repair ? 'each drifted account was sent a sync; subsync status <billing> <account> shows its progress' : 'nothing was changed; run again with --repair to fix the drift');
  // Subscribers created under another spelling of one account (before the API checked account ids): each would charge it.
  for (const d of run.duplicates ?? []) lines.push(`duplicate: ${d.billing} account ${d.account} has ${d.workflowIds.length} subscriber workflows: ${d.workflowIds.join(', ')}; keep subscriber:${d.billing}:${d.account}, terminate the others`);
  return lines.join('\n');
}
