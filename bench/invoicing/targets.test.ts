import { invoicingTargets } from './targets';

describe('invoicingTargets', () => {
  it('judges each figure of a million-customer run against its target', () => {
    const rows = invoicingTargets({ wallMs: 257_700, directWallMs: 193_400, workerPeakRssKb: 548 * 1024, customers: 1_000_000 });
    expect(rows.map((r) => [r[0], r[1], r[3]])).toEqual([
      ['wall time', '257.7 s for 1000000 customers', 'yes'],
      ['worker peak RSS', '548 MiB', 'NO'],
      ['× direct loop', '1.33', 'yes'],
    ]);
  });

  it('fails the time and ratio when they are over, and passes a peak at the limit', () => {
    const rows = invoicingTargets({ wallMs: 301_000, directWallMs: 200_000, workerPeakRssKb: 400 * 1024, customers: 1_000_000 });
    expect(rows.map((r) => r[3])).toEqual(['NO', 'yes', 'NO']);
  });

  it('does not judge the time of a smaller run, and fails an unreadable peak', () => {
    const rows = invoicingTargets({ wallMs: 10_000, directWallMs: 9_000, workerPeakRssKb: undefined, customers: 100_000 });
    expect(rows[0][3]).toBe('not judged (100000 customers)');
    expect(rows[1].slice(1)).toEqual(['n/a', '≤ 400 MiB', 'NO (unreadable)']);
  });
});
