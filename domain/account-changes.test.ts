import type { BillingAccount } from './billing';
import { changeStamp, eventFor, fingerprint, GONE } from './account-changes';

const account = (over: Partial<BillingAccount> = {}): BillingAccount => ({
  billing: 'lanbilling', accountId: '42', agreementId: '7', login: 'ivanov', status: 'active', services: [{ service: 'intercom', externalId: '1', active: true }], ...over,
});
const blocked = account({ status: 'blocked', blockReason: 'manager' });

describe('billing watcher diffs', () => {
  it('names a first sighting "create" and a status change by what changed', () => {
    expect(eventFor('lanbilling', account(), undefined, '1-abc')).toMatchObject({ type: 'create', id: 'lanbilling:42:create:1-abc' });
    expect(eventFor('lanbilling', account(), GONE, '3-abc')).toMatchObject({ type: 'create' });
    const before = fingerprint(account());
    expect(eventFor('lanbilling', blocked, before, 's')).toMatchObject({ type: 'block', reason: 'manager' });
    expect(eventFor('lanbilling', account({ status: 'disabled' }), before, 's')).toMatchObject({ type: 'disable' });
    expect(eventFor('lanbilling', account(), fingerprint(blocked), 's')).toMatchObject({ type: 'unblock' });
  });

  it('sees a periodic service added or ended', () => {
    const none = fingerprint(account({ services: [] }));
    expect(eventFor('lanbilling', account(), none, 's')).toMatchObject({ type: 'service.enable', service: 'intercom' });
    expect(eventFor('lanbilling', account({ services: [] }), fingerprint(account()), 's')).toMatchObject({ type: 'service.disable', service: 'intercom' });
  });

  it('notices a TV package or point changed in billing', () => {
    const tv = { subscriptionId: '5001', platform: 'beenius', status: 'active' as const, login: 'ana', basePackage: 'basico', extraPackages: [], devices: [], fields: {} };
    const before = fingerprint(account({ tv: [tv] }));
    expect(fingerprint(account({ tv: [{ ...tv, extraPackages: ['hbo'] }] }))).not.toBe(before);
    expect(fingerprint(account({ tv: [{ ...tv, devices: [{ casn: 'X', location: 'Sala' }] }] }))).not.toBe(before);
    expect(eventFor('lanbilling', account({ tv: [{ ...tv, extraPackages: ['hbo'] }] }), before, 's')).toMatchObject({ type: 'sync' });
  });
});

describe('change stamps', () => {
  it('gives a block, an unblock and a second block three different ids (the change number tells them apart)', () => {
    // The account's 2nd, 3rd and 4th recorded changes: blocked, active, blocked again.
    const ids = [
      eventFor('lanbilling', blocked, fingerprint(account()), changeStamp(blocked, 2, fingerprint(blocked))).id,
      eventFor('lanbilling', account(), fingerprint(blocked), changeStamp(account(), 3, fingerprint(account()))).id,
      eventFor('lanbilling', blocked, fingerprint(account()), changeStamp(blocked, 4, fingerprint(blocked))).id,
    ];
    expect(new Set(ids).size).toBe(3);
    expect(ids[0]).toMatch(/^lanbilling:42:block:2-[0-9a-f]{12}$/);
    expect(ids[2]).toMatch(/^lanbilling:42:block:4-[0-9a-f]{12}$/);
  });

  it('gives one change the same stamp whoever computes it, and two states counted alike different ones', () => {
    expect(changeStamp(blocked, 2, fingerprint(blocked))).toBe(changeStamp(blocked, 2, fingerprint(blocked)));
    expect(changeStamp(blocked, 2, fingerprint(blocked))).not.toBe(changeStamp(account({ status: 'disabled' }), 2, fingerprint(account({ status: 'disabled' }))));
  });

  it("uses billing's own change time when the account has one", () => {
    expect(changeStamp(account({ changedAt: '2026-11-21T10:00:00Z' }), 7, 'fp')).toBe('2026-11-21T10:00:00Z');
  });
});
