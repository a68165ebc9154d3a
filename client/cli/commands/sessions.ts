import { Command, InvalidArgumentError } from 'commander';
import { SessionRefusedError } from '../../../api/operations';
import type { SessionAction, SessionRecord } from '../../../api/operations';
import { CliFailure, clientFor, print, printJson } from '../context';
import { fields, table } from '../format';

/**
 * `subsync sessions ...`: sessions on a subscriber's license, booked and controlled through the
 * API (the platform checks them against the license's quota; the subscriber's workflow records
 * them). A refusal (no line free, license blocked) ends the command with exit code 1 and the reason.
 */
export function registerSessionCommands(program: Command): void {
  const sessions = program.command('sessions').description("book and control sessions on a subscriber's license");

  sessions
    .command('list')
    .description("the sessions the subscriber's workflow recorded, most recent first")
    .argument('<billing>')
    .argument('<account>')
    .option('--json', 'print the API answer as JSON')
    .action(async (billing: string, account: string, options: { json?: boolean }, command: Command) => {
      const list = await clientFor(command).listSessions(billing, account);
      if (options.json) return printJson(list);
      if (list.length === 0) return print('no sessions');
      print(table(['SESSION', 'STATUS', 'SUBJECT', 'PLANNED', 'SECONDS', 'RECORDING', 'LICENSE'], list.map((s) => [s.sessionId, s.status, s.subject, s.plannedStart, s.durationSeconds, s.recording ? 'on' : 'off', s.resourceId])));
    });

  sessions
    .command('book')
    .description("book a session on the subscriber's license; prints its session number")
    .argument('<billing>')
    .argument('<account>')
    .option('--service <service>', 'the service to book on, when the subscriber has several with sessions')
    .option('--subject <text>', 'what the session is about')
    .option('--start <time>', 'planned start, ISO 8601 (e.g. 2026-12-01T09:00:00Z)', parseTime)
    .option('--minutes <n>', 'planned length in minutes', parseMinutes)
    .option('--reference <ref>', 'your reference: booking again with it returns the same session (makes retries safe)')
    .option('--json', 'print the API answer as JSON')
    .addHelpText('after', '\nExample: subsync sessions book lanbilling 42 --subject "Weekly review" --start 2026-12-01T09:00:00Z --minutes 30 --reference crm-981')
    .action(async (billing: string, account: string, options: { service?: string; subject?: string; start?: string; minutes?: number; reference?: string; json?: boolean }, command: Command) => {
      const booked = await refused(() =>
        clientFor(command).bookSession(billing, account, { service: options.service, subject: options.subject, plannedStart: options.start, plannedMinutes: options.minutes, reference: options.reference }),
      );
      if (options.json) return printJson(booked);
      print(`booked session ${booked.sessionId} on ${booked.platform} license ${booked.resourceId}`);
    });

  sessions
    .command('show')
    .description('a session as the platform sees it now (status, seconds so far, recording)')
    .argument('<billing>')
    .argument('<account>')
    .argument('<sessionId>')
    .option('--json', 'print the API answer as JSON')
    .action(async (billing: string, account: string, sessionId: string, options: { json?: boolean }, command: Command) => {
      const session = await refused(() => clientFor(command).getSession(billing, account, sessionId));
      if (options.json) return printJson(session);
      print(describe(session));
    });

  const control: [string, SessionAction, string][] = [
    ['start', 'start', "start a booked session: it takes one of the license's concurrent lines"],
    ['end', 'end', 'end a running session: its seconds become billable'],
    ['cancel', 'cancel', 'cancel a booked session'],
  ];
  for (const [name, action, description] of control) {
    sessions
      .command(name)
      .description(description)
      .argument('<billing>')
      .argument('<account>')
      .argument('<sessionId>')
      .option('--json', 'print the API answer as JSON')
      .action(async (billing: string, account: string, sessionId: string, options: { json?: boolean }, command: Command) => {
        const session = await refused(() => clientFor(command).controlSession(billing, account, sessionId, action));
        if (options.json) return printJson(session);
        print(`session ${session.sessionId}: ${session.status}${session.status === 'ended' ? `, ${session.durationSeconds} s` : ''}`);
      });
  }

  sessions
    .command('record')
    .description("switch a running session's recording on (or off with --stop)")
    .argument('<billing>')
    .argument('<account>')
    .argument('<sessionId>')
    .option('--stop', 'switch recording off')
    .option('--json', 'print the API answer as JSON')
    .action(async (billing: string, account: string, sessionId: string, options: { stop?: boolean; json?: boolean }, command: Command) => {
      const session = await refused(() => clientFor(command).controlSession(billing, account, sessionId, options.stop ? 'recording.stop' : 'recording.start'));
      if (options.json) return printJson(session);
      print(`session ${session.sessionId}: recording ${session.recording ? 'on' : 'off'}`);
    });
}

/** The platform's refusal as one line with its code: "refused (quota_exceeded): ...". */
async function refused<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof SessionRefusedError) throw new CliFailure(`refused (${err.refusal}): ${err.message}`, 1);
    throw err;
  }
}

function describe(s: SessionRecord): string {
  return fields([
    ['session', `${s.sessionId} (${s.status})`],
    ['service', `${s.service} on ${s.platform}, license ${s.resourceId}`],
    ['subject', s.subject],
    ['planned', s.plannedStart ? `${s.plannedStart}${s.plannedMinutes ? `, ${s.plannedMinutes} min` : ''}` : undefined],
    ['reference', s.reference],
    ['booked', s.bookedAt],
    ['started', s.startedAt],
    ['ended', s.endedAt],
    ['seconds', String(s.durationSeconds)],
    ['recording', s.recording ? 'on' : 'off'],
  ]);
}

function parseTime(value: string): string {
  if (Number.isNaN(Date.parse(value)) || !/^\d{4}-\d{2}-\d{2}T/.test(value)) throw new InvalidArgumentError('expected an ISO 8601 time such as 2026-12-01T09:00:00Z');
  return value;
}

function parseMinutes(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1440) throw new InvalidArgumentError('expected whole minutes, 1 to 1440');
  return n;
}
