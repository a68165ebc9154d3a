import fs from 'node:fs';
import path from 'node:path';
import { NotFoundError, SubsyncClient } from '../../client/ts';
import { describeInvoicingSchedule } from '../../schedules/invoicing';
import { runSubsync } from '../support/cli';
import { expectedTotals, invoicingSeed } from '../support/invoicing';
import { eventually } from '../support/stack';
import { startTvTestStack, TvTestStack } from '../support/tv-stack';

/**
 * Operator operations on the real stack (ISP-Integrator and TV simulators, subsync on the Temporal
 * dev server), through the HTTP API and bin/subsync: TV invoicing runs (dry and real), the
 * invoicing Schedule, and the set-top box import.
 */

let stack: TvTestStack;
let api: SubsyncClient;
const cli = (...args: string[]) => runSubsync(stack.app.apiUrl, args);
const eventsDue = (dueDate: string) => stack.isp.state().billingEvents.filter((e) => e.dueDate === dueDate);
const schedule = async () => (await describeInvoicingSchedule(stack.app.client, stack.app.config))!;

beforeAll(async () => {
  // Tracking checks every second for an hour: a run stays running until the standard billing run processes its events.
  stack = await startTvTestStack({ invoicing: { trackEverySeconds: 1, trackForHours: 1 } }, { watchers: false });
  api = new SubsyncClient({ baseUrl: stack.app.apiUrl });
  // Five customer plans with charged extras (R$ 202,40 in all) and four the listing must leave out.
  stack.isp.seed(invoicingSeed);
});
afterAll(async () => stack?.stop());

describe('TV invoicing runs', () => {
  it('a dry run (CLI) prints what would be created and creates nothing', async () => {
    const run = await cli('invoicing', 'run', '--due-date', '2025-06-10', '--dry-run');

    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^run:\s+tv-invoicing:isp-integrator:2025-06-10:dry-run \(completed\)$/m);
    expect(run.stdout).toMatch(/^mode:\s+dry run: nothing was saved$/m);
    expect(run.stdout).toMatch(/^customers:\s+5$/m);
    expect(run.stdout).toMatch(/^events:\s+5 would be created, 0 already existing$/m);
    expect(run.stdout).toMatch(/^value:\s+R\$ 202,40 would be created, R\$ 202,40 for the due date$/m);
    expect(run.stdout).toMatch(/^  2001\s+Ana Lima\s+6001\s+HBO R\$ 34,90, Telecine R\$ 42,90\s+R\$ 77,80$/m);
    expect(run.stdout).toMatch(/^  2007\s+Gil Souza\s+6008\s+Esportes R\$ 29,90\s+R\$ 29,90$/m);
    expect(eventsDue('2025-06-10')).toEqual([]);
  });

  it('a real run (API) creates one Pending event per plan, reports progress while it tracks, and completes once billing processed them', async () => {
    const started = await api.startInvoicingRun({ dueDate: '2025-06-10' });
    expect(started).toMatchObject({ workflowId: 'tv-invoicing:isp-integrator:2025-06-10', billing: 'isp-integrator', dueDate: '2025-06-10', dryRun: false });

    const tracking = await eventually(async () => {
      const run = await api.getInvoicingRun(started.workflowId);
      return run?.progress?.phase === 'tracking' && run.progress.tracking ? run : undefined;
    }, 30_000);
    expect(tracking.status).toBe('RUNNING');
    expect(tracking.progress?.summary).toMatchObject({ customers: 5, eventsCreated: 5, eventsExisting: 0, createdValue: 20240, parkedCount: 0 });
    expect(tracking.progress?.tracking).toMatchObject({ pending: 5, processed: 0, pendingValue: 20240 });
    const events = eventsDue('2025-06-10');
    expect(events.map((e) => e.status)).toEqual(Array(5).fill('pending'));
    expect(Object.fromEntries(events.map((e) => [e.contractedPlanId, e.total]))).toEqual(expectedTotals);

    stack.isp.runStandardBilling('2025-06-10');
    const done = await eventually(async () => {
      const status = await cli('invoicing', 'status', started.workflowId);
      return /\(completed\)/.test(status.stdout) ? status : undefined;
    }, 30_000, 500);
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/^tracking:\s+0 pending \(R\$ 0,00\), 5 processed \(R\$ 202,40\), all processed$/m);
  });

  it('running the same due date again (CLI --wait) creates nothing twice', async () => {
    const again = await cli('invoicing', 'run', '--due-date', '2025-06-10', '--wait');

    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^events:\s+0 created, 5 already existing$/m);
    expect(again.stdout).toMatch(/^value:\s+R\$ 0,00 created, R\$ 202,40 for the due date$/m);
    expect(eventsDue('2025-06-10')).toHaveLength(5);
  });
});

