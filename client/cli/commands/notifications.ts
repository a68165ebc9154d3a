import { Command, InvalidArgumentError, Option } from 'commander';
import type { NotificationEndpointView, NotificationMessageView } from '../../../api/notification-operations';
import { CliFailure, clientFor, print, printJson } from '../context';
import { fields, section, table } from '../format';

/**
 * `subsync notifications ...`: NotificationDispatcher's outbox. Endpoints and their state, the
 * backlog and failures, one message with its attempt log, resend one message, recover an
 * endpoint's failed messages since a date, enable or disable an endpoint.
 */
export function registerNotificationCommands(program: Command): void {
  const notifications = program.command('notifications').description('NotificationDispatcher: endpoints, backlog, failures, resend and recover');

  notifications
    .command('endpoints')
    .description('every endpoint: enabled or why not, backing off or not, pending, failed and delivered counts')
    .option('--json', 'print the API answer as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const list = await clientFor(command).listNotificationEndpoints();
      if (options.json) return printJson(list);
      if (list.length === 0) return print('no notification endpoint is configured');
      print(table(['ENDPOINT', 'TYPE', 'STATE', 'PENDING', 'DUE', 'FAILED', 'DELIVERED', 'TARGET'], list.map((e) => [e.name, e.type, state(e), e.pending, e.due, e.failed, e.delivered, e.target])));
    });

  const endpoint = notifications.command('endpoint').description('enable or disable one endpoint');
  for (const action of ['enable', 'disable'] as const) {
    endpoint
      .command(action)
      .description(action === 'enable' ? 'deliver to it again, at once, everything that waits (its backoff is forgotten)' : 'stop delivering to it (messages keep waiting in the outbox)')
      .argument('<name>', 'the endpoint, as named in notifications.endpoints')
      .option('--note <text>', 'why (kept as the reason)')
      .action(async (name: string, options: { note?: string }, command: Command) => {
        const client = clientFor(command);
        const e = action === 'enable' ? await client.enableNotificationEndpoint(name, options.note) : await client.disableNotificationEndpoint(name, options.note);
        print(`${e.name}: ${state(e)}, ${e.pending} pending`);
      });
  }

  for (const status of ['backlog', 'failures'] as const) {
    notifications
      .command(status)
      .description(status === 'backlog' ? 'messages waiting for delivery, oldest first, with their next attempt' : 'messages whose retry schedule ran out, newest first, with the last error')
      .option('--endpoint <name>', 'only this endpoint')
      .option('--since <date>', 'only messages stored since (ISO 8601)', parseSince)
      .addOption(new Option('--limit <n>', 'at most this many').argParser(parseLimit).default(50))
      .option('--json', 'print the API answer as JSON')
      .action(async (options: { endpoint?: string; since?: string; limit: number; json?: boolean }, command: Command) => {
        const list = await clientFor(command).listNotificationDeliveries({ status: status === 'backlog' ? 'pending' : 'failed', endpoint: options.endpoint, since: options.since, limit: options.limit });
        if (options.json) return printJson(list);
        if (list.length === 0) return print(status === 'backlog' ? 'nothing is waiting' : 'nothing has failed');
        print(
          status === 'backlog'
            ? table(['ENDPOINT', 'MESSAGE', 'TYPE', 'ATTEMPTS', 'NEXT ATTEMPT', 'LAST ERROR'], list.map((d) => [d.endpoint, d.messageId, d.type, d.attempts, d.nextAttemptAt, d.lastError]))
            : table(['ENDPOINT', 'MESSAGE', 'TYPE', 'ATTEMPTS', 'LAST ATTEMPT', 'LAST ERROR'], list.map((d) => [d.endpoint, d.messageId, d.type, d.attempts, d.lastAttemptAt, d.lastError])),
        );
      });
  }

  notifications
    .command('message')
    .description('one message: its data, its delivery to each endpoint and the attempt log')
    .argument('<messageId>', 'the message id (the webhook-id)')
    .option('--json', 'print the API answer as JSON')
    .action(async (messageId: string, options: { json?: boolean }, command: Command) => {
      const m = await clientFor(command).getNotificationMessage(messageId);
      if (!m) throw new CliFailure(`no message ${messageId} in the outbox`, 1);
      if (options.json) return printJson(m);
      print(describeMessage(m));
    });

  notifications
    .command('resend')
    .description('deliver one message again, with the same webhook-id (also when it was delivered)')
    .argument('<messageId>', 'the message id (the webhook-id)')
    .option('--endpoint <name>', 'only to this endpoint (default: every endpoint it went to)')
    .action(async (messageId: string, options: { endpoint?: string }, command: Command) => {
      const r = await clientFor(command).resendNotification(messageId, options.endpoint);
      print(`resending ${r.messageId} to ${r.endpoints.join(', ')}`);
    });

  notifications
    .command('recover')
    .description("deliver again every message of an endpoint that gave up, stored since a date")
    .argument('<endpoint>', 'the endpoint, as named in notifications.endpoints')
    .requiredOption('--since <date>', 'messages stored since (ISO 8601, e.g. 2026-12-01)', parseSince)
    .action(async (endpoint: string, options: { since: string }, command: Command) => {
      const r = await clientFor(command).recoverNotifications(endpoint, options.since);
      print(`${r.recovered} failed message${r.recovered === 1 ? '' : 's'} of ${r.endpoint} since ${r.since} will be delivered again`);
    });
}

function state(e: NotificationEndpointView): string {
  if (!e.enabled) return `disabled (${e.disabledReason ?? 'no reason given'})`;
  if (e.pausedUntil) return `backing off until ${e.pausedUntil}`;
  if (e.failingSince) return `failing since ${e.failingSince}`;
  return 'enabled';
}

function describeMessage(m: NotificationMessageView): string {
  return [
    fields([
      ['message', m.messageId],
      ['type', m.type],
      ['source', `${m.source} (${m.feed})`],
      ['occurred', m.occurredAt],
      ['stored', m.createdAt],
      ['order key', m.orderKey],
    ]),
    section('Deliveries', m.deliveries.length ? table(['ENDPOINT', 'STATUS', 'ATTEMPTS', 'DELIVERED', 'NEXT ATTEMPT', 'LAST ERROR'], m.deliveries.map((d) => [d.endpoint, d.status, d.attempts, d.deliveredAt, d.nextAttemptAt, d.lastError])) : undefined),
    section('Attempts', m.attempts.length ? table(['ENDPOINT', '#', 'AT', 'MS', 'OUTCOME', 'STATUS', 'ERROR'], m.attempts.map((a) => [a.endpoint, a.attempt, a.at, Math.round(a.durationMs), a.outcome, a.statusCode, a.error])) : undefined),
    section('Data', JSON.stringify(m.data, null, 2)),
  ].join('\n');
}

function parseSince(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(new Date(value).getTime())) throw new InvalidArgumentError('expected a date or time, ISO 8601 (e.g. 2026-12-01 or 2026-12-01T08:00:00Z)');
  return value;
}

function parseLimit(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new InvalidArgumentError('expected a whole number from 1 to 1000');
  return n;
}
