/** Issue 11, target 3: a worker process's peak RSS through any scenario. */
export const WORKER_PEAK_TARGET_MIB = 400;

/** One row judging a phase's worker peak against target 3: phase, measured, target, met. */
export function workerPeakRow(phase: string, peakRssKb: number | undefined): string[] {
  if (peakRssKb === undefined) return [phase, 'n/a', `≤ ${WORKER_PEAK_TARGET_MIB} MiB`, 'NO (unreadable)'];
  const mibs = peakRssKb / 1024;
  return [phase, `${mibs.toFixed(0)} MiB`, `≤ ${WORKER_PEAK_TARGET_MIB} MiB`, mibs <= WORKER_PEAK_TARGET_MIB ? 'yes' : 'NO'];
}
