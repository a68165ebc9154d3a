import os from 'node:os';
import { Command, InvalidArgumentError, Option } from 'commander';
import { CredentialInfo, CredentialRegistry } from '../../../api/auth/credentials';
import { describePermission, Permission, Scope, scopeNames, SCOPES } from '../../../api/auth/permissions';
import { loadConfig } from '../../../config/load';
import { Store } from '../../../store/store';
import { CliFailure, print, printJson } from '../context';
import { table } from '../format';

/**
 * `subsync credentials create|list|rotate|revoke`: API credentials, managed on the host like
 * `createuser`: these commands open the store directly (the config's store.url, DATABASE_URL
 * or --store) and never go through the API, so the first credential needs none and a leaked
 * API key cannot mint others. create and rotate print the key once; list never does.
 */
export function registerCredentialsCommands(program: Command): void {
  const credentials = program
    .command('credentials')
    .description('API credentials (works on the store directly, as an operator on the host)')
    .addOption(new Option('--store <url>', 'the store: sqlite:<file> or postgres://…; default: the config\'s store.url').env('DATABASE_URL'));

  credentials
    .command('create')
    .description('create a credential and print its key (shown once)')
    .requiredOption('--name <name>', 'lowercase name, used in audit records (e.g. lanbilling-hooks)')
    .option('--description <text>', 'what it is for', '')
    .option('--scope <scope>', `a scope, repeatable: ${scopeNames.join(', ')}`, collectScope, [] as Scope[])
    .option('--event-types <types>', 'narrow events:write to these event types (comma separated)', list)
    .option('--billing <systems>', 'narrow events:write to these billing systems (comma separated)', list)
    .option('--expires <when>', 'expiration: a date (YYYY-MM-DD) or a number of days ("90d")', parseExpiry, parseExpiry('90d'))
    .option('--json', 'print the credential and key as JSON')
    .addHelpText('after', `\nScopes:\n${Object.entries(SCOPES).map(([s, what]) => `  ${s.padEnd(20)} ${what}`).join('\n')}\n\nExample: subsync credentials create --name lanbilling-hooks --scope events:write --billing lanbilling --expires 365d`)
    .action(async (options: { name: string; description: string; scope: Scope[]; eventTypes?: string[]; billing?: string[]; expires: Date; json?: boolean }, command: Command) => {
      if (options.scope.length === 0) throw new CliFailure('give at least one --scope', 2);
      const narrowed = options.eventTypes || options.billing;
      if (narrowed && !options.scope.includes('events:write')) throw new CliFailure('--event-types and --billing narrow --scope events:write: give it', 2);
      const permissions: Permission[] = options.scope.map((scope) =>
        scope === 'events:write' && narrowed ? { scope, ...(options.eventTypes ? { eventTypes: options.eventTypes as Permission['eventTypes'] } : {}), ...(options.billing ? { billing: options.billing } : {}) } : { scope },
      );
      await withRegistry(command, async (registry) => {
        const { credential, key } = await registry.create({ name: options.name, description: options.description, permissions, expiresAt: options.expires }, actor());
        if (options.json) return printJson({ ...credential, key });
        print(`created credential ${credential.name} (${credential.id}), expires ${credential.expiresAt.toISOString()}\n  ${credential.permissions.map(describePermission).join('\n  ')}`);
        print(`key (shown once; give it to the caller as SUBSYNC_API_KEY or "Authorization: Bearer <key>"):\n${key}`);
      });
    });

  credentials
    .command('list')
    .description('every credential with its scopes and state (never a key)')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withRegistry(command, async (registry) => {
        const all = await registry.list();
        if (options.json) return printJson(all);
        print(all.length ? table(['NAME', 'ID', 'STATE', 'EXPIRES', 'LAST USED', 'PERMISSIONS', 'DESCRIPTION'], all.map(row)) : '(no credentials)');
      });
    });

  credentials
    .command('rotate')
    .description('give a credential a new key (printed once); the old key stops working within 5 s (in a running API server)')
    .argument('<name>', 'the credential, by name or id')
    .option('--expires <when>', 'a new expiration: a date (YYYY-MM-DD) or a number of days ("90d")', parseExpiry)
    .option('--json', 'print the credential and key as JSON')
    .action(async (name: string, options: { expires?: Date; json?: boolean }, command: Command) => {
      await withRegistry(command, async (registry) => {
        const { credential, key } = await registry.rotate(name, actor(), { expiresAt: options.expires });
        if (options.json) return printJson({ ...credential, key });
        print(`rotated credential ${credential.name} (${credential.id}), expires ${credential.expiresAt.toISOString()}; the old key no longer works`);
        print(`key (shown once):\n${key}`);
      });
    });

  credentials
    .command('revoke')
    .description('revoke a credential: its key stops working within 5 s (in a running API server), for good')
    .argument('<name>', 'the credential, by name or id')
    .action(async (name: string, _options: unknown, command: Command) => {
      await withRegistry(command, async (registry) => {
        const credential = await registry.revoke(name, actor());
        print(`revoked credential ${credential.name} (${credential.id}) at ${credential.revokedAt?.toISOString()}`);
      });
    });
}

async function withRegistry(command: Command, run: (registry: CredentialRegistry) => Promise<void>): Promise<void> {
  const { store: url } = command.optsWithGlobals<{ store?: string }>();
  const store = await Store.open(url ?? loadConfig().store.url);
  try {
    await run(new CredentialRegistry(store));
  } finally {
    await store.close();
  }
}

/** Audit records name who managed a credential: the operator's login on the host. */
function actor(): string {
  return `cli:${process.env.SUBSYNC_OPERATOR ?? os.userInfo().username}`;
}

function row(c: CredentialInfo): (string | undefined)[] {
  return [c.name, c.id, c.state, c.expiresAt.toISOString().slice(0, 10), c.lastUsedAt?.toISOString(), c.permissions.map(describePermission).join(', '), c.description || undefined];
}

function collectScope(value: string, previous: Scope[]): Scope[] {
  if (!(scopeNames as string[]).includes(value)) throw new InvalidArgumentError(`unknown scope "${value}"; scopes: ${scopeNames.join(', ')}`);
  return [...previous, value as Scope];
}

function list(value: string): string[] {
  const items = value.split(',').map((v) => v.trim()).filter(Boolean);
  if (items.length === 0) throw new InvalidArgumentError('give at least one value');
  return items;
}

function parseExpiry(value: string): Date {
  const days = /^(\d{1,4})d$/.exec(value);
  if (days) return new Date(Date.now() + Number(days[1]) * 86_400_000);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))) return new Date(`${value}T00:00:00Z`);
  throw new InvalidArgumentError('expected a date (YYYY-MM-DD) or a number of days such as 90d');
}
