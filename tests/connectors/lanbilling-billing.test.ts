import { blkVgroup, formatLbDate, getAgreements, getPayments, getVgroups, insupdUsboxService, insupdVgroup, payment, setVgroupAddon, stopUsboxService } from '../../connectors/lanbilling';
import type { LanbillingBilling } from '../../connectors/lanbilling';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLanbillingSimulator, INTERCOM, VENDOR_ENCODING_FILE, VENDOR_WSDL_FILE } from '../../simulators/lanbilling';
import { connectTo, householdSeed, INTERNET_CATIDX } from './lanbilling-support';

/** A category no seed uses: software licenses sold per tariff. */
const LICENSE_CATIDX = 5;
import { useSimulator } from '../support/simulator-hooks';

const sim = useSimulator(createLanbillingSimulator());

/** The SOAP operations the simulator received while `work` ran. */
async function callsDuring(work: () => Promise<unknown>): Promise<string[]> {
  const before = sim.faults.requests.length;
  await work();
  return sim.faults.requests.slice(before).map((r) => r.operation);
}

/** A connector that already holds the WSDL and a session, so only the calls under test are counted. */
async function warm(overrides: Parameters<typeof connectTo>[1] = {}): Promise<LanbillingBilling> {
  const { billing } = connectTo(sim, overrides);
  await billing.health();
  return billing;
}

