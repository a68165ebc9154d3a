import { registerSetTopBoxInput } from '../../connectors/isp-integrator/operations/register-set-top-box';
import { benchIspSeed, benchTvPlatforms, TV_LIFECYCLE, tvBenchSubscribers } from './plan';

describe('tvBenchSubscribers', () => {
  const platforms = benchTvPlatforms();
  const subscribers = tvBenchSubscribers(15);

  it('drives every TV connector of the registry', () => {
    expect(platforms.map((p) => p.kind)).toEqual(expect.arrayContaining(['beenius', 'cdntv', 'ion', 'neotv', 'mcr', 'deezer', 'maxitv']));
  });

  it('spreads the subscribers over the platforms in turn', () => {
    const perPlatform = platforms.map((p) => subscribers.filter((s) => s.platform === p.kind).length);
    expect(Math.max(...perPlatform) - Math.min(...perPlatform)).toBeLessThanOrEqual(1);
    expect(perPlatform.reduce((a, b) => a + b, 0)).toBe(15);
  });

  it('gives every subscriber a unique login and a box billing accepts, except where the platform has no set-top points', () => {
    expect(new Set(subscribers.map((s) => s.login)).size).toBe(15);
    for (const s of subscribers) {
      const devices = platforms.find((p) => p.kind === s.platform)!.devices;
      if (!devices) expect(s.casn).toBeUndefined();
      else expect(registerSetTopBoxInput.safeParse({ casn: s.casn, assetNumber: 'PAT-1' }).success).toBe(true);
    }
  });

  it('skips only the set-top point where the platform has no set-top points', () => {
    const noPoints = subscribers.find((s) => !platforms.find((p) => p.kind === s.platform)!.devices)!;
    const withPoints = subscribers.find((s) => platforms.find((p) => p.kind === s.platform)!.devices)!;
    expect(TV_LIFECYCLE.filter((step) => step.appliesTo(noPoints)).map((s) => s.type)).toEqual(['create', 'tv.package.add', 'block', 'unblock', 'disable']);
    expect(TV_LIFECYCLE.filter((step) => step.appliesTo(withPoints))).toHaveLength(6);
  });

  it('gives billing a TV plan for every platform, refusing points only where the platform has none', () => {
    const { seed, planByPlatform } = benchIspSeed([...platforms, { kind: 'newtv', devices: false }]);
    expect(Object.keys(planByPlatform).sort()).toEqual([...platforms.map((p) => p.kind), 'newtv'].sort());
    expect(seed.plans?.find((p) => p.id === planByPlatform.newtv)?.tvPlatform).toBe('newtv');
    expect(seed.platformsWithoutPoints).toEqual(expect.arrayContaining(['deezer', 'newtv']));
  });
});
