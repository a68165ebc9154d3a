import { watcherTargets } from './targets';

describe('watcherTargets', () => {
  it('judges each figure of a 100,000-account cycle against its target', () => {
    const rows = watcherTargets({ activityMs: 52_900, calls: 2_401, accounts: 100_000, workerPeakRssKb: 885 * 1024 });
    expect(rows.map((r) => [r[0], r[1], r[3]])).toEqual([
      ['cycle time (poll activity)', '52.9 s for 100000 accounts', 'yes'],
      ['SOAP calls of the cycle', '2401', 'yes'],
      ['worker process peak RSS', '885 MiB', 'NO'],
    ]);
  });

  it('fails time and calls when over, and passes a peak at the limit', () => {
    const rows = watcherTargets({ activityMs: 60_100, calls: 2_501, accounts: 100_000, workerPeakRssKb: 400 * 1024 });
    expect(rows.map((r) => r[3])).toEqual(['NO', 'NO', 'yes']);
  });

  it('does not judge time and calls of a smaller run, yet judges its peak; an unreadable peak fails', () => {
    const small = watcherTargets({ activityMs: 10_000, calls: 500, accounts: 20_000, workerPeakRssKb: 401 * 1024 });
    expect(small.map((r) => r[3])).toEqual(['not judged (20000 accounts)', 'not judged (20000 accounts)', 'NO']);
    const unreadable = watcherTargets({ activityMs: 10_000, calls: 500, accounts: 100_000, workerPeakRssKb: undefined });
    expect(unreadable[2].slice(1)).toEqual(['n/a', '≤ 400 MiB', 'NO (unreadable)']);
  });
});
