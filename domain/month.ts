import { wallClock, zonedMidnight } from './wall-clock';

/**
 * Calendar months in a time zone, for month-end billing: which month a run bills and where it
 * starts and ends. Pure (Intl only), so workflows may use it.
 */

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** "2026-05". */
export function isMonth(value: string): boolean {
  return MONTH.test(value);
}

/** The instants the month starts and the next one starts, at midnight in `timeZone`: usage in [from, to) belongs to it. */
export function monthBounds(month: string, timeZone: string): { from: string; to: string } {
  const m = MONTH.exec(month);
  if (!m) throw new Error(`month "${month}" must be YYYY-MM`);
  const year = Number(m[1]);
  const index = Number(m[2]) - 1;
  const start = zonedMidnight(year, index + 1, 1, timeZone);
  const end = zonedMidnight(index === 11 ? year + 1 : year, ((index + 1) % 12) + 1, 1, timeZone);
  return { from: new Date(start).toISOString(), to: new Date(end).toISOString() };
}

/** The month before the one `at` falls in, seen in `timeZone`: what a run at the start of a month bills. */
export function monthBefore(at: Date, timeZone: string): string {
  const { year, month } = wallClock(at, timeZone);
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/** The month `at` falls in, seen in `timeZone`. */
export function monthOf(at: Date, timeZone: string): string {
  const { year, month } = wallClock(at, timeZone);
  return `${year}-${String(month).padStart(2, '0')}`;
}
