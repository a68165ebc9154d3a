import { blkVgroup, formatLbDate, getAgreements, getPayments, getVgroups, insupdUsboxService, payment } from '../../connectors/lanbilling';
import { createLanbillingSimulator, LanbillingSimulator } from '../../simulators/lanbilling';
import { connectTo, householdSeed } from './lanbilling-support';
import { useSimulator } from '../support/simulator-hooks';

const sim = useSimulator(createLanbillingSimulator());

describe('LANBilling as a BillingSystem', () => {
  it('reads an учётная запись as a BillingAccount: login and address from addons, mapped services, balance, changedAt', async () => {
    sim.seed(householdSeed);
    const { billing } = connectTo(sim);
    const changed = sim.store.vgroups.get(100)!.changed;

    expect(await billing.getAccount('100')).toEqual({
      billing: 'lanbilling',
      accountId: '100',
      agreementId: '10',
      login: '79001234567',
      address: 'ул. Ленина 1, кв. 12',
      status: 'active',
      // "internet" maps to none of our services; the intercom one runs open-ended.
      services: [{ service: 'intercom', externalId: '1000', active: true }],
      balance: 100,
      changedAt: new Date(changed).toISOString(),
    });
    // An ended service is reported inactive.
    expect((await billing.getAccount('101')).services).toEqual([{ service: 'intercom', externalId: '1002', active: false }]);
  });

  it('reads a service a manager ends now as inactive, and bumps changedAt', async () => {
    sim.seed(householdSeed);
    const { billing } = connectTo(sim);
    const before = await billing.getAccount('100');
    await insupdUsboxService(billing.client, { servid: 1000, vgid: 100, catidx: 'intercom', timeto: formatLbDate(new Date()) });
    const after = await billing.getAccount('100');
    expect(after.services).toEqual([{ service: 'intercom', externalId: '1000', active: false }]);
    expect(after.changedAt! > before.changedAt!).toBe(true);
  });

  it('maps serviceCategories from config', async () => {
    sim.seed(householdSeed);
    const { billing } = connectTo(sim, { serviceCategories: { intercom: 'intercom', internet: 'internet' } });
    expect((await billing.getAccount('100')).services.map((s) => s.service)).toEqual(['intercom', 'internet']);
  });

  it.each([
    [{ blocked: 0 as const }, { status: 'active' }],
    [{ blocked: 1 as const }, { status: 'blocked', blockReason: 'insufficient_funds' }],
    [{ blocked: 2 as const }, { status: 'blocked', blockReason: 'user' }],
    [{ blocked: 3 as const }, { status: 'blocked', blockReason: 'manager' }],
    [{ blocked: 4 as const }, { status: 'blocked', blockReason: 'other' }],
    [{ blocked: 10 as const }, { status: 'disabled' }],
    [{ activated: false }, { status: 'new' }],
  ])('maps vgroup %j to %j', async (vgroupState, expected) => {
    sim.seed({ accounts: [{ name: 'X', agreements: [{ agrmid: 1, number: 'N-1', vgroups: [{ vgid: 5, login: 'x', ...vgroupState }] }] }] });
    const account = await connectTo(sim).billing.getAccount('5');
    expect({ status: account.status, blockReason: account.blockReason }).toEqual({ blockReason: undefined, ...expected });
  });

  it('reads a deleted (archived) vgroup as disabled and an unknown one as not_found', async () => {
    sim.seed(householdSeed);
    const { billing } = connectTo(sim);
    sim.store.delVgroup(200);
    expect(await billing.getAccount('200')).toMatchObject({ status: 'disabled', services: [] });
    await expect(billing.getAccount('999')).rejects.toMatchObject({ kind: 'permanent', reason: 'not_found' });
    await expect(billing.getAccount('abc')).rejects.toMatchObject({ kind: 'permanent', reason: 'validation' });
  });

  it('lists every live account, reading the billing page by page', async () => {
    sim.seed(householdSeed);
    sim.seed({ accounts: [{ name: 'Y', agreements: [{ number: 'N-9', vgroups: [{ vgid: 300, login: 'y1' }, { vgid: 301, login: 'y2' }, { vgid: 302, login: 'y3' }] }] }] });
    sim.store.delVgroup(302);
    const { billing } = connectTo(sim, { pageSize: 2 });
    const pagesBefore = sim.faults.requests.filter((r) => r.operation === 'getVgroups').length;

    const accounts = await billing.listAccounts();

    expect(accounts.map((a) => a.accountId)).toEqual(['100', '101', '200', '300', '301']);
    expect(accounts[0]).toMatchObject({ login: '79001234567', services: [{ service: 'intercom', externalId: '1000', active: true }] });
    expect(sim.faults.requests.filter((r) => r.operation === 'getVgroups').length - pagesBefore).toBe(3);
  });

  describe('charge', () => {
    it('withdraws from the agreement with the idempotency key as receipt; the same key twice charges once', async () => {
      sim.seed(householdSeed);
      const { billing } = connectTo(sim);
      const client = billing.client;
      const input = { accountId: '100', agreementId: '10', amount: 30, idempotencyKey: 'subscriber:lanbilling:100:intercom:2024-05', comment: 'Домофон, май 2024' };

      const first = await billing.charge(input);
      const second = await billing.charge(input);

      expect(first).toEqual({ status: 'charged', chargeId: expect.stringMatching(/^\d+$/) });
      expect(second).toEqual(first);
      expect((await getAgreements(client, { agrmid: 10 }))[0]?.balance).toBe(70);
      expect((await getPayments(client, { agrmid: 10 })).map((p) => p.pay)).toEqual([
        expect.objectContaining({ amount: -30, receipt: input.idempotencyKey, comment: input.comment }),
      ]);
    });

    it('answers insufficient funds with the balance instead of throwing, and moves no money', async () => {
      sim.seed(householdSeed);
      const { billing } = connectTo(sim);
      const input = { accountId: '200', agreementId: '20', amount: 20, idempotencyKey: 'k-200-1', comment: 'intercom' };

      // Balance 5 with credit 10 covers at most 15.
      expect(await billing.charge(input)).toEqual({ status: 'insufficient_funds', balance: 5 });
      expect(await getPayments(billing.client, { agrmid: 20 })).toEqual([]);

      // After a top-up the same charge (same key) goes through.
      await payment(billing.client, { agrmid: 20, amount: 100, receipt: 'bank-7' });
      expect(await billing.charge(input)).toMatchObject({ status: 'charged' });
      expect((await getAgreements(billing.client, { agrmid: 20 }))[0]?.balance).toBe(85);
    });

    it('refuses a non-positive amount without calling the billing', async () => {
      const { billing } = connectTo(sim);
      const requestsBefore = sim.faults.requests.length;
      await expect(billing.charge({ accountId: '1', agreementId: '1', amount: 0, idempotencyKey: 'k', comment: '' })).rejects.toMatchObject({ reason: 'validation' });
      expect(sim.faults.requests.length).toBe(requestsBefore);
    });
  });

  describe('setBlock', () => {
    it('sets the code for the reason and lifts it with null', async () => {
      sim.seed(householdSeed);
      const { billing } = connectTo(sim);
      await billing.setBlock('100', 'insufficient_funds');
      expect((await getVgroups(billing.client, { vgid: 100 }))[0]?.blocked).toBe(1);
      expect(await billing.getAccount('100')).toMatchObject({ status: 'blocked', blockReason: 'insufficient_funds' });

      await billing.setBlock('100', null);
      expect((await getVgroups(billing.client, { vgid: 100 }))[0]?.blocked).toBe(0);
      // Lifting again is a no-op.
      await billing.setBlock('100', null);
      expect((await getVgroups(billing.client, { vgid: 100 }))[0]?.blocked).toBe(0);
    });

    it('leaves a vgroup that is already blocked by a manager or switched off as it is', async () => {
      sim.seed(householdSeed);
      const { billing } = connectTo(sim);
      await blkVgroup(billing.client, { vgid: 100, blk: 3, state: 'on' });
      await blkVgroup(billing.client, { vgid: 101, blk: 10, state: 'on' });

      await billing.setBlock('100', 'insufficient_funds');
      await billing.setBlock('101', 'insufficient_funds');

      expect((await getVgroups(billing.client, { vgid: 100 }))[0]?.blocked).toBe(3);
      expect((await getVgroups(billing.client, { vgid: 101 }))[0]?.blocked).toBe(10);
      // null never switches a disabled vgroup back on.
      await billing.setBlock('101', null);
      expect((await getVgroups(billing.client, { vgid: 101 }))[0]?.blocked).toBe(10);
    });
  });

  it('health() succeeds with good credentials and is a permanent auth error with bad ones', async () => {
    await expect(connectTo(sim).billing.health()).resolves.toBeUndefined();
    await expect(connectTo(sim, { password: 'wrong' }).billing.health()).rejects.toMatchObject({ kind: 'permanent', reason: 'auth', operation: 'Login' });
  });
});
