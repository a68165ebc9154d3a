import { registerSetTopBoxInput } from '../../connectors/isp-integrator/operations/register-set-top-box';
import { tvFlavourNames } from '../../simulators/tv';
import { TV_LIFECYCLE, tvBenchSubscribers } from './plan';

describe('tvBenchSubscribers', () => {
  const subscribers = tvBenchSubscribers(15);

  it('spreads the subscribers over the seven platforms in turn', () => {
    const perPlatform = tvFlavourNames.map((p) => subscribers.filter((s) => s.platform === p).length);
    expect(perPlatform).toEqual([3, 2, 2, 2, 2, 2, 2]);
  });

  it('gives every subscriber a unique login and a box billing accepts, except on Deezer', () => {
    expect(new Set(subscribers.map((s) => s.login)).size).toBe(15);
    for (const s of subscribers) {
      if (s.platform === 'deezer') expect(s.casn).toBeUndefined();
      else expect(registerSetTopBoxInput.safeParse({ casn: s.casn, assetNumber: 'PAT-1' }).success).toBe(true);
    }
  });

  it('skips only the set-top point on Deezer', () => {
    const deezer = subscribers.find((s) => s.platform === 'deezer')!;
    const beenius = subscribers.find((s) => s.platform === 'beenius')!;
    expect(TV_LIFECYCLE.filter((step) => step.appliesTo(deezer)).map((s) => s.type)).toEqual(['create', 'tv.package.add', 'block', 'unblock', 'disable']);
    expect(TV_LIFECYCLE.filter((step) => step.appliesTo(beenius))).toHaveLength(6);
  });
});
