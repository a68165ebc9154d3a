import { wallClock, zonedMidnight } from '../../domain/wall-clock';

/**
 * The period a report covers: the last full day, week (Monday to Monday) or calendar month before
 * the report's time, in the report's time zone. Wall-clock arithmetic through Intl, so days
 * with a DST change are 23 or 25 hours long as they should be.
 */
export type ReportPeriod = 'day' | 'week' | 'month';

interface Wall {
  year: number;
  month: number;
  day: number;
}

export function reportPeriod(at: Date, period: ReportPeriod, timeZone: string): { from: Date; to: Date } {
  const today = wallDate(at, timeZone);
  let end: Wall;
  let start: Wall;
  if (period === 'day') {
    end = today;
    start = addDays(today, -1);
  } else if (period === 'week') {
    // Monday is 1 in ISO; the week the report is made in starts on the Monday at or before today.
    const weekday = new Date(Date.UTC(today.year, today.month - 1, today.day)).getUTCDay() || 7;
    end = addDays(today, 1 - weekday);
    start = addDays(end, -7);
  } else {
    end = { year: today.year, month: today.month, day: 1 };
    start = today.month === 1 ? { year: today.year - 1, month: 12, day: 1 } : { year: today.year, month: today.month - 1, day: 1 };
  }
  return { from: midnight(start, timeZone), to: midnight(end, timeZone) };
}

/** The days of a period (each [from, to) in the time zone), for a report's breakdown. */
export function daysOf(range: { from: Date; to: Date }, timeZone: string): { label: string; from: Date; to: Date }[] {
  const out: { label: string; from: Date; to: Date }[] = [];
  let day = wallDate(range.from, timeZone);
  for (let i = 0; i < 40; i++) {
    const from = midnight(day, timeZone);
    if (from.getTime() >= range.to.getTime()) break;
    const next = addDays(day, 1);
    out.push({ label: `${day.year}-${pad(day.month)}-${pad(day.day)}`, from, to: midnight(next, timeZone) });
    day = next;
  }
  return out;
}

export const formatDay = (d: Date, timeZone: string): string => {
  const w = wallDate(d, timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
};

const pad = (n: number) => String(n).padStart(2, '0');

function addDays(w: Wall, days: number): Wall {
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function wallDate(at: Date, timeZone: string): Wall {
  const w = wallClock(at, timeZone);
  return { year: w.year, month: w.month, day: w.day };
}

/** 00:00 of a wall date in the zone, as an instant. */
function midnight(w: Wall, timeZone: string): Date {
  return new Date(zonedMidnight(w.year, w.month, w.day, timeZone));
}
