import { workerPeakRow } from '../worker/peak-target';

/** Issue 11, target 4: a million customers in ≤ 5 minutes, within 1.5× the direct loop (the worker's peak: target 3's row). */
export const TARGETS = { customers: 1_000_000, wallSeconds: 300, timesDirect: 1.5 };

/**
 * The target's rows for one run: figure, measured, target, met. The time target is set for a
 * million customers, so a smaller run states that it does not judge it rather than passing it.
 */
export function invoicingTargets(run: { wallMs: number; directWallMs: number; workerPeakRssKb: number | undefined; customers: number }): string[][] {
  const wall = run.wallMs / 1000;
  const ratio = run.wallMs / run.directWallMs;
  const met = (ok: boolean) => (ok ? 'yes' : 'NO');
  return [
    ['wall time', `${wall.toFixed(1)} s for ${run.customers} customers`, `≤ ${TARGETS.wallSeconds} s for ${TARGETS.customers}`, run.customers >= TARGETS.customers ? met(wall <= TARGETS.wallSeconds) : `not judged (${run.customers} customers)`],
    workerPeakRow('worker peak RSS', run.workerPeakRssKb),
    ['× direct loop', ratio.toFixed(2), `≤ ${TARGETS.timesDirect}`, met(ratio <= TARGETS.timesDirect)],
  ];
}
