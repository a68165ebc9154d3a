/**
 * Completed sessions, kept for month-end billing. A month of a large reseller is about a
 * million sessions, so they are stored in columns per license (start, end, session number as
 * numbers, sorted by start then number) rather than as objects, and usage outlives the
 * license: a license deleted mid-month is still billed for the seconds it used.
 *
 * Times are whole epoch seconds. A query for [from, to) returns every session that overlaps
 * the period, with the seconds that fall inside it, so consecutive months add up exactly.
 */
export interface UsageRecord {
  sessionNumber: string;
  licenseNumber: string;
  parentLicense: string;
  startedAt: number;
  endedAt: number;
  durationSeconds: number;
  secondsInPeriod: number;
}

export interface LicenseTotals {
  licenseNumber: string;
  sessions: number;
  seconds: number;
}

interface LicenseColumns {
  parentLicense: string;
  starts: number[];
  ends: number[];
  numbers: number[];
  /** The longest session, so an overlap query knows how far before `from` to look. */
  maxDuration: number;
}

/** Where a page stopped: the last license and session returned. */
interface Position {
  license: string;
  start: number;
  number: number;
}

export class UsageStore {
  private byLicense = new Map<string, LicenseColumns>();
  /** Child license numbers with usage, per parent, in ascending order. */
  private byParent = new Map<string, string[]>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  record(licenseNumber: string, parentLicense: string, sessionNumber: number, startedAt: number, endedAt: number): void {
    const cols = this.columns(licenseNumber, parentLicense);
    const at = upperBound(cols, startedAt, sessionNumber);
    if (at === cols.starts.length) {
      cols.starts.push(startedAt);
      cols.ends.push(endedAt);
      cols.numbers.push(sessionNumber);
    } else {
      cols.starts.splice(at, 0, startedAt);
      cols.ends.splice(at, 0, endedAt);
      cols.numbers.splice(at, 0, sessionNumber);
    }
    cols.maxDuration = Math.max(cols.maxDuration, endedAt - startedAt);
    this.count++;
  }

  /** Loads one license's sessions at once (already sorted by start, then number): the cheap path for generated data. */
  bulkLoad(licenseNumber: string, parentLicense: string, starts: number[], ends: number[], numbers: number[]): void {
    const cols = this.columns(licenseNumber, parentLicense);
    if (cols.starts.length > 0) throw new Error(`usage for license ${licenseNumber} is already loaded`);
    cols.starts = starts;
    cols.ends = ends;
    cols.numbers = numbers;
    for (let i = 0; i < starts.length; i++) cols.maxDuration = Math.max(cols.maxDuration, ends[i] - starts[i]);
    this.count += starts.length;
  }

  /**
   * Sessions overlapping [from, to) of one license, or of every license under a parent, in
   * (license, start, session number) order, at most `limit`, resuming after `cursor`.
   */
  sessions(scope: { licenseNumber: string } | { parentLicense: string }, from: number, to: number, limit: number, cursor?: string): { records: UsageRecord[]; nextCursor?: string } {
    const after = cursor === undefined ? undefined : decodeCursor(cursor);
    const licenses = 'licenseNumber' in scope ? [scope.licenseNumber] : (this.byParent.get(scope.parentLicense) ?? []);
    const records: UsageRecord[] = [];
    let li = after === undefined ? 0 : lowerBoundString(licenses, after.license);
    for (; li < licenses.length; li++) {
      const license = licenses[li];
      const cols = this.byLicense.get(license);
      if (!cols) continue;
      let i = lowerBound(cols, from - cols.maxDuration, -Infinity);
      if (after !== undefined && license === after.license) i = Math.max(i, upperBound(cols, after.start, after.number));
      for (; i < cols.starts.length && cols.starts[i] < to; i++) {
        const inPeriod = Math.min(cols.ends[i], to) - Math.max(cols.starts[i], from);
        if (cols.ends[i] <= from || inPeriod < 0) continue;
        if (records.length === limit) {
          const last = records[records.length - 1];
          return { records, nextCursor: encodeCursor({ license: last.licenseNumber, start: last.startedAt, number: Number(last.sessionNumber) }) };
        }
        records.push({
          sessionNumber: String(cols.numbers[i]),
          licenseNumber: license,
          parentLicense: cols.parentLicense,
          startedAt: cols.starts[i],
          endedAt: cols.ends[i],
          durationSeconds: cols.ends[i] - cols.starts[i],
          secondsInPeriod: inPeriod,
        });
      }
    }
    return { records };
  }

