import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runSubsync } from '../support/cli';
import { startTestApi, TestApi } from './support/api-server';
import { MemoryOperations } from './support/memory-ops';

/**
 * The operator commands (reconcile, invoicing, stb import) as operators run them: bin/subsync as
 * a child process against the real API on a socket, in-memory operations behind it.
 */

let api: TestApi;
let dir: string;
const subsync = (...args: string[]) => runSubsync(api.url, args);

beforeEach(async () => {
  api = await startTestApi();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'subsync-cli-'));
});
afterEach(async () => {
  await api.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('subsync reconcile', () => {
  it('runs a dry run over the fleet: the counts, one line per drift, the skipped accounts', async () => {
    const run = await subsync('reconcile', 'isp-integrator');

    expect(run).toMatchObject({ code: 0, stderr: '' });
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^dry run: isp-integrator every account \(3\) \(reconcile:isp-integrator:fleet:\S+\)$/);
    expect(lines.slice(1)).toEqual([
      'checked 3, drifted 2, repairs requested 0, skipped 1',
      '  1001 beenius 5001: tv.addExtra telecine',
      '  1002 cdntv 5002: tv.removeExtra hbo, tv.bind BNS000000002',
      '  skipped 1003: TV plan 5003 has no RADIUS login',
      'nothing was changed; run again with --repair to fix the drift',
    ]);
    expect(api.ops.reconcileCalls).toEqual([{ request: { billing: 'isp-integrator', repair: false }, options: { wait: true, timeoutMs: 20_000 } }]);
  });

  it('repairs one account, and prints the answer as JSON with --json', async () => {
    const [repair, json] = await Promise.all([subsync('reconcile', 'isp-integrator', '1001', '--repair'), subsync('reconcile', 'isp-integrator', '1002', '--json')]);

    expect(repair.code).toBe(0);
    expect(repair.stdout).toContain('repair: isp-integrator account 1001');
    expect(repair.stdout).toContain('checked 1, drifted 1, repairs requested 1, skipped 0\n  1001 beenius 5001: tv.addExtra telecine\n');
    expect(repair.stdout).toMatch(/each drifted account was sent a sync/);
    expect(api.ops.reconcileCalls.map((c) => c.request)).toEqual(
      expect.arrayContaining([{ billing: 'isp-integrator', account: '1001', repair: true }, { billing: 'isp-integrator', account: '1002', repair: false }]),
    );
    const answer = JSON.parse(json.stdout);
    expect(answer).toEqual(await api.ops.getReconciliation(answer.workflowId));
  });

  it('starts without waiting with --no-wait, and exits 2 naming an unknown billing system', async () => {
    const [started, unknown] = await Promise.all([subsync('reconcile', 'isp-integrator', '--no-wait'), subsync('reconcile', 'nowhere')]);

    expect(started).toMatchObject({ code: 0, stdout: expect.stringMatching(/^started reconcile run reconcile:isp-integrator:fleet:\S+\n$/) });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('subsync: invalid request\n  billing: no billing system named "nowhere"; configured: lanbilling, isp-integrator\n');
  });
});

describe('subsync invoicing', () => {
  it('run --dry-run prints what would be created: counts, value, sample and parked customers', async () => {
    const run = await subsync('invoicing', 'run', '--due-date', '2026-12-10', '--dry-run');

    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^run:\s+tv-invoicing:isp-integrator:2026-12-10:dry-run \(completed\)$/m);
    expect(run.stdout).toMatch(/^mode:\s+dry run: nothing was saved$/m);
    expect(run.stdout).toMatch(/^customers:\s+3$/m);
    expect(run.stdout).toMatch(/^events:\s+2 would be created, 0 already existing$/m);
    expect(run.stdout).toMatch(/^value:\s+R\$ 107,70 would be created, R\$ 107,70 for the due date$/m);
    expect(run.stdout).toMatch(/^  2001\s+Ana Lima\s+6001\s+HBO R\$ 34,90, Telecine R\$ 42,90\s+R\$ 77,80$/m);
    expect(run.stdout).toMatch(/^  2009\s+Ivo Prado\s+6009\s+items.0.packageId: PKG-HBO is not active$/m);
    expect(api.ops.invoicingRequests).toEqual([{ dueDate: '2026-12-10', dryRun: true }]);
  });

  it('run starts and names the run; with --wait it prints the summary once the events are created', async () => {
    const [started, waited] = await Promise.all([
      subsync('invoicing', 'run', '--due-date', '2026-12-10'),
      subsync('invoicing', 'run', '--due-date', '2027-01-10', '--wait'),
    ]);

    expect(started.code).toBe(0);
    expect(started.stdout).toBe('started TV invoicing run tv-invoicing:isp-integrator:2026-12-10 (isp-integrator, due 2026-12-10)\nfollow it: subsync invoicing status tv-invoicing:isp-integrator:2026-12-10\n');
    expect(waited.code).toBe(0);
    expect(waited.stdout).toMatch(/^run:\s+tv-invoicing:isp-integrator:2027-01-10 \(running\)$/m);
    expect(waited.stdout).toMatch(/^events:\s+2 created, 0 already existing$/m);
    expect(waited.stdout).toMatch(/^tracking:\s+2 pending \(R\$ 107,70\), 0 processed \(R\$ 0,00\), waiting for the standard billing run$/m);
    expect(waited.stdout).not.toMatch(/Would create/);
  });

  it('status shows a run and exits 1 for an unknown one; a bad due date is a usage error', async () => {
    await api.ops.startInvoicingRun({ dueDate: '2026-12-10', dryRun: true });

    const [status, unknown, badDate] = await Promise.all([
      subsync('invoicing', 'status', 'tv-invoicing:isp-integrator:2026-12-10:dry-run'),
      subsync('invoicing', 'status', 'tv-invoicing:isp-integrator:1999-01-10'),
      subsync('invoicing', 'run', '--due-date', '10/12/2026'),
    ]);

    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/^events:\s+2 would be created/m);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no TV invoicing run tv-invoicing:isp-integrator:1999-01-10/);
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toMatch(/--due-date.*YYYY-MM-DD/);
  });

  it('schedule show, pause, unpause, trigger and backfill', async () => {
    const show = await subsync('invoicing', 'schedule', 'show');
    const pause = await subsync('invoicing', 'schedule', 'pause', '--note', 'billing migration');
    const paused = api.ops.schedule!.paused;
    const unpause = await subsync('invoicing', 'schedule', 'unpause');
    const [trigger, backfill] = await Promise.all([subsync('invoicing', 'schedule', 'trigger'), subsync('invoicing', 'schedule', 'backfill', '--month', '2026-10')]);

    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/^schedule:\s+tv-invoicing:isp-integrator$/m);
    expect(show.stdout).toMatch(/^state:\s+active$/m);
    expect(show.stdout).toMatch(/^runs:\s+day 1 of each month at 06:00 America\/Sao_Paulo$/m);
    expect(show.stdout).toMatch(/^next runs:\s+2026-12-01T09:00:00.000Z, 2027-01-01T09:00:00.000Z$/m);
    expect(pause).toMatchObject({ code: 0, stdout: 'paused tv-invoicing:isp-integrator (billing migration)\n' });
    expect(paused).toBe(true);
    expect(unpause).toMatchObject({ code: 0, stdout: 'unpaused tv-invoicing:isp-integrator (unpaused by an operator)\n' });
    expect(api.ops.schedule!.paused).toBe(false);
    expect(trigger).toMatchObject({ code: 0, stdout: 'triggered tv-invoicing:isp-integrator: run tv-invoicing:isp-integrator-2026-11-21T10:00:00Z\n' });
    expect(backfill.code).toBe(0);
    expect(backfill.stdout).toBe('backfilled 2026-10 (due 2026-10-10, as scheduled at 2026-10-01T09:00:00.000Z): run tv-invoicing:isp-integrator-2026-10-01T09:00:00Z\n');
  });

  it('schedule backfill needs a month as YYYY-MM; a missing Schedule exits 1', async () => {
    const [none, bad] = await Promise.all([subsync('invoicing', 'schedule', 'backfill'), subsync('invoicing', 'schedule', 'backfill', '--month', '2026-13')]);
    api.ops.schedule = null;
    const missing = await subsync('invoicing', 'schedule', 'show');

    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--month/);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/expected a month as YYYY-MM/);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no TV invoicing schedule/);
  });
});

