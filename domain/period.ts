/**
 * Charge periods. Production bills per calendar month (UTC); demos and tests use short fixed
 * windows. Pure and deterministic: the entity workflow computes boundaries from workflow time.
 */
export type ChargePeriod = { unit: 'month' } | { everySeconds: number };

/** Identifies the period containing `at`: "2026-11" for months, "w<index>" for fixed windows. */
export function periodId(period: ChargePeriod, at: number): string {
  if ('unit' in period) {
    const d = new Date(at);
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  }
  return `w${Math.floor(at / (period.everySeconds * 1000))}`;
}

/** The first instant of the period after the one containing `at`. */
export function nextPeriodStart(period: ChargePeriod, at: number): number {
  if ('unit' in period) {
    const d = new Date(at);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  }
  const ms = period.everySeconds * 1000;
  return (Math.floor(at / ms) + 1) * ms;
}
