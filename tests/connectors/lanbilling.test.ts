import {
  blkVgroup,
  delUsboxService,
  delVgroup,
  getAccounts,
  getAgreements,
  getBlockRasp,
  getPayments,
  getUsboxServices,
  getVgroup,
  getVgroupAddons,
  getVgroups,
  insupdAccount,
  insupdAgreement,
  insupdUsboxService,
  insupdVgroup,
  payment,
  setVgroupAddon,
  stopUsboxService,
} from '../../connectors/lanbilling';
import { PermanentError } from '../../connectors/errors';
import { createLanbillingSimulator, DEFAULT_LANBILLING_MANAGER, INTERCOM } from '../../simulators/lanbilling';
import { connectTo, householdSeed } from './lanbilling-support';
import { useSimulator } from '../support/simulator-hooks';

const sim = useSimulator(createLanbillingSimulator());

describe('LANBilling api3 operations (acting as a manager)', () => {
  it('creates an абонент, a договор and an учётная запись with its address and login addon, as the intercom guide describes', async () => {
    const { client } = connectTo(sim).billing;
    const uid = await insupdAccount(client, { type: 2, name: 'Сидоров С.С.', login: 'sidorov', email: 's@example.org' });
    const agrmid = await insupdAgreement(client, { uid, operid: 1, curid: 1, number: 'D-77', balance: 300, credit: 50 });
    const vgid = await insupdVgroup(client, {
      vgroup: { agrmid, id: INTERCOM.agentid, tarid: INTERCOM.tarid, login: 'sidorov-kv5' },
      addons: { isvyaz_login: '79005550000' },
      address: 'ул. Садовая 3, кв. 5',
    });

    expect(await getAccounts(client, { userid: uid })).toEqual([
      expect.objectContaining({ account: expect.objectContaining({ uid, name: 'Сидоров С.С.', login: 'sidorov', type: 2, vgcnt: 1 }), agreements: [expect.objectContaining({ agrmid, balance: 300, number: 'D-77' })] }),
    ]);
    expect(await getAgreements(client, { agrmid })).toEqual([expect.objectContaining({ agrmid, uid, operid: 1, curid: 1, balance: 300, credit: 50, number: 'D-77' })]);
    const [brief] = await getVgroups(client, { vgid });
    // New vgroups start switched off and never activated.
    expect(brief).toMatchObject({ vgid, agrmid, uid, id: INTERCOM.agentid, tarid: INTERCOM.tarid, login: 'sidorov-kv5', blocked: 10, accondate: '', balance: 300, agrmnum: 'D-77', username: 'Сидоров С.С.' });
    expect(brief?.address).toEqual([{ type: 0, code: '', address: 'ул. Садовая 3, кв. 5' }]);
    // The full read has the addons in the same answer.
    const full = await getVgroup(client, vgid);
    expect(full.addons.map((a) => [a.name, a.strvalue])).toEqual([['isvyaz_login', '79005550000']]);
    expect(full.addresses.map((a) => a.address)).toEqual(['ул. Садовая 3, кв. 5']);
    expect(full.vgroup).toMatchObject({ vgid, agrmid, blocked: 10, archive: 0, accondate: '' });
    expect((await getVgroupAddons(client, vgid)).map((a) => [a.name, a.strvalue])).toEqual([['isvyaz_login', '79005550000']]);
  });

  it('updates account, agreement and vgroup in place when their id is given', async () => {
    sim.seed(householdSeed);
    const { client } = connectTo(sim).billing;
    expect(await insupdAccount(client, { uid: 1, type: 2, name: 'Иванов И.И.', login: 'ivanov' })).toBe(1);
    expect(await insupdAgreement(client, { agrmid: 10, uid: 1, operid: 1, curid: 1, number: 'A-0010', credit: 25, balance: 9999 })).toBe(10);
    expect(await insupdVgroup(client, { vgroup: { vgid: 100, agrmid: 10, id: INTERCOM.agentid, tarid: 4, login: 'ivanov-kv12' } })).toBe(100);

    expect((await getAccounts(client, { userid: 1 }))[0]?.account.name).toBe('Иванов И.И.');
    // Balance only moves through payments.
    expect(await getAgreements(client, { agrmid: 10 })).toEqual([expect.objectContaining({ credit: 25, balance: 100 })]);
    const [vgroup] = await getVgroups(client, { vgid: 100 });
    expect(vgroup?.tarid).toBe(4);
    // An update without addresses keeps the vgroup's address.
    expect(vgroup?.address.map((a) => a.address)).toEqual(['ул. Ленина 1, кв. 12']);
  });

  it('activates, blocks and unblocks with blkVgroup; the block history names who did it and why', async () => {
    const { client } = connectTo(sim).billing;
    const uid = await insupdAccount(client, { type: 2, name: 'Тест' });
    const agrmid = await insupdAgreement(client, { uid, operid: 1, curid: 1, number: 'T-1' });
    const vgid = await insupdVgroup(client, { vgroup: { agrmid, id: 1, tarid: 1, login: 't1' } });
    const read = async () => (await getVgroups(client, { vgid }))[0]!;

    await blkVgroup(client, { vgid, blk: 10, state: 'off' });
    const activated = await read();
    expect(activated).toMatchObject({ blocked: 0, blkreq: 0, blockdate: '' });
    expect(activated.accondate).not.toBe('');

    await blkVgroup(client, { vgid, blk: 3, state: 'on', comment: 'долг по договору' });
    expect(await read()).toMatchObject({ blocked: 3, blkreq: 3 });
    // Repeating a block changes nothing, not even the history.
    await blkVgroup(client, { vgid, blk: 3, state: 'on' });
    await blkVgroup(client, { vgid, blk: 3, state: 'off' });
    expect(await read()).toMatchObject({ blocked: 0 });

    const history = await getBlockRasp(client, { vgid });
    expect(history.map((r) => [r.blkreq, r.comment, r.ishistory])).toEqual([
      [0, '', 1],
      [3, 'долг по договору', 1],
      [0, '', 1],
    ]);
    expect(new Set(history.map((r) => [r.requestby, r.mgrname].join()))).toEqual(new Set([[client.personid, DEFAULT_LANBILLING_MANAGER.login].join()]));
    expect(client.personid).toEqual(expect.any(Number));
  });

  it('sets addons, adds, stops and removes periodic services', async () => {
    sim.seed(householdSeed);
    const { client } = connectTo(sim).billing;
    await setVgroupAddon(client, { vgid: 200, name: 'isvyaz_login', value: '79007770000', agentid: INTERCOM.agentid });
    expect(await getVgroupAddons(client, 200)).toEqual([expect.objectContaining({ vgid: 200, name: 'isvyaz_login', strvalue: '79007770000' })]);

    const servid = await insupdUsboxService(client, { vgid: 200, tarid: INTERCOM.tarid, catidx: INTERCOM.catidx, mul: 1, timefrom: '2024-03-01 00:00:00' });
    expect(await getUsboxServices(client, { vgid: 200 })).toEqual([
      expect.objectContaining({
        service: expect.objectContaining({ servid, vgid: 200, catidx: INTERCOM.catidx, tarid: INTERCOM.tarid, timefrom: '2024-03-01 00:00:00', timeto: '' }),
        agrmid: 20,
        vglogin: 'petrova-kv1',
      }),
    ]);
    // The category filter selects by catidx across vgroups.
    expect((await getUsboxServices(client, { catidx: INTERCOM.catidx })).map((s) => s.service.servid)).toEqual([1000, 1002, servid]);

    await stopUsboxService(client, { servid, timeto: '2024-04-01 00:00:00' });
    expect((await getUsboxServices(client, { vgid: 200 }))[0]?.service.timeto).toBe('2024-04-01 00:00:00');

    await delUsboxService(client, servid);
    expect(await getUsboxServices(client, { vgid: 200 })).toEqual([]);
  });

  it('deletes a vgroup by archiving it: gone from the live list, its services ended, still readable in full', async () => {
    sim.seed(householdSeed);
    const { client } = connectTo(sim).billing;
    await delVgroup(client, 100);
    expect((await getVgroups(client, {})).map((v) => v.vgid)).toEqual([101, 200]);
    expect(await getVgroups(client, { archive: 1 })).toEqual([expect.objectContaining({ vgid: 100, blocked: 10 })]);
    expect((await getVgroup(client, 100)).vgroup).toMatchObject({ vgid: 100, archive: 1, blocked: 10 });
    const [intercom] = await getUsboxServices(client, { vgid: 100 });
    expect(intercom?.service.timeto).not.toBe('');
    await expect(delVgroup(client, 100)).rejects.toMatchObject({ kind: 'permanent', reason: 'not_found' });
  });

  it('books payments and withdrawals, and finds them by receipt', async () => {
    sim.seed(householdSeed);
    const { client } = connectTo(sim).billing;
    await payment(client, { agrmid: 10, amount: 50, receipt: 'bank-1', comment: 'top-up' });
    await payment(client, { agrmid: 10, amount: -30, receipt: 'charge-1' });

    expect((await getAgreements(client, { agrmid: 10 }))[0]?.balance).toBe(120);
    expect((await getPayments(client, { agrmid: 10 })).map((p) => [p.pay.receipt, p.pay.amount])).toEqual([
      ['bank-1', 50],
      ['charge-1', -30],
    ]);
    expect((await getPayments(client, { agrmid: 10, receipt: 'charge-1' })).map((p) => p.pay.amount)).toEqual([-30]);
    expect(await getPayments(client, { agrmid: 10, receipt: 'never-booked' })).toEqual([]);
  });

  it('rejects bad input before sending, naming the field', async () => {
    const { client } = connectTo(sim).billing;
    const before = sim.faults.requests.length;
    const err = await insupdVgroup(client, { vgroup: { agrmid: 1, id: 1, tarid: 1, login: '' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentError);
    expect(err).toMatchObject({ reason: 'validation', operation: 'insupdVgroup' });
    expect((err as Error).message).toContain('vgroup.login');
    expect(sim.faults.requests.length).toBe(before);
  });

  it("maps the billing's validation fault to PermanentError('validation') naming the field", async () => {
    sim.seed(householdSeed);
    const { client } = connectTo(sim).billing;
    const badRange = await insupdUsboxService(client, { vgid: 200, tarid: INTERCOM.tarid, catidx: INTERCOM.catidx, timefrom: '2024-05-01 00:00:00', timeto: '2024-04-01 00:00:00' }).catch((e: unknown) => e);
    expect(badRange).toMatchObject({ kind: 'permanent', reason: 'validation' });
    expect((badRange as Error).message).toContain('val.timeto');

    const unknownAddon = await setVgroupAddon(client, { vgid: 200, name: 'no_such_field', value: 'x' }).catch((e: unknown) => e);
    expect(unknownAddon).toMatchObject({ kind: 'permanent', reason: 'validation' });
    expect((unknownAddon as Error).message).toContain('val.name');
  });

  it('maps unknown ids to not_found and duplicates to conflict', async () => {
    sim.seed(householdSeed);
    const { client } = connectTo(sim).billing;
    await expect(insupdVgroup(client, { vgroup: { agrmid: 999, id: INTERCOM.agentid, tarid: INTERCOM.tarid, login: 'x' } })).rejects.toMatchObject({ reason: 'not_found' });
    await expect(getVgroup(client, 999)).rejects.toMatchObject({ reason: 'not_found' });
    await expect(insupdVgroup(client, { vgroup: { agrmid: 10, id: INTERCOM.agentid, tarid: INTERCOM.tarid, login: 'ivanov-kv12' } })).rejects.toMatchObject({ reason: 'conflict' });
  });
});
