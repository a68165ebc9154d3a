import { Command } from 'commander';
import type { OperatorAction } from '../../../workflows/definitions';
import { clientFor, print } from '../context';

/** `subsync retry|skip <billing> <account>`: an operator's decision on a parked command. */
export function registerResolveCommands(program: Command): void {
  register(program, 'retry', 'run the parked command again (after fixing its cause)');
  register(program, 'skip', 'drop the parked command and go on with the next one');
}

function register(program: Command, action: OperatorAction, description: string): void {
  program
    .command(action)
    .description(description)
    .argument('<billing>', 'billing system, e.g. lanbilling')
    .argument('<account>', 'billing account id')
    .option('--note <text>', 'why, for the audit trail')
    .option('--by <who>', 'who decides, for the audit trail', process.env.USER)
    .action(async (billing: string, account: string, options: { note?: string; by?: string }, command: Command) => {
      const result = await clientFor(command).resolveParked(billing, account, { action, by: options.by, note: options.note });
      print(
        action === 'retry'
          ? `retrying command ${result.commandId} of ${billing}/${account}`
          : `skipped command ${result.commandId} of ${billing}/${account}; the next command runs`,
      );
    });
}
