import { Command } from 'commander';
import { clientFor, print, printJson } from '../context';
import { table } from '../format';

/** `subsync parked list`: every subscriber waiting for an operator's retry or skip. */
export function registerParkedCommand(program: Command): void {
  const parked = program.command('parked').description('commands parked after a permanent error');
  parked
    .command('list')
    .description('list subscribers whose command waits for retry or skip')
    .option('--json', 'print the API answer as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const list = await clientFor(command).listParked();
      if (options.json) return printJson(list);
      if (list.length === 0) return print('nothing is parked');
      print(table(['BILLING', 'ACCOUNT', 'SINCE', 'REASON'], list.map((p) => [p.billing, p.account, p.since, p.reason])));
    });
}
