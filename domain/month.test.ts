import { isMonth, monthBefore, monthBounds, monthOf } from './month';

describe('months for month-end billing', () => {
  it('starts and ends a month at midnight in the time zone', () => {
    expect(monthBounds('2026-05', 'UTC')).toEqual({ from: '2026-05-01T00:00:00.000Z', to: '2026-06-01T00:00:00.000Z' });
    expect(monthBounds('2026-12', 'UTC')).toEqual({ from: '2026-12-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' });
    expect(monthBounds('2026-05', 'Europe/Moscow')).toEqual({ from: '2026-04-30T21:00:00.000Z', to: '2026-05-31T21:00:00.000Z' });
    // Berlin changes from CET to CEST on 29 March 2026: March starts at +1, April at +2.
    expect(monthBounds('2026-03', 'Europe/Berlin')).toEqual({ from: '2026-02-28T23:00:00.000Z', to: '2026-03-31T22:00:00.000Z' });
  });

  it('bills the month before the one a run is scheduled in, seen in the time zone', () => {
    expect(monthBefore(new Date('2026-06-01T02:00:00Z'), 'UTC')).toBe('2026-05');
    expect(monthBefore(new Date('2026-01-01T02:00:00Z'), 'UTC')).toBe('2025-12');
    // 22:30 UTC on 31 May is already 1 June in Moscow.
    expect(monthBefore(new Date('2026-05-31T22:30:00Z'), 'Europe/Moscow')).toBe('2026-05');
    expect(monthOf(new Date('2026-05-31T22:30:00Z'), 'UTC')).toBe('2026-05');
  });

  it('accepts YYYY-MM only', () => {
    expect(['2026-05', '2026-12'].map(isMonth)).toEqual([true, true]);
    expect(['2026-13', '2026-5', '26-05', '2026-05-01'].map(isMonth)).toEqual([false, false, false, false]);
    expect(() => monthBounds('2026-13', 'UTC')).toThrow('month "2026-13" must be YYYY-MM');
  });
});
