import { Command } from 'commander';
import type { SubscriberDetails } from '../../../api/operations';
import { CliFailure, clientFor, print, printJson } from '../context';
import { fields, section, table } from '../format';

/** `subsync status <billing> <account>`: what an operator needs to see about one subscriber. */
export function registerStatusCommand(program: Command): void {
  program
    .command('status')
    .description("a subscriber's state, capabilities per platform, pending and parked commands, and what is retrying")
    .argument('<billing>', 'billing system, e.g. lanbilling')
    .argument('<account>', 'billing account id')
    .option('--json', 'print the API answer as JSON')
    .action(async (billing: string, account: string, options: { json?: boolean }, command: Command) => {
      const details = await clientFor(command).getSubscriber(billing, account);
      if (!details) throw new CliFailure(`no subscriber ${billing}/${account}: subsync has received no event for it`, 1);
      if (options.json) return printJson(details);
      print(describeSubscriber(details));
    });
}

function describeSubscriber(s: SubscriberDetails): string {
  const status = s.blockReason ? `${s.status} (${s.blockReason})` : s.status;
  const parts = [
    fields([
      ['subscriber', `${s.key.billing}/${s.key.account}`],
      ['status', status],
      ['login', s.login],
      ['workflow', `${s.workflowId} (run ${s.runId})`],
      ['current', s.current && `${s.current.type} ${s.current.id}, received ${s.current.receivedAt}`],
    ]),
    section(
      'Platforms',
      s.platforms.length
        ? table(
            ['PLATFORM', 'SERVICE', 'ATTACHED', 'LOGIN', 'PROFILE', 'CAPABILITIES / STATE'],
            // Kinds without capabilities (TV packages, license tickets) say what the platform holds in their summary.
            s.platforms.map((p) => [p.platform, p.service, p.attached ? 'yes' : 'no', p.login, p.profileId, p.capabilities.join(', ') || p.summary || '(none)']),
          )
        : undefined,
    ),
    section(
      'Parked',
      s.parked &&
        `${s.parked.type} ${s.parked.id} parked since ${s.parked.since}${s.parked.errorType ? ` [${s.parked.errorType}]` : ''}\n` +
          `  reason: ${s.parked.reason}\n` +
          `  resolve: subsync retry ${s.key.billing} ${s.key.account}   or   subsync skip ${s.key.billing} ${s.key.account}`,
    ),
    section('Pending', s.pending.length ? table(['ID', 'TYPE', 'RECEIVED'], s.pending.map((c) => [c.id, c.type, c.receivedAt])) : undefined),
    section(
      'Retrying',
      s.retrying.length
        ? table(
            ['ACTIVITY', 'ATTEMPT', 'STATE', 'NEXT ATTEMPT', 'LAST FAILURE'],
            s.retrying.map((a) => [a.activityType, a.attempt, a.state, a.nextAttemptAt, a.lastFailure]),
          )
        : undefined,
    ),
    section(
      'Charges',
      s.charges.length
        ? table(
            ['SERVICE', 'LAST PERIOD', 'UNPAID', 'NEXT CHARGE'],
            s.charges.map((c) => [c.service, c.lastChargedPeriod, c.unpaid && `${c.unpaid.amount} for ${c.unpaid.period}`, c.nextChargeAt]),
          )
        : undefined,
    ),
    section('Recent', s.recent.length ? table(['ID', 'TYPE', 'OUTCOME', 'AT'], s.recent.map((c) => [c.id, c.type, c.outcome, c.at])) : undefined),
    section('Audit (who did what)', s.audit.length ? table(['AT', 'ACTION', 'EVENT/COMMAND', 'BY'], s.audit.map((a) => [a.at, a.action, a.eventId, a.actor ?? 'subsync'])) : undefined),
  ];
  return parts.join('\n');
}
