import {
  blkVgroup,
  delUsboxService,
  delVgroup,
  formatLbDate,
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
import type { LanbillingBilling } from '../../connectors/lanbilling';
import { AnswerStyle, createLanbillingSimulator, INTERCOM, VENDOR_WSDL_FILE } from '../../simulators/lanbilling';
import { isEmptyListAnswer, violationsOf } from './lanbilling-contract-support';
import { connectTo, householdSeed } from './lanbilling-support';
import { useSimulator } from '../support/simulator-hooks';

const sim = useSimulator(createLanbillingSimulator({ recordExchanges: true }), { seed: householdSeed });

/** Everything subsync does with LANBilling, every api3 operation the simulator implements at least once, a fault and empty lists. */
async function everyOperation(billing: LanbillingBilling): Promise<void> {
  const client = billing.client;
  const uid = await insupdAccount(client, { type: 2, name: 'Контрактов К.К.', email: 'k@example.org' });
  await insupdAccount(client, { uid, type: 2, name: 'Контрактов К. К.' });
  await getAccounts(client, { userid: uid });
  const agrmid = await insupdAgreement(client, { uid, operid: 1, curid: 1, number: 'K-1', balance: 500 });
  await insupdAgreement(client, { agrmid, uid, operid: 1, curid: 1, number: 'K-1', credit: 10 });
  await getAgreements(client, { agrmid });
  const vgid = await insupdVgroup(client, { vgroup: { agrmid, id: INTERCOM.agentid, tarid: INTERCOM.tarid, login: 'k-kv1' }, addons: { isvyaz_login: '79000000001' }, address: 'кв. 1' });
  await insupdVgroup(client, { vgroup: { vgid, agrmid, id: INTERCOM.agentid, tarid: INTERCOM.tarid, login: 'k-kv1', descr: 'квартира' } });
  await blkVgroup(client, { vgid, blk: 10, state: 'off' });
  await setVgroupAddon(client, { vgid, name: 'isvyaz_login', value: '79000000002', agentid: INTERCOM.agentid });
  await getVgroupAddons(client, vgid);
  await getVgroup(client, vgid);
  await getVgroups(client, { agrmid, pgnum: 1, pgsize: 10 });
  const servid = await insupdUsboxService(client, { vgid, tarid: INTERCOM.tarid, catidx: INTERCOM.catidx, timefrom: formatLbDate(new Date(Date.now() - 3600_000)) });
  await getUsboxServices(client, { vgid });
  await billing.getAccount(String(vgid));
  await billing.scanAccounts({ pageSize: 2 });
  await billing.charge({ accountId: String(vgid), agreementId: String(agrmid), amount: 100, idempotencyKey: `contract-${vgid}`, comment: 'Домофон' });
  await billing.charge({ accountId: String(vgid), agreementId: String(agrmid), amount: 10_000, idempotencyKey: `contract-big-${vgid}`, comment: 'Домофон' });
  await payment(client, { agrmid, amount: 50, receipt: `bank-${vgid}`, comment: 'оплата' });
  await getPayments(client, { agrmid });
  await billing.setBlock(String(vgid), 'insufficient_funds');
  await getBlockRasp(client, { vgid });
  await billing.setBlock(String(vgid), null);
  await stopUsboxService(client, { servid, timeto: formatLbDate(new Date()) });
  await delUsboxService(client, servid);
  await delVgroup(client, vgid);
  await billing.getAccount(String(vgid));
  // Empty lists, and a refusal.
  await getVgroups(client, { login: 'no-such-vgroup' });
  await getPayments(client, { receipt: 'no-such-receipt' });
  await expect(getVgroup(client, 999_999)).rejects.toMatchObject({ reason: 'not_found' });
  await client.logout();
}

describe("LANBilling's api3 contract: the simulator and the connector against the vendor's api3.wsdl", () => {
  it.each<[AnswerStyle, string]>([
    ['full', 'a connector on the WSDL the simulator serves'],
    ['sparse', "a connector built from the vendor's WSDL file"],
  ])('every request and every %s answer validates against the vendor types (%s)', async (style, _how) => {
    sim.answers = style;
    const { billing } = connectTo(sim, style === 'sparse' ? { wsdl: VENDOR_WSDL_FILE } : {});
    await everyOperation(billing);

    const answered = new Set(sim.exchanges.filter((e) => e.status === 200).map((e) => e.operation));
    expect([...sim.operations].filter((op) => !answered.has(op))).toEqual([]);

    const violations = await violationsOf(sim.exchanges);
    expect(violations.filter((v) => !isEmptyListAnswer(v))).toEqual([]);
    // The empty lists (the two asked for above, a charge's receipt lookup, the services of the deleted vgroup) are the only departures.
    expect(new Set(violations.map((v) => v.operation))).toEqual(new Set(['getPayments', 'getVgroups', 'getUsboxServices']));
  });

  it('the validation does catch an element out of order, one the vendor does not define, and a missing required one', async () => {
    const envelope = (body: string) =>
      `<?xml version="1.0" encoding="utf-8"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:lbapi="urn:api3"><SOAP-ENV:Body>${body}</SOAP-ENV:Body></SOAP-ENV:Envelope>`;
    const answers = [
      '<lbapi:getVgroupsResponse><ret><login>x</login><vgid>1</vgid></ret></lbapi:getVgroupsResponse>',
      '<lbapi:getVgroupsResponse><ret><vgid>1</vgid><agentid>7</agentid></ret></lbapi:getVgroupsResponse>',
      '<lbapi:getVgroupsResponse><ret><vgid>1</vgid><changed>1795300000000</changed></ret></lbapi:getVgroupsResponse>',
      '<lbapi:getVgroupAddonsResponse><ret><vgid>1</vgid><name>isvyaz_login</name><strvalue>7</strvalue></ret></lbapi:getVgroupAddonsResponse>',
      '<lbapi:noSuchResponse/>',
    ];
    const violations = await violationsOf(answers.map((a) => ({ operation: 'x', request: envelope('<lbapi:Logout/>'), status: 200, response: envelope(a) })));
    expect(violations.map((v) => v.body).filter((body, i, all) => all.indexOf(body) === i)).toHaveLength(answers.length);
    expect(violations.map((v) => v.message).join('\n')).toMatch(/'agentid': This element is not expected/);
  });
});
