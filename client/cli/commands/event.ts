import { randomUUID } from 'node:crypto';
import { Argument, Command, InvalidArgumentError } from 'commander';
import { deterministicEventId, lifecycleEventTypes } from '../../../domain/events';
import type { SubsyncClient } from '../../ts';
import { CliFailure, clientFor, print, printJson } from '../context';

interface EventOptions {
  billing: string;
  account: string;
  id?: string;
  stamp?: string;
  stampFromBilling?: boolean;
  login?: string;
  reason?: string;
  service?: string;
  amount?: number;
  paymentId?: string;
  occurredAt?: string;
  wait?: boolean;
  timeout?: number;
  json?: boolean;
}

/**
 * `subsync event <type> ...`: what billing hook scripts call. Exit 0 when the event was
 * accepted or was a duplicate, 2 when it is invalid, 1 on any other failure.
 */
export function registerEventCommand(program: Command): void {
  program
    .command('event')
    .description('send a lifecycle event (what billing hook scripts call)')
    .addArgument(new Argument('<type>', 'event type').choices(lifecycleEventTypes))
    .requiredOption('--billing <billing>', 'billing system, e.g. lanbilling')
    .requiredOption('--account <account>', 'billing account id')
    .option('--id <id>', 'event id; without it: derived from --stamp, else a random UUID')
    .option('--stamp <timestamp>', "billing's timestamp of the change: gives the id the watcher would give it, so both have one effect")
    .option('--stamp-from-billing', 'let subsync look at the account in billing, as its watcher does, and name the event the way the watcher names this change')
    .option('--login <login>', 'platform login (create, link)')
    .option('--reason <reason>', 'block reason: manager | insufficient_funds | user | other')
    .option('--service <service>', 'service name (disable, service.enable, service.disable)')
    .option('--amount <amount>', 'payment amount', parseAmount)
    .option('--payment-id <id>', "billing's payment id")
    .option('--occurred-at <iso>', 'when the change happened (ISO 8601 with offset)')
    .option('--wait', 'wait until the event is applied')
    .option('--timeout <ms>', 'how long --wait waits, in milliseconds', parseMilliseconds)
    .option('--json', 'print the API answer as JSON')
    .addHelpText(
      'after',
      '\nExit codes: 0 accepted or duplicate, 2 invalid event, 1 other errors.\n' +
        'Example: subsync event block --billing lanbilling --account 42 --reason insufficient_funds --stamp-from-billing',
    )
    .action(async (type: string, options: EventOptions, command: Command) => {
      const client = clientFor(command);
      const { id, generated } = await eventId(client, type, options);
      const event = {
        id,
        type,
        billing: options.billing,
        account: options.account,
        login: options.login,
        reason: options.reason,
        service: options.service,
        amount: options.amount,
        paymentId: options.paymentId,
        occurredAt: options.occurredAt,
      };
      const result = await client.submitEvent(event, { wait: options.wait, timeoutMs: options.timeout });
      if (options.json) return printJson(result);
      const status = result.status ? `, ${result.status}` : '';
      print(
        result.outcome === 'duplicate'
          ? `duplicate event ${result.eventId} for ${result.workflowId}: already received, no second effect${status}`
          : `accepted event ${result.eventId} for ${result.workflowId} (${result.position} queued before it${status})`,
      );
      if (generated) print(`event id: ${id}`);
    });
}

async function eventId(client: SubsyncClient, type: string, options: EventOptions): Promise<{ id: string; generated: boolean }> {
  const given = [options.id && '--id', options.stamp && '--stamp', options.stampFromBilling && '--stamp-from-billing'].filter(Boolean);
  if (given.length > 1) throw new CliFailure(`give one of --id, --stamp and --stamp-from-billing, not ${given.join(' and ')}`, 2);
  if (options.id) return { id: options.id, generated: false };
  const named = (stamp: string) => ({ id: deterministicEventId({ billing: options.billing, account: options.account, type, stamp }), generated: false });
  if (options.stamp) return named(options.stamp);
  // subsync reads the account and records the change if its watcher has not yet: the stamp then names it alike for both.
  if (options.stampFromBilling) return named((await client.observeAccount(options.billing, options.account)).stamp);
  return { id: randomUUID(), generated: true };
}

function parseAmount(value: string): number {
  const amount = Number(value.replace(',', '.'));
  if (value.trim() === '' || !Number.isFinite(amount)) throw new InvalidArgumentError('expected a number such as 150 or 150.50');
  return amount;
}

function parseMilliseconds(value: string): number {
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms <= 0) throw new InvalidArgumentError('expected a positive whole number of milliseconds');
  return ms;
}
