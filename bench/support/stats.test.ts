import { perSecond, summarize } from './stats';

describe('summarize', () => {
  it('gives nearest-rank percentiles that are real samples', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1, unsorted on purpose
    expect(summarize(samples)).toEqual({ count: 100, p50: 50, p95: 95, p99: 99, max: 100 });
  });

  it('reports the top sample as p99 when there are few', () => {
    expect(summarize([30, 10, 20])).toEqual({ count: 3, p50: 20, p95: 30, p99: 30, max: 30 });
  });

  it('has no figures for no samples', () => {
    expect(summarize([])).toMatchObject({ count: 0, p50: NaN, max: NaN });
  });
});

describe('perSecond', () => {
  it('divides by wall time in seconds', () => {
    expect(perSecond(300, 2000)).toBe(150);
  });
});