describe('LANBilling as a BillingSystem', () => {
  it("reads an учётная запись as a BillingAccount in two calls: login from the addon, the vgroup's address, mapped services", async () => {
    sim.seed(householdSeed);
    const billing = await warm();
    let account: unknown;
    const calls = await callsDuring(async () => (account = await billing.getAccount('100')));

    expect(calls).toEqual(['getVgroup', 'getUsboxServices']);
    expect(account).toEqual({
      billing: 'lanbilling',
      accountId: '100',
      agreementId: '10',
      login: '79001234567',
      address: 'ул. Ленина 1, кв. 12',
      status: 'active',
      // The "internet" category maps to none of our services; the intercom one runs open-ended.
      // Its tariff is its plan; the vgroup's addons are where write-backs land.
      services: [{ service: 'intercom', externalId: '1000', active: true, plan: String(INTERCOM.tarid), fields: { isvyaz_login: '79001234567' } }],
    });
    // No invented change stamp: api3 has none for a vgroup.
    expect(account).not.toHaveProperty('changedAt');
    // An ended service is reported inactive; a vgroup without an address has none.
    expect(await billing.getAccount('101')).toMatchObject({ services: [{ service: 'intercom', externalId: '1002', active: false }] });
    expect(await billing.getAccount('101')).not.toHaveProperty('address');
  });

  it("names the account's holder from the абонент: name, e-mail, person or legal entity", async () => {
    sim.seed(householdSeed);
    sim.seed({
      accounts: [{ uid: 7, type: 1, name: 'ООО Ромашка', email: 'office@romashka.example', agreements: [{ agrmid: 70, number: 'A-0070', vgroups: [{ vgid: 700, login: 'romashka', tarid: 11 }] }] }],
    });
    const billing = await warm();
    const calls = await callsDuring(async () => {
      expect(await billing.accountHolder('700')).toEqual({ name: 'ООО Ромашка', email: 'office@romashka.example', type: 'organisation' });
    });
    expect(calls).toEqual(['getVgroup', 'getAccounts']);
    // No e-mail in billing: none is invented.
    expect(await billing.accountHolder('100')).toEqual({ name: 'Иванов Иван Иванович', type: 'person' });
    await expect(billing.accountHolder('999')).rejects.toMatchObject({ reason: 'not_found' });
  });

  it('reads a service a manager stops now as inactive', async () => {
    sim.seed(householdSeed);
    const { billing } = connectTo(sim);
    await stopUsboxService(billing.client, { servid: 1000, timeto: formatLbDate(new Date()) });
    expect((await billing.getAccount('100')).services).toEqual([expect.objectContaining({ service: 'intercom', externalId: '1000', active: false })]);
  });

  it("reads a periodic service's tariff as its plan, and follows a manager moving it to another tariff", async () => {
    sim.seed(householdSeed);
    const billing = connectTo(sim, { serviceCategories: { licenses: { catidx: LICENSE_CATIDX } } }).billing;
    const servid = await insupdUsboxService(billing.client, { vgid: 100, tarid: 21, catidx: LICENSE_CATIDX, timefrom: '2024-01-01 00:00:00' });
    expect((await billing.getAccount('100')).services).toEqual([expect.objectContaining({ service: 'licenses', externalId: String(servid), active: true, plan: '21' })]);
    await insupdUsboxService(billing.client, { servid, vgid: 100, tarid: 22, catidx: LICENSE_CATIDX });
    expect((await billing.getAccount('100')).services).toEqual([expect.objectContaining({ externalId: String(servid), plan: '22' })]);
  });

  it('writes service fields into vgroup addons (setVgroupAddon), which the next read shows', async () => {
    sim.seed({ addonFields: [{ name: 'license_ticket' }], ...householdSeed });
    const billing = await warm();
    const calls = await callsDuring(() => billing.setServiceFields('100', '1000', { license_ticket: 'ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ2' }));

    expect(calls).toEqual(['getVgroups', 'setVgroupAddon']);
    expect((await billing.getAccount('100')).services[0]?.fields).toEqual({ isvyaz_login: '79001234567', license_ticket: 'ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ2' });
    expect(sim.state().vgroups.find((v) => v.vgid === 100)?.addons).toMatchObject({ license_ticket: 'ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ2' });
    await expect(billing.setServiceFields('100', '1000', { no_such_field: 'x' })).rejects.toMatchObject({ kind: 'permanent', reason: 'validation', message: expect.stringMatching(/no_such_field/) });
    sim.store.delVgroup(100);
    await expect(billing.setServiceFields('100', '1000', { license_ticket: 'x' })).rejects.toMatchObject({ kind: 'permanent', reason: 'not_found' });
  });

  it('maps serviceCategories from config: a category index, optionally of one tariff only', async () => {
    sim.seed(householdSeed);
    const both = connectTo(sim, { serviceCategories: { intercom: { catidx: INTERCOM.catidx }, internet: { catidx: INTERNET_CATIDX } } }).billing;
    expect((await both.getAccount('100')).services.map((s) => s.service)).toEqual(['intercom', 'internet']);
    const otherTariff = connectTo(sim, { serviceCategories: { intercom: { catidx: INTERCOM.catidx, tarid: INTERCOM.tarid + 1 } } }).billing;
    expect((await otherTariff.getAccount('100')).services).toEqual([]);
  });

  it('reads the address from an addon field instead when configured', async () => {
    sim.seed({ addonFields: [{ name: 'flat' }], ...householdSeed });
    const { billing } = connectTo(sim, { addressAddonField: 'flat' });
    await setVgroupAddon(billing.client, { vgid: 100, name: 'flat', value: 'кв. 12 (addon)' });
    expect((await billing.getAccount('100')).address).toBe('кв. 12 (addon)');
  });

  it.each([
    [{ blocked: 0 as const }, { status: 'active' }],
    [{ blocked: 1 as const }, { status: 'blocked', blockReason: 'insufficient_funds' }],
    [{ blocked: 2 as const }, { status: 'blocked', blockReason: 'user' }],
    [{ blocked: 3 as const }, { status: 'blocked', blockReason: 'manager' }],
    [{ blocked: 4 as const }, { status: 'blocked', blockReason: 'insufficient_funds' }],
    [{ blocked: 10 as const }, { status: 'disabled' }],
    [{ activated: false }, { status: 'new' }],
  ])('maps vgroup %j to %j', async (vgroupState, expected) => {
    sim.seed({ accounts: [{ name: 'X', agreements: [{ agrmid: 1, number: 'N-1', vgroups: [{ vgid: 5, login: 'x', ...vgroupState }] }] }] });
    const account = await connectTo(sim).billing.getAccount('5');
    expect({ status: account.status, blockReason: account.blockReason }).toEqual({ blockReason: undefined, ...expected });
  });

  it('prepare() reads and parses the WSDL before the first call, calling no api3 operation', async () => {
    sim.seed(householdSeed);
    // The WSDL from files that are gone after prepare(): the first call can only succeed on what prepare() parsed.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'subsync-wsdl-'));
    for (const file of [VENDOR_WSDL_FILE, VENDOR_ENCODING_FILE]) fs.copyFileSync(file, path.join(dir, path.basename(file)));
    const { billing } = connectTo(sim, { wsdl: path.join(dir, path.basename(VENDOR_WSDL_FILE)) });
    const { billing: unprepared } = connectTo(sim, { wsdl: path.join(dir, path.basename(VENDOR_WSDL_FILE)) });

    expect(await callsDuring(() => billing.prepare())).toEqual([]);
    fs.rmSync(dir, { recursive: true, force: true });

    expect(await callsDuring(() => billing.getAccount('100'))).toEqual(['Login', 'getVgroup', 'getUsboxServices']);
    await expect(unprepared.getAccount('100')).rejects.toMatchObject({ kind: 'permanent' });
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
    expect(accounts[0]).toMatchObject({ login: '79001234567', address: 'ул. Ленина 1, кв. 12', balance: 100, services: [{ service: 'intercom', externalId: '1000', active: true }] });
    expect(sim.faults.requests.filter((r) => r.operation === 'getVgroups').length - pagesBefore).toBe(3);
  });

  describe('scanAccounts', () => {
    const many = (count: number) => ({
      accounts: [{ name: 'Многоквартирный', agreements: [{ agrmid: 1, number: 'M-1', vgroups: Array.from({ length: count }, (_, i) => ({ vgid: i + 1, login: `m${i + 1}`, address: `кв. ${i + 1}` })) }] }],
    });

    async function scanAll(billing: LanbillingBilling, pageSize: number) {
      const pages: { ids: string[]; calls: number }[] = [];
      const digests = new Map<string, string>();
      let cursor: string | undefined;
      do {
        const page = await billing.scanAccounts({ cursor, pageSize });
        pages.push({ ids: page.accounts.map((a) => a.accountId), calls: page.calls });
        page.accounts.forEach((a) => digests.set(a.accountId, a.digest));
        cursor = page.nextCursor;
      } while (cursor !== undefined);
      return { pages, digests };
    }

    it('pages through every live account with one SOAP call per page, whatever the page size', async () => {
      sim.seed(many(25));
      sim.store.delVgroup(25);
      const billing = await warm();
      for (const pageSize of [3, 10, 50]) {
        const before = sim.faults.requests.length;
        const { pages, digests } = await scanAll(billing, pageSize);
        expect([...digests.keys()]).toEqual(Array.from({ length: 24 }, (_, i) => String(i + 1)));
        expect(pages.every((p) => p.calls === 1)).toBe(true);
        expect(sim.faults.requests.length - before).toBe(pages.length);
        expect(sim.faults.requests.slice(before).every((r) => r.operation === 'getVgroups')).toBe(true);
      }
    });

    it('counts the Login a page needed after the session expired', async () => {
      sim.seed(many(4));
      const billing = await warm();
      sim.expireSessions();
      const page = await billing.scanAccounts({ pageSize: 10 });
      // getVgroups refused, Login, getVgroups again.
      expect(page).toMatchObject({ calls: 3, accounts: expect.any(Array) });
      expect(page.nextCursor).toBeUndefined();
    });

    it('changes the digest when the list view changes (block, activation, address, tariff), not for addons or services', async () => {
      sim.seed(householdSeed);
      const billing = await warm();
      const digest = async (id: string) => (await scanAll(billing, 50)).digests.get(id);

      const start = await digest('100');
      const neighbour = await digest('200');
      await setVgroupAddon(billing.client, { vgid: 100, name: 'isvyaz_login', value: '79000000000' });
      await stopUsboxService(billing.client, { servid: 1000, timeto: formatLbDate(new Date()) });
      expect(await digest('100')).toBe(start);

      await blkVgroup(billing.client, { vgid: 100, blk: 3, state: 'on' });
      const blocked = await digest('100');
      expect(blocked).not.toBe(start);
      await blkVgroup(billing.client, { vgid: 100, blk: 3, state: 'off' });
      expect(await digest('100')).toBe(start);

      await insupdVgroup(billing.client, { vgroup: { vgid: 100, agrmid: 10, id: INTERCOM.agentid, tarid: INTERCOM.tarid, login: 'ivanov-kv12' }, address: 'ул. Ленина 1, кв. 12А' });
      expect(await digest('100')).not.toBe(start);
      // The neighbour's digest did not move.
      expect(await digest('200')).toBe(neighbour);
    });

    it('refuses a bad page size or a cursor from another page size, naming it', async () => {
      const { billing } = connectTo(sim);
      await expect(billing.scanAccounts({ pageSize: 0 })).rejects.toMatchObject({ reason: 'validation', message: expect.stringContaining('pageSize') });
      await expect(billing.scanAccounts({ pageSize: 10, cursor: '2/20' })).rejects.toMatchObject({ reason: 'validation', message: expect.stringContaining('pageSize 20') });
      await expect(billing.scanAccounts({ pageSize: 10, cursor: 'nope' })).rejects.toMatchObject({ reason: 'validation', message: expect.stringContaining('"nope"') });
    });
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

    it('finds a charge whose answer was lost (the payment was booked) instead of booking it again', async () => {
      sim.seed(householdSeed);
      const { billing } = connectTo(sim);
      const input = { accountId: '100', agreementId: '10', amount: 30, idempotencyKey: 'k-lost-answer', comment: 'intercom' };
      // The billing booked it, then the connection dropped before the answer.
      const recordid = sim.store.payment({ agrmid: 10, amount: -30, receipt: input.idempotencyKey });
      expect(await billing.charge(input)).toEqual({ status: 'charged', chargeId: String(recordid) });
      expect(sim.state().payments).toHaveLength(1);
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
    it('sets the code for the reason and lifts its own block with null', async () => {
      sim.seed(householdSeed);
      const { billing } = connectTo(sim);
      await billing.setBlock('100', 'insufficient_funds');
      expect((await getVgroups(billing.client, { vgid: 100 }))[0]?.blocked).toBe(1);
      expect(await billing.getAccount('100')).toMatchObject({ status: 'blocked', blockReason: 'insufficient_funds' });
      expect(sim.state().blockHistory.at(-1)).toMatchObject({ vgid: 100, blkreq: 1, comment: 'subsync: insufficient_funds' });

      await billing.setBlock('100', null);
      expect((await getVgroups(billing.client, { vgid: 100 }))[0]?.blocked).toBe(0);
      // Lifting again is a no-op.
      await billing.setBlock('100', null);
      expect((await getVgroups(billing.client, { vgid: 100 }))[0]?.blocked).toBe(0);
    });

    it("leaves a block it did not set: the block history shows the billing's or a manager's", async () => {
      sim.seed(householdSeed);
      const { billing } = connectTo(sim);
      // The billing's own financial block (its jobs run as no manager).
      sim.store.blkVgroup(100, 1, 'on');
      // A manager's block, with the same manager account subsync uses but not its comment.
      await blkVgroup(billing.client, { vgid: 101, blk: 1, state: 'on', comment: 'оплата просрочена' });

      await billing.setBlock('100', null);
      await billing.setBlock('101', null);

      expect((await getVgroups(billing.client, { vgid: 100 }))[0]?.blocked).toBe(1);
      expect((await getVgroups(billing.client, { vgid: 101 }))[0]?.blocked).toBe(1);
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
