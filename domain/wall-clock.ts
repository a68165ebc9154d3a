/**
 * Wall-clock time in an IANA time zone, through Intl only (pure, so workflows may use it): what
 * the clock shows at an instant, and the instant a wall-clock midnight falls on, right also on
 * days with a DST change.
 */
export interface WallTime {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** Whether the runtime knows `timeZone` (Intl throws RangeError for any other); the Temporal server resolves the same names. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

export function wallClock(at: Date | number, timeZone: string): WallTime {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })
      .formatToParts(new Date(at))
      .filter((p) => p.type !== 'literal')
      .map((p) => [p.type, Number(p.value)]),
  );
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!, second: parts.second! };
}

/** 00:00 of a wall date in `timeZone`, as epoch milliseconds. `month` is 1-based; a day past the month's end rolls over, as in Date.UTC. */
export function zonedMidnight(year: number, month: number, day: number, timeZone: string): number {
  const asUtc = Date.UTC(year, month - 1, day);
  // Two rounds settle the offset also when it differs on either side of the instant (DST).
  let instant = asUtc - offsetMs(asUtc, timeZone);
  instant = asUtc - offsetMs(instant, timeZone);
  return instant;
}

/** How far `timeZone`'s wall clock is ahead of UTC at `at`. */
function offsetMs(at: number, timeZone: string): number {
  const w = wallClock(at, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(at / 1000) * 1000;
}
