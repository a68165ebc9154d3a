import type { Command } from 'commander';
import { SubsyncClient } from '../ts';

/** What every command needs: the API client for the global --api and --api-key, and stdout/stderr writers. */

export const DEFAULT_API_URL = 'http://127.0.0.1:3000';

export function clientFor(command: Command): SubsyncClient {
  const { api, apiKey } = command.optsWithGlobals<{ api: string; apiKey?: string }>();
  // An empty key is no key: the API then answers 401 naming what to send.
  return new SubsyncClient({ baseUrl: api, apiKey: apiKey || '' });
}

/** Human output and --json output go to stdout. */
export function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

export function printJson(value: unknown): void {
  print(JSON.stringify(value, null, 2));
}

/** Ends the command with a message on stderr and this exit code (anything already printed stays). */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'CliFailure';
  }
}
