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
  const start = zonedMidnight(year, index, timeZone);
  const end = zonedMidnight(index === 11 ? year + 1 : year, (index + 1) % 12, timeZone);
  return { from: new Date(start).toISOString(), to: new Date(end).toISOString() };
}

/** The month before the one `at` falls in, seen in `timeZone`: what a run at the start of a month bills. */
export function monthBefore(at: Date, timeZone: string): string {
  const { year, month } = wallClock(at.getTime(), timeZone);
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/** The month `at` falls in, seen in `timeZone`. */
export function monthOf(at: Date, timeZone: string): string {
  const { year, month } = wallClock(at.getTime(), timeZone);
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** Midnight of the 1st of month `index` (0-based) in `timeZone`, as epoch milliseconds. */
function zonedMidnight(year: number, index: number, timeZone: string): number {
  const asUtc = Date.UTC(year, index, 1);
  // Two rounds settle the offset also when it differs on either side of the instant (DST).
  let instant = asUtc - offsetMs(asUtc, timeZone);
  instant = asUtc - offsetMs(instant, timeZone);
  return instant;
}

function wallClock(at: number, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })
      .formatToParts(new Date(at))
      .map((p) => [p.type, Number(p.value)]),
  );
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second };
}

/** How far `timeZone`'s wall clock is ahead of UTC at `at`. */
function offsetMs(at: number, timeZone: string): number {
  const w = wallClock(at, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(at / 1000) * 1000;
}
