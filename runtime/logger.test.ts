import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { prettyFactory } from 'pino-pretty';
import { activityFields, createLogger, prettyOptions, redactPaths } from './logger';

describe('logger', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'subsync-logger-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** What a logger writing to a fresh file wrote, one parsed JSON object per line. */
  function logged(write: (log: pino.Logger) => void, options: { maxFieldLength?: number } = {}): Record<string, unknown>[] {
    const file = path.join(dir, `${Math.random().toString(36).slice(2)}.log`);
    write(createLogger({ file, level: 'info', ...options }));
    return fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  }

  it('adds nothing outside an activity', () => {
    expect(activityFields()).toEqual({});
  });

  it('never prints a secret', () => {
    const lines: string[] = [];
    const log = pino({ redact: { paths: redactPaths, censor: '[redacted]' } }, { write: (l: string) => void lines.push(l) });
    log.info({ password: 'p4ss', billing: { token: 't0k' }, headers: { authorization: 'Bearer x', cookie: 'sessnum=1' } }, 'connect');
    expect(lines.join()).not.toMatch(/p4ss|t0k|Bearer x|sessnum=1/);
  });

  it('keeps an err given as a message a string', () => {
    const [line] = logged((log) => log.info({ err: 'Deadline exceeded' }, 'event still waiting for delivery'));
    expect(line.err).toBe('Deadline exceeded');
  });

  it('cuts a long field, a long message and a long stack, and marks the cut', () => {
    const err = new Error('x'.repeat(300));
    const [line] = logged((log) => log.warn({ body: 'b'.repeat(250), nested: { list: ['c'.repeat(120), 'short'] }, err, count: 7 }, `m${'m'.repeat(149)}`), { maxFieldLength: 100 });
    expect(line.body).toBe(`${'b'.repeat(100)}…[truncated 150 chars]`);
    expect(line.nested).toEqual({ list: [`${'c'.repeat(100)}…[truncated 20 chars]`, 'short'] });
    expect(line.msg).toBe(`${'m'.repeat(100)}…[truncated 50 chars]`);
    expect((line.err as { message: string }).message).toMatch(/^x{100}…\[truncated 200 chars\]$/);
    expect((line.err as { stack: string }).stack.length).toBeLessThan(140);
    expect(line.count).toBe(7);
  });

  it('keeps the secret redaction when it writes to a file', () => {
    const [line] = logged((log) => log.info({ password: 'p4ss', connector: { token: 't0k' } }, 'login'));
    expect(JSON.stringify(line)).not.toMatch(/p4ss|t0k/);
  });

  it('prints one readable line per entry: time, level, workflow, activity and attempt, message, then the other fields', () => {
    const format = prettyFactory(prettyOptions(false));
    const text = format(
      `${JSON.stringify({ level: 40, time: Date.UTC(2026, 0, 2, 3, 4, 5, 6), pid: 1, hostname: 'h', name: 'subsync', workflowId: 'subscriber:lanbilling:7', runId: 'r-1', activity: 'applyPlatformStep', attempt: 3, taskQueue: 'subsync', msg: 'platform call failed', connector: 'intercom' })}\n`,
    );
    expect(text.trimEnd().split('\n')).toHaveLength(1);
    expect(text).toMatch(/^\[\d\d:\d\d:\d\d\.006\] WARN: subscriber:lanbilling:7 applyPlatformStep#3 platform call failed \{"connector":"intercom"\}$/m);
    expect(text).not.toMatch(/r-1|hostname|taskQueue/);
  });
});
