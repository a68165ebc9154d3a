import type { BillingAccount, TvSubscription } from '../../domain/billing';
import { desiredTv } from './plan';
import type { ServicePolicy } from '../../domain/policy';
import type { TvSettings } from './settings';

const policy: ServicePolicy<TvSettings> = { kind: 'tv', service: 'tv', billing: ['isp-integrator'], settings: { platformByCode: { neotv: 'neo-tv-sp' } } };
const sub = (over: Partial<TvSubscription> = {}): TvSubscription => ({
  subscriptionId: '5001', platform: 'beenius', status: 'active', login: 'ana@isp', basePackage: 'BASICO', extraPackages: ['TELECINE', 'HBO'], devices: [{ casn: 'CASN0001', location: 'Sala' }], fields: {}, ...over,
});
const account = (over: Partial<BillingAccount> = {}): BillingAccount => ({ billing: 'isp-integrator', accountId: '1001', agreementId: '1001', status: 'active', services: [], tv: [sub()], ...over });

describe('desiredTv', () => {
  it('follows billing: base package, sorted extras, points, on the platform billing names', () => {
    const [d] = desiredTv(account(), policy, []);
    expect(d).toMatchObject({ key: 'tv:5001', platform: 'beenius', present: true, login: 'ana@isp', basePackage: 'BASICO', extraPackages: ['HBO', 'TELECINE'], suspended: false });
  });

  it('maps a platform code through configuration', () => {
    expect(desiredTv(account({ tv: [sub({ platform: 'neotv' })] }), policy, [])[0].platform).toBe('neo-tv-sp');
  });

  it('suspends while the plan is suspended or the account blocked, and removes a cancelled plan', () => {
    expect(desiredTv(account({ tv: [sub({ status: 'suspended' })] }), policy, [])[0].suspended).toBe(true);
    expect(desiredTv(account({ status: 'blocked' }), policy, [])[0].suspended).toBe(true);
    expect(desiredTv(account({ tv: [sub({ status: 'cancelled' })] }), policy, [])[0].present).toBe(false);
  });

  it('removes a plan billing no longer lists, using what the workflow knew of it', () => {
    const gone = desiredTv(account({ tv: [] }), policy, [{ slot: 'tv:4000', state: { platform: 'ion', service: 'tv', login: 'old@isp', attached: true, capabilities: [] } }]);
    expect(gone).toEqual([expect.objectContaining({ key: 'tv:4000', platform: 'ion', login: 'old@isp', present: false })]);
  });
});
