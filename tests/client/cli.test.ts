import { execFile } from 'node:child_process';
import path from 'node:path';
import { deterministicEventId } from '../../domain/events';
import { startTestApi, TestApi } from './support/api-server';
import { MemoryOperations } from './support/memory-ops';

/**
 * The CLI as billing hook scripts and operators run it: bin/subsync as a child process, from
 * another directory, against the real API listening on a socket (in-memory operations behind it).
 */

const bin = path.resolve(__dirname, '../../bin/subsync');
let api: TestApi;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function subsync(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const withApi = env.SUBSYNC_API_URL ? args : [...args, '--api', api.url];
  const { SUBSYNC_API_URL: _ignored, ...inherited } = process.env;
  return new Promise((resolve) => {
    execFile(bin, withApi, { cwd: '/', env: { ...inherited, ...env }, timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: unknown }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

beforeEach(async () => {
  api = await startTestApi();
});
afterEach(() => api.close());

describe('subsync event', () => {
  it('sends the event, exits 0, and exits 0 again for the duplicate', async () => {
    const first = await subsync(['event', 'create', '--billing', 'lanbilling', '--account', '42', '--login', 'ivanov', '--id', 'hook-42-1']);
    const again = await subsync(['event', 'create', '--billing', 'lanbilling', '--account', '42', '--login', 'ivanov', '--id', 'hook-42-1']);

    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(/^accepted event hook-42-1 for subscriber:lanbilling:42/);
    expect(api.ops.submitCalls[0].input).toEqual({ id: 'hook-42-1', type: 'create', billing: 'lanbilling', account: '42', login: 'ivanov' });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^duplicate event hook-42-1/);
  });

  it('derives the id from --stamp the way the watcher does', async () => {
    const run = await subsync(['event', 'block', '--billing', 'lanbilling', '--account', '42', '--reason', 'insufficient_funds', '--stamp', '2026-11-21 10:00:00']);

    const expected = deterministicEventId({ billing: 'lanbilling', account: '42', type: 'block', stamp: '2026-11-21 10:00:00' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`accepted event ${expected} `);
    expect(api.ops.submitCalls[0].input).toMatchObject({ id: expected, type: 'block', reason: 'insufficient_funds' });
  });

  it('names the event with the stamp subsync gives the account in billing (--stamp-from-billing)', async () => {
    api.ops.stamps.set('lanbilling:42', '3-0123456789ab');
    const run = await subsync(['event', 'block', '--billing', 'lanbilling', '--account', '42', '--reason', 'manager', '--stamp-from-billing']);

    const expected = deterministicEventId({ billing: 'lanbilling', account: '42', type: 'block', stamp: '3-0123456789ab' });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(api.ops.observeCalls).toEqual([{ billing: 'lanbilling', account: '42' }]);
    expect(api.ops.submitCalls[0].input).toMatchObject({ id: expected, type: 'block', reason: 'manager' });
  });

  it('takes one way of naming the event only, and says which it got', async () => {
    const run = await subsync(['event', 'block', '--billing', 'lanbilling', '--account', '42', '--stamp', 'x', '--stamp-from-billing']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('give one of --id, --stamp and --stamp-from-billing, not --stamp and --stamp-from-billing');
    expect(api.ops.submitCalls).toEqual([]);
    expect(api.ops.observeCalls).toEqual([]);
  });

  it('exits 2 when subsync knows no such billing system to take the stamp from, and sends nothing', async () => {
    const run = await subsync(['event', 'block', '--billing', 'nobilling', '--account', '42', '--stamp-from-billing']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('billing: no billing system named "nobilling"');
    expect(api.ops.submitCalls).toEqual([]);
  });

  it('generates and prints a random id when given neither --id nor --stamp', async () => {
    const run = await subsync(['event', 'payment', '--billing', 'lanbilling', '--account', '42', '--amount', '150,50']);

    const printed = /^event id: ([0-9a-f-]{36})$/m.exec(run.stdout)?.[1];
    expect(run.code).toBe(0);
    expect(printed).toBeDefined();
    expect(api.ops.submitCalls[0].input).toMatchObject({ id: printed, type: 'payment', amount: 150.5 });
  });

  it('waits with --wait and reports what became of the event', async () => {
    const run = await subsync(['event', 'activate', '--billing', 'lanbilling', '--account', '42', '--id', 'a-1', '--wait', '--timeout', '5000']);

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/accepted event a-1 .*applied/);
    expect(api.ops.submitCalls[0].options).toEqual({ wait: true, timeoutMs: 5000 });
  });

  it('exits 2 on an invalid event, one issue per line on stderr', async () => {
    const run = await subsync(['event', 'payment', '--billing', 'lanbilling', '--account', '42', '--id', 'bad id', '--amount', '-5']);

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines[0]).toBe('subsync: invalid event');
    expect(lines.slice(1).map((l) => l.trim().split(':')[0]).sort()).toEqual(['amount', 'id']);
  });

  it('exits 2 on bad usage before sending anything', async () => {
    const notNumber = await subsync(['event', 'payment', '--billing', 'lanbilling', '--account', '42', '--amount', 'lots']);
    const noAccount = await subsync(['event', 'activate', '--billing', 'lanbilling']);
    const badType = await subsync(['event', 'explode', '--billing', 'lanbilling', '--account', '42']);

    expect(notNumber.code).toBe(2);
    expect(notNumber.stderr).toMatch(/--amount.*expected a number/);
    expect(noAccount.code).toBe(2);
    expect(noAccount.stderr).toMatch(/--account/);
    expect(badType.code).toBe(2);
    expect(badType.stderr).toMatch(/explode.*create/s);
    expect(api.ops.submitCalls).toHaveLength(0);
  });

  it('exits 1 when the id was used for a different event', async () => {
    await subsync(['event', 'activate', '--billing', 'lanbilling', '--account', '42', '--id', 'e-9']);
    const run = await subsync(['event', 'block', '--billing', 'lanbilling', '--account', '42', '--id', 'e-9']);

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/e-9.*already used for a different event/);
  });

  it('exits 1 with a hint when the API is not reachable', async () => {
    const url = api.url;
    await api.close();

    const run = await subsync(['event', 'sync', '--billing', 'lanbilling', '--account', '42'], { SUBSYNC_API_URL: url });

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`cannot reach the subsync API at ${url}`);
    expect(run.stderr).toMatch(/is the API running\?/);
  });
});

describe('operator commands', () => {
  async function blockedSubscriber(): Promise<void> {
    await api.ops.submitEvent({ id: 'c-1', billing: 'lanbilling', account: '42', type: 'create', login: 'ivanov' });
    await api.ops.submitEvent({ id: 'c-2', billing: 'lanbilling', account: '42', type: 'block', reason: 'insufficient_funds' });
  }
  async function parkedSubscriber(): Promise<void> {
    await blockedSubscriber();
    api.ops.park('lanbilling', '42', 'intercom: login ivanov belongs to another profile');
  }

  it('status shows state, capabilities per platform, the parked command and what is retrying', async () => {
    await blockedSubscriber();
    const retrying = await subsync(['status', 'lanbilling', '42']);
    api.ops.park('lanbilling', '42', 'intercom: login ivanov belongs to another profile');
    const parked = await subsync(['status', 'lanbilling', '42']);

    expect(retrying.code).toBe(0);
    expect(retrying.stdout).toMatch(/^status:\s+blocked \(insufficient_funds\)$/m);
    expect(retrying.stdout).toMatch(/^  intercom\s+intercom\s+yes\s+ivanov\s+p-1\s+door_key$/m);
    expect(retrying.stdout).toMatch(/^  attachToPlatform\s+3\s+SCHEDULED\s+\S+\s+intercom: connect ECONNREFUSED$/m);
    expect(parked.stdout).toMatch(/activate cmd-7 parked since .* \[PermanentError\]/);
    expect(parked.stdout).toContain('reason: intercom: login ivanov belongs to another profile');
    expect(parked.stdout).toContain('subsync retry lanbilling 42');
  });

  it('status --json prints the API answer; an unknown subscriber exits 1', async () => {
    await parkedSubscriber();
    const json = await subsync(['status', 'lanbilling', '42', '--json']);
    const unknown = await subsync(['status', 'lanbilling', '99']);

    expect(JSON.parse(json.stdout)).toEqual(await api.ops.getSubscriber('lanbilling', '42'));
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no subscriber lanbilling\/99/);
  });

  it('parked list shows parked subscribers, or says nothing is parked', async () => {
    const empty = await subsync(['parked', 'list']);
    await parkedSubscriber();
    const one = await subsync(['parked', 'list']);
    const json = await subsync(['parked', 'list', '--json']);

    expect(empty).toMatchObject({ code: 0, stdout: 'nothing is parked\n' });
    expect(one.stdout).toMatch(/^BILLING\s+ACCOUNT\s+SINCE\s+REASON$/m);
    expect(one.stdout).toMatch(/^lanbilling\s+42\s+2026-01-01T00:00:05.000Z\s+intercom: login ivanov belongs to another profile$/m);
    expect(JSON.parse(json.stdout)).toEqual(await api.ops.listParked());
  });

  it('retry and skip resolve the parked command with a note, and exit 1 when nothing is parked', async () => {
    await parkedSubscriber();
    const retry = await subsync(['retry', 'lanbilling', '42', '--note', 'profile merged', '--by', 'anna']);
    const skip = await subsync(['skip', 'lanbilling', '42']);

    expect(retry).toMatchObject({ code: 0, stdout: 'retrying command cmd-7 of lanbilling/42\n' });
    expect(api.ops.decisions).toEqual([{ billing: 'lanbilling', account: '42', action: 'retry', by: 'anna', note: 'profile merged' }]);
    expect(skip.code).toBe(1);
    expect(skip.stderr).toMatch(/nothing is parked for lanbilling\/42/);
  });

  it('health prints each component and exits 1 when something is down', async () => {
    const up = await subsync(['health']);
    api.ops.healthReport = { ok: false, temporal: { ok: true, latencyMs: 4 }, store: { ok: true }, connectors: { intercom: { ok: false, error: 'connect ECONNREFUSED' } } };
    const down = await subsync(['health']);
    const json = await subsync(['health', '--json']);

    expect(up.code).toBe(0);
    expect(up.stdout).toMatch(/^temporal\s+ok\s+1 ms\s+-$/m);
    expect(down.code).toBe(1);
    expect(down.stdout).toMatch(/^connector intercom\s+DOWN\s+-\s+connect ECONNREFUSED$/m);
    expect(down.stderr).toMatch(/unhealthy/);
    expect(JSON.parse(json.stdout)).toEqual(api.ops.healthReport);
  });
});
