import type { BillingAccount } from '../domain/billing';
import { eventFor, fingerprint } from './watcher-activities';

const account = (over: Partial<BillingAccount> = {}): BillingAccount => ({
  billing: 'lanbilling', accountId: '42', agreementId: '7', login: 'ivanov', status: 'active', services: [{ service: 'intercom', externalId: '1', active: true }], changedAt: '1795300000000', ...over,
});

describe('billing watcher diffs', () => {
  it('names a first sighting "create" and a status change by what changed', () => {
    expect(eventFor('lanbilling', account(), undefined)).toMatchObject({ type: 'create', id: 'lanbilling:42:create:1795300000000' });
    const before = fingerprint(account());
    expect(eventFor('lanbilling', account({ status: 'blocked', blockReason: 'manager' }), before)).toMatchObject({ type: 'block', reason: 'manager' });
    expect(eventFor('lanbilling', account({ status: 'disabled' }), before)).toMatchObject({ type: 'disable' });
    expect(eventFor('lanbilling', account(), fingerprint(account({ status: 'blocked', blockReason: 'manager' })))).toMatchObject({ type: 'unblock' });
  });

  it('sees a periodic service added or ended', () => {
    const none = fingerprint(account({ services: [] }));
    expect(eventFor('lanbilling', account(), none)).toMatchObject({ type: 'service.enable', service: 'intercom' });
    expect(eventFor('lanbilling', account({ services: [] }), fingerprint(account()))).toMatchObject({ type: 'service.disable', service: 'intercom' });
  });

  it('notices a TV package or point changed in billing', () => {
    const tv = { subscriptionId: '5001', platform: 'beenius', status: 'active' as const, login: 'ana', basePackage: 'basico', extraPackages: [], devices: [], fields: {} };
    const before = fingerprint(account({ tv: [tv] }));
    expect(fingerprint(account({ tv: [{ ...tv, extraPackages: ['hbo'] }] }))).not.toBe(before);
    expect(fingerprint(account({ tv: [{ ...tv, devices: [{ casn: 'X', location: 'Sala' }] }] }))).not.toBe(before);
    expect(eventFor('lanbilling', account({ tv: [{ ...tv, extraPackages: ['hbo'] }] }), before)).toMatchObject({ type: 'sync' });
  });
});
