import { daysOf, reportPeriod } from './period';

describe('report periods', () => {
  it('covers the previous full day, week (Monday to Monday) or month in the time zone', () => {
    const at = new Date('2026-12-02T06:00:00Z'); // Wednesday 07:00 in Vienna
    expect(reportPeriod(at, 'day', 'Europe/Vienna')).toEqual({ from: new Date('2026-11-30T23:00:00Z'), to: new Date('2026-12-01T23:00:00Z') });
    expect(reportPeriod(at, 'week', 'Europe/Vienna')).toEqual({ from: new Date('2026-11-22T23:00:00Z'), to: new Date('2026-11-29T23:00:00Z') });
    expect(reportPeriod(at, 'month', 'Europe/Vienna')).toEqual({ from: new Date('2026-10-31T23:00:00Z'), to: new Date('2026-11-30T23:00:00Z') });
  });

  it('gives a DST day its 23 hours', () => {
    const { from, to } = reportPeriod(new Date('2026-03-30T10:00:00Z'), 'day', 'Europe/Vienna');
    expect(to.getTime() - from.getTime()).toBe(23 * 3_600_000);
    expect(daysOf(reportPeriod(new Date('2026-04-06T10:00:00Z'), 'week', 'Europe/Vienna'), 'Europe/Vienna').map((d) => d.label)).toEqual([
      '2026-03-30', '2026-03-31', '2026-04-01', '2026-04-02', '2026-04-03', '2026-04-04', '2026-04-05',
    ]);
  });
});