describe('the invoicing Schedule (CLI against the dev server)', () => {
  it('show prints what Temporal has', async () => {
    const before = await schedule();
    const shown = await cli('invoicing', 'schedule', 'show');

    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/^schedule:\s+tv-invoicing:isp-integrator$/m);
    expect(shown.stdout).toMatch(new RegExp(`^state:\\s+${before.paused ? 'paused' : 'active'}`, 'm'));
    expect(shown.stdout).toMatch(/^runs:\s+day 1 of each month at 06:00 America\/Sao_Paulo$/m);
    expect(shown.stdout).toMatch(/^bills:\s+due day 10 of the run's month$/m);
    expect(shown.stdout).toContain(before.nextRunTimes[0].toISOString());
  });

  it('pause and unpause change the Schedule, with the note', async () => {
    const paused = await cli('invoicing', 'schedule', 'pause', '--note', 'billing migration');
    const whilePaused = await schedule();
    const unpaused = await cli('invoicing', 'schedule', 'unpause');
    const after = await schedule();

    expect(paused).toMatchObject({ code: 0, stdout: 'paused tv-invoicing:isp-integrator (billing migration)\n' });
    expect(whilePaused).toMatchObject({ paused: true, note: 'billing migration' });
    expect(unpaused).toMatchObject({ code: 0, stdout: 'unpaused tv-invoicing:isp-integrator (unpaused by an operator)\n' });
    expect(after).toMatchObject({ paused: false, note: 'unpaused by an operator' });
  });

  it("trigger starts a run now, for this month's due date", async () => {
    const triggered = await cli('invoicing', 'schedule', 'trigger');

    expect(triggered.code).toBe(0);
    const workflowId = /: run (\S+)$/m.exec(triggered.stdout)?.[1];
    expect(workflowId).toMatch(/^tv-invoicing:isp-integrator-/);
    expect((await schedule()).recentRuns.map((r) => r.workflowId)).toContain(workflowId);
    const run = await eventually(async () => (await api.getInvoicingRun(workflowId!))?.progress?.summary, 30_000);
    expect(run).toMatchObject({ customers: 5, eventsCreated: 5 });
    expect(eventsDue(run.dueDate)).toHaveLength(5);
  });

  it("backfill runs the Schedule for a month, billing that month's due date", async () => {
    const backfilled = await cli('invoicing', 'schedule', 'backfill', '--month', '2026-10');

    expect(backfilled.code).toBe(0);
    expect(backfilled.stdout).toMatch(/^backfilled 2026-10 \(due 2026-10-10, as scheduled at 2026-10-01T09:00:00.000Z\): run tv-invoicing:isp-integrator-\S+\n$/);
    const workflowId = /: run (\S+)$/m.exec(backfilled.stdout)![1];
    const recent = (await schedule()).recentRuns.find((r) => r.workflowId === workflowId);
    expect(recent?.scheduledAt.toISOString()).toBe('2026-10-01T09:00:00.000Z');
    await eventually(() => eventsDue('2026-10-10').length === 5, 30_000);
  });
});

describe('set-top box import (CLI)', () => {
  const csv = [
    'casn,asset_number,model',
    'OPS000000001,PAT-OPS-1,Beenius STB 4K',
    'OPS000000002,PAT-OPS-2,',
    'bad-casn,PAT-OPS-3,',
    'OPS000000004,,',
    'OPS000000001,PAT-OPS-5,',
    'OPS000000006,PAT-OPS-1,',
    'OPS000000009,PAT-OTHER,',
  ].join('\n');
  const boxes = () => stack.isp.state().setTopBoxes.filter((b) => b.casn.startsWith('OPS'));

  it('registers the good rows, prints each bad one by line and reason and exits 3; importing again changes nothing', async () => {
    // A box billing already has under another asset number: ISP-Integrator refuses that row.
    await stack.staff.registerSetTopBox({ casn: 'OPS000000009', assetNumber: 'PAT-OPS-9' });
    const file = path.join(stack.dir, 'boxes.csv');
    fs.writeFileSync(file, csv);

    const first = await cli('stb', 'import', file);

    expect(first.code).toBe(3);
    const lines = first.stdout.trimEnd().split('\n');
    expect(lines.slice(0, 5)).toEqual([
      'imported 2, unchanged 0, rejected 5',
      '  line 4: CASN must be 8–20 letters or digits',
      '  line 5: asset number (Patrimônio) is required',
      '  line 6: duplicate CASN OPS000000001, already on line 2',
      '  line 7: duplicate asset number PAT-OPS-1, already on line 2',
    ]);
    expect(lines[5]).toMatch(/^  line 8: .*409.*OPS000000009/);
    expect(first.stderr).toMatch(/5 of the rows in .*boxes.csv were rejected/);
    const registered = boxes();
    expect(registered).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ casn: 'OPS000000001', assetNumber: 'PAT-OPS-1', model: 'Beenius STB 4K', status: 'available' }),
        expect.objectContaining({ casn: 'OPS000000002', assetNumber: 'PAT-OPS-2' }),
      ]),
    );
    expect(registered.find((b) => b.casn === 'OPS000000009')?.assetNumber).toBe('PAT-OPS-9');

    const again = await cli('stb', 'import', file, '--billing', 'isp-integrator');

    expect(again.code).toBe(3);
    expect(again.stdout).toMatch(/^imported 0, unchanged 2, rejected 5$/m);
    expect(boxes()).toEqual(registered);
  });
});

it('retry on a subscriber subsync never saw is a 404 (NotFoundError), not "nothing parked"', async () => {
  await expect(api.resolveParked('isp-integrator', '999999', { action: 'retry' })).rejects.toBeInstanceOf(NotFoundError);
});
