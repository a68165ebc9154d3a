import { nextPeriodStart, periodId } from './period';

describe('charge periods', () => {
  it('names calendar months in UTC and finds the next month start across a year end', () => {
    const at = Date.UTC(2026, 11, 31, 23, 59, 59);
    expect(periodId({ unit: 'month' }, at)).toBe('2026-12');
    expect(new Date(nextPeriodStart({ unit: 'month' }, at)).toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('splits time into fixed windows for short test periods', () => {
    const p = { everySeconds: 10 };
    expect(periodId(p, 25_000)).toBe('w2');
    expect(nextPeriodStart(p, 25_000)).toBe(30_000);
    expect(periodId(p, nextPeriodStart(p, 25_000))).toBe('w3');
  });
});
