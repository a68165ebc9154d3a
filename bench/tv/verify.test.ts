import type { TvEvent, TvSubscriber } from '../../simulators/tv';
import { tvBenchSubscribers } from './plan';
import { verifyTvPlatforms } from './verify';

const [beenius, cdntv] = tvBenchSubscribers(2);
const log = (login: string, types: TvEvent['type'][]): TvEvent[] => types.map((type, i) => ({ seq: i + 1, at: new Date(1000 + i).toISOString(), type, login }));
const full: TvEvent['type'][] = ['subscriber.created', 'package.base_set', 'package.added', 'device.bound', 'subscriber.suspended', 'subscriber.resumed', 'subscriber.removed'];

describe('verifyTvPlatforms', () => {
  it('accepts platforms that logged each subscriber\'s whole lifecycle and hold none of them', () => {
    const states = { beenius: { subscribers: [], events: log(beenius!.login, full) }, cdntv: { subscribers: [], events: log(cdntv!.login, full) } };
    expect(verifyTvPlatforms([beenius!, cdntv!], states)).toEqual([]);
  });

  it('names a missing or reordered change and a subscriber left behind', () => {
    const left = { login: cdntv!.login } as TvSubscriber;
    const states = {
      beenius: { subscribers: [], events: log(beenius!.login, full.filter((t) => t !== 'device.bound')) },
      cdntv: { subscribers: [left], events: log(cdntv!.login, [...full.slice(0, 4), 'subscriber.resumed', 'subscriber.suspended']) },
    };
    const problems = verifyTvPlatforms([beenius!, cdntv!], states);
    expect(problems).toEqual([
      expect.stringMatching(/^beenius bench\.tv\.0000001: platform logged \[subscriber.created, package.base_set, package.added, subscriber.suspended/),
      expect.stringMatching(/^cdntv bench\.tv\.0000002: platform logged .*subscriber.resumed, subscriber.suspended\]/),
      'cdntv bench.tv.0000002: still on the platform after disable',
    ]);
  });

  it('does not count a login\'s changes on another platform', () => {
    const states = { beenius: { subscribers: [], events: [] }, cdntv: { subscribers: [], events: log(beenius!.login, full) } };
    expect(verifyTvPlatforms([beenius!], states)).toEqual([expect.stringMatching(/^beenius .*logged \[\]/)]);
  });
});
