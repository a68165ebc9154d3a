/** Latency summary of one set of samples, in milliseconds. */
export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/**
 * Nearest-rank percentiles: the reported p99 is a latency that really occurred, never an
 * interpolation between two samples.
 */
export function summarize(samplesMs: readonly number[]): LatencySummary {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const rank = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN);
  return { count: sorted.length, p50: rank(50), p95: rank(95), p99: rank(99), max: sorted.length ? sorted[sorted.length - 1]! : NaN };
}

/** Completed commands per second of wall-clock time. */
export function perSecond(count: number, wallMs: number): number {
  return wallMs > 0 ? (count * 1000) / wallMs : NaN;
}