describe('subsync stb import', () => {
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };

  it('prints the counts and each rejected line, exits 3 when rows were rejected and 0 on a clean re-import', async () => {
    const mixed = write('mixed.csv', 'casn,asset_number,model\nBNS300000001,PAT-3001,STB 4K\nBNS3,PAT-3002\nBNS300000003,\n');
    const clean = write('clean.csv', 'casn,asset_number,model\nBNS300000001,PAT-3001,STB 4K\n');

    const first = await subsync('stb', 'import', mixed);
    const again = await subsync('stb', 'import', clean);

    expect(first.code).toBe(3);
    expect(first.stdout).toBe('imported 1, unchanged 0, rejected 2\n  line 3: CASN must be 8–20 letters or digits\n  line 4: asset number (Patrimônio) is required\n');
    expect(first.stderr).toMatch(/2 of the rows in .*mixed.csv were rejected/);
    expect(again).toMatchObject({ code: 0, stdout: 'imported 0, unchanged 1, rejected 0\n', stderr: '' });
    expect(api.ops.boxes.size).toBe(1);
  });

  it('exits 2 for a file it cannot read or that is not CSV, and for a billing system that does not import set-top boxes', async () => {
    const notCsv = write('boxes.txt', 'these are my boxes\n');
    const [missing, invalid, billing] = await Promise.all([
      subsync('stb', 'import', path.join(dir, 'nope.csv')),
      subsync('stb', 'import', notCsv),
      subsync('stb', 'import', write('ok.csv', 'casn,asset_number\n'), '--billing', 'lanbilling'),
    ]);

    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*nope.csv: no such file/);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/invalid request\n  \(body\): the first line must be the header casn,asset_number\[,model\]/);
    expect(billing.code).toBe(2);
    expect(billing.stderr).toMatch(/billing: no billing system that imports set-top boxes named "lanbilling"; configured: isp-integrator/);
  });
});
