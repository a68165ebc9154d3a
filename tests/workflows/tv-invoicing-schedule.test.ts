import { ScheduleOverlapPolicy } from '@temporalio/client';
import {
  backfillInvoicing,
  describeInvoicingSchedule,
  ensureInvoicingSchedule,
  getInvoicingRun,
  InvoicingSettings,
  pauseInvoicing,
  triggerInvoicingNow,
  unpauseInvoicing,
  zonedTimeToUtc,
} from '../../schedules/invoicing';
import { dueDateFor, InvoicingResult } from '../../workflows/tv-invoicing';
import { invoicingSeed, InvoicingHarness, startInvoicingHarness } from '../support/invoicing';

// Schedules need the real dev server: the time-skipping test server has no Schedules API.
jest.setTimeout(120_000);

const TZ = 'America/Sao_Paulo';
let h: InvoicingHarness;
let settings: InvoicingSettings;

beforeAll(async () => {
  h = await startInvoicingHarness(invoicingSeed);
  settings = h.settings({ dayOfMonth: 5, hour: 7, minute: 30, timezone: TZ, dueDayOfMonth: 10, paused: true, trackForHours: 0 });
});
afterAll(async () => {
  await h?.stop();
});

const wallClock = (at: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: TZ, hourCycle: 'h23', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(at);

describe('TV invoicing schedule', () => {
  it('is created with the configured calendar, time zone, overlap policy and pause state', async () => {
    expect(await describeInvoicingSchedule(h.client, settings)).toBeUndefined();
    expect(await ensureInvoicingSchedule(h.client, settings)).toEqual({ scheduleId: 'tv-invoicing:isp-integrator', created: true });

    const view = (await describeInvoicingSchedule(h.client, settings))!;
    expect(view).toMatchObject({ scheduleId: 'tv-invoicing:isp-integrator', paused: true, calendar: { dayOfMonth: 5, hour: 7, minute: 30 }, timezone: TZ, dueDayOfMonth: 10, overlap: ScheduleOverlapPolicy.SKIP });
    expect(view.catchupWindowMs).toBe(2 * 86_400_000);
    // The server computes the next firings in the configured zone: the 5th at 07:30 in São Paulo.
    expect(view.nextRunTimes.length).toBeGreaterThan(0);
    for (const at of view.nextRunTimes) expect(wallClock(at)).toBe('05, 07:30');

    const raw = await h.client.schedule.getHandle(view.scheduleId).describe();
    expect(raw.spec.calendars).toEqual([expect.objectContaining({ dayOfMonth: [{ start: 5, end: 5, step: 1 }], hour: [{ start: 7, end: 7, step: 1 }], minute: [{ start: 30, end: 30, step: 1 }] })]);
    expect(raw.action).toMatchObject({ workflowType: 'tvInvoicingWorkflow', taskQueue: h.taskQueue, args: [{ billing: 'isp-integrator', dueDayOfMonth: 10, timezone: TZ, pageSize: 500 }] });
  });

  it('is updated in place by ensure; the config lifts its own pause but not an operator’s', async () => {
    const changed = h.settings({ ...settings.invoicing, hour: 22, minute: 0, paused: false });
    expect(await ensureInvoicingSchedule(h.client, changed)).toEqual({ scheduleId: 'tv-invoicing:isp-integrator', created: false });
    let view = (await describeInvoicingSchedule(h.client, changed))!;
    expect(view).toMatchObject({ calendar: { dayOfMonth: 5, hour: 22, minute: 0 }, paused: false });

    await pauseInvoicing(h.client, changed, 'holiday');
    view = (await describeInvoicingSchedule(h.client, changed))!;
    expect(view).toMatchObject({ paused: true, note: 'holiday' });
    await ensureInvoicingSchedule(h.client, changed);
    expect((await describeInvoicingSchedule(h.client, changed))!).toMatchObject({ paused: true, note: 'holiday' });
    await unpauseInvoicing(h.client, changed, 'back to work');
    view = (await describeInvoicingSchedule(h.client, changed))!;
    expect(view).toMatchObject({ paused: false, note: 'back to work' });

    // Back to the first test's calendar (and pause) for the runs below.
    await ensureInvoicingSchedule(h.client, settings);
    expect((await describeInvoicingSchedule(h.client, settings))!).toMatchObject({ calendar: { hour: 7 }, paused: true });
  });

  it('trigger-now starts a run (even while paused) that bills this month’s due date', async () => {
    const run = (await triggerInvoicingNow(h.client, settings))!;
    expect(run.workflowId).toMatch(/^tv-invoicing:isp-integrator-/);
    const result = (await h.client.workflow.getHandle(run.workflowId).result()) as InvoicingResult;
    const dueDate = dueDateFor(run.scheduledAt, 10, TZ);
    expect(result.summary).toMatchObject({ dueDate, eventsCreated: 5, totalValue: 20240 });
    expect(h.sim.state().billingEvents.filter((e) => e.dueDate === dueDate)).toHaveLength(5);
    expect(await getInvoicingRun(h.client, settings, { workflowId: run.workflowId })).toMatchObject({ status: 'COMPLETED', result: { summary: { dueDate } } });
  });

  it('backfill of a month starts one run at that month’s scheduled time, billing that month’s due date', async () => {
    const backfill = await backfillInvoicing(h.client, settings, '2024-10');
    expect(backfill.dueDate).toBe('2024-10-10');
    // 07:30 in São Paulo (UTC-3, no DST since 2019) is 10:30 UTC.
    expect(backfill.scheduledAt.toISOString()).toBe('2024-10-05T10:30:00.000Z');
    expect(backfill.run).toBeDefined();
    expect(backfill.run!.scheduledAt.toISOString()).toBe('2024-10-05T10:30:00.000Z');

    const result = (await h.client.workflow.getHandle(backfill.run!.workflowId).result()) as InvoicingResult;
    expect(result.summary).toMatchObject({ dueDate: '2024-10-10', eventsCreated: 5 });
    expect(h.sim.state().billingEvents.filter((e) => e.dueDate === '2024-10-10')).toHaveLength(5);
    const runsForOctober = (await describeInvoicingSchedule(h.client, settings))!.recentRuns.filter((r) => r.scheduledAt.toISOString().startsWith('2024-10'));
    expect(runsForOctober).toHaveLength(1);

    await expect(backfillInvoicing(h.client, settings, '2024-13')).rejects.toThrow(/YYYY-MM/);
  });
});

describe('schedule time helpers', () => {
  it('turns a wall-clock time in a zone into the instant, across DST', () => {
    expect(zonedTimeToUtc({ year: 2025, month: 1, day: 5, hour: 7, minute: 30 }, 'Europe/Berlin').toISOString()).toBe('2025-01-05T06:30:00.000Z');
    expect(zonedTimeToUtc({ year: 2025, month: 7, day: 5, hour: 7, minute: 30 }, 'Europe/Berlin').toISOString()).toBe('2025-07-05T05:30:00.000Z');
  });

  it('derives the due date from the scheduled month in the configured zone, clamped to the month', () => {
    // 01:00 UTC on Nov 1st is still October 31st in São Paulo.
    expect(dueDateFor(new Date('2025-11-01T01:00:00Z'), 10, TZ)).toBe('2025-10-10');
    expect(dueDateFor(new Date('2025-11-01T01:00:00Z'), 10, 'UTC')).toBe('2025-11-10');
    expect(dueDateFor(new Date('2025-02-10T12:00:00Z'), 31, TZ)).toBe('2025-02-28');
  });
});