  /** Per-license totals for [from, to) under a parent, `limit` licenses per page, resuming after license `cursor`. */
  totals(parentLicense: string, from: number, to: number, limit: number, cursor?: string): { totals: LicenseTotals[]; nextCursor?: string } {
    const licenses = this.byParent.get(parentLicense) ?? [];
    let li = cursor === undefined ? 0 : upperBoundString(licenses, cursor);
    const totals: LicenseTotals[] = [];
    for (; li < licenses.length && totals.length < limit; li++) {
      const cols = this.byLicense.get(licenses[li])!;
      let sessions = 0;
      let seconds = 0;
      for (let i = lowerBound(cols, from - cols.maxDuration, -Infinity); i < cols.starts.length && cols.starts[i] < to; i++) {
        if (cols.ends[i] <= from) continue;
        sessions++;
        seconds += Math.min(cols.ends[i], to) - Math.max(cols.starts[i], from);
      }
      if (sessions > 0) totals.push({ licenseNumber: licenses[li], sessions, seconds });
    }
    return { totals, nextCursor: li < licenses.length ? licenses[li - 1] : undefined };
  }

  /** The parent a license's usage is billed to, also after the license was deleted. */
  parentOf(licenseNumber: string): string | undefined {
    return this.byLicense.get(licenseNumber)?.parentLicense;
  }

  clear(): void {
    this.byLicense.clear();
    this.byParent.clear();
    this.count = 0;
  }

  private columns(licenseNumber: string, parentLicense: string): LicenseColumns {
    let cols = this.byLicense.get(licenseNumber);
    if (!cols) {
      cols = { parentLicense, starts: [], ends: [], numbers: [], maxDuration: 0 };
      this.byLicense.set(licenseNumber, cols);
      const children = this.byParent.get(parentLicense) ?? [];
      children.splice(upperBoundString(children, licenseNumber), 0, licenseNumber);
      this.byParent.set(parentLicense, children);
    }
    return cols;
  }
}

/** License numbers order numerically when they are numeric strings of different lengths. */
export function compareLicense(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** First index whose (start, number) is >= the key. */
function lowerBound(cols: LicenseColumns, start: number, number: number): number {
  let lo = 0;
  let hi = cols.starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cols.starts[mid] < start || (cols.starts[mid] === start && cols.numbers[mid] < number)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose (start, number) is > the key. */
function upperBound(cols: LicenseColumns, start: number, number: number): number {
  let lo = 0;
  let hi = cols.starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cols.starts[mid] < start || (cols.starts[mid] === start && cols.numbers[mid] <= number)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function lowerBoundString(sorted: string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareLicense(sorted[mid], key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBoundString(sorted: string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareLicense(sorted[mid], key) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function encodeCursor(p: Position): string {
  return Buffer.from(`${p.license}:${p.start}:${p.number}`).toString('base64url');
}

/** An unreadable cursor is the caller's mistake; the method layer turns this into an INVALID_PARAMS fault. */
export function decodeCursor(cursor: string): Position {
  const [license, start, number] = Buffer.from(cursor, 'base64url').toString('utf8').split(':');
  if (!license || !/^\d+$/.test(start ?? '') || !/^\d+$/.test(number ?? '')) throw new CursorError(cursor);
  return { license, start: Number(start), number: Number(number) };
}

export class CursorError extends Error {
  constructor(readonly cursor: string) {
    super(`cursor "${cursor}" is not one this server returned`);
  }
}
