import { Command, CommanderError, Option } from 'commander';
import { CredentialError } from '../../api/auth/credentials';
import { InvalidEventError, InvalidRequestError } from '../../api/operations';
import { SubsyncApiError } from '../ts';
import { registerCredentialsCommands } from './commands/credentials';
import { registerEventCommand } from './commands/event';
import { registerHealthCommand } from './commands/health';
import { registerInvoicingCommands } from './commands/invoicing';
import { registerNotificationCommands } from './commands/notifications';
import { registerParkedCommand } from './commands/parked';
import { registerReconcileCommand } from './commands/reconcile';
import { registerResolveCommands } from './commands/resolve';
import { registerSessionCommands } from './commands/sessions';
import { registerStatusCommand } from './commands/status';
import { registerStbCommands } from './commands/stb';
import { registerUsageCommands } from './commands/usage';
import { CliFailure, DEFAULT_API_URL } from './context';

/**
 * The `subsync` command line (bin/subsync): billing hook scripts send events with it and
 * operators inspect and steer. It talks to the HTTP API through SubsyncClient.
 * Exit codes: 0 success, 2 invalid input (usage, event or request), 1 anything else; `stb import`
 * adds 3 (some rows rejected).
 */

const EXIT_FAILURE = 1;
const EXIT_INVALID = 2;

function buildProgram(): Command {
  const program = new Command('subsync')
    .description('keeps ISP subscribers in sync between billing systems and service platforms')
    .version(require('../../package.json').version)
    .addOption(new Option('--api <url>', 'subsync API URL').env('SUBSYNC_API_URL').default(DEFAULT_API_URL))
    // The env variable is the way for hook scripts: a key on the command line shows in `ps`.
    .addOption(new Option('--api-key <key>', 'API credential key (ssk_…); prefer the environment variable').env('SUBSYNC_API_KEY'))
    .showHelpAfterError('(run with --help for usage)')
    // Set before the subcommands exist so they inherit it: failures come back as exit codes.
    .exitOverride();
  registerEventCommand(program);
  registerStatusCommand(program);
  registerParkedCommand(program);
  registerResolveCommands(program);
  registerHealthCommand(program);
  registerReconcileCommand(program);
  registerInvoicingCommands(program);
  registerStbCommands(program);
  registerCredentialsCommands(program);
  registerSessionCommands(program);
  registerUsageCommands(program);
  registerNotificationCommands(program);
  return program;
}

export async function runCli(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    return reportFailure(err);
  }
}

function reportFailure(err: unknown): number {
  // Commander has already printed its own usage message.
  if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : EXIT_INVALID;
  if (err instanceof InvalidEventError) {
    process.stderr.write(`subsync: invalid event\n${err.issues.map((i) => `  ${i.path}: ${i.message}\n`).join('')}`);
    return EXIT_INVALID;
  }
  if (err instanceof CredentialError) {
    process.stderr.write(`subsync: ${err.message}\n`);
    return EXIT_INVALID;
  }
  if (err instanceof InvalidRequestError) {
    process.stderr.write(`subsync: invalid request\n${err.issues.map((i) => `  ${i.path}: ${i.message}\n`).join('')}`);
    return EXIT_INVALID;
  }
  const noAnswer = err instanceof SubsyncApiError && err.status === undefined;
  const refused = err instanceof SubsyncApiError && err.status === 401;
  const hint = noAnswer
    ? '\n  is the API running? point --api or SUBSYNC_API_URL at it'
    : refused
      ? '\n  give an API credential: SUBSYNC_API_KEY=ssk_… (or --api-key); `subsync credentials create` makes one'
      : '';
  process.stderr.write(`subsync: ${err instanceof Error ? err.message : String(err)}${hint}\n`);
  return err instanceof CliFailure ? err.exitCode : EXIT_FAILURE;
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
