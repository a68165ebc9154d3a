import { startAdminServer } from '../kit/simulator';
import { readFileSync } from 'node:fs';
import { createLanbillingSimulator, DEFAULT_LANBILLING_MANAGER, generatedAddress, generatedLogin, INTERCOM, LanbillingSimulator, VENDOR_ENCODING_FILE, VENDOR_WSDL_FILE } from '.';
import { lanbillingConnector } from '../../connectors/lanbilling';
import { createLogger } from '../../runtime/logger';
import { useSimulator } from '../../tests/support/simulator-hooks';

const envelope = (body: string) =>
  `<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:urn="urn:api3"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;

/** A raw SOAP call, as any api3 client (PHP SoapClient, suds, gSOAP) would send it. */
async function post(sim: LanbillingSimulator, body: string, cookie?: string) {
  const response = await fetch(sim.url, {
    method: 'POST',
    headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: '""', ...(cookie ? { Cookie: cookie } : {}) },
    body: envelope(body),
  });
  return { status: response.status, text: await response.text(), setCookie: response.headers.get('set-cookie') };
}

async function login(sim: LanbillingSimulator): Promise<string> {
  const answer = await post(sim, `<urn:Login><login>${DEFAULT_LANBILLING_MANAGER.login}</login><pass>${DEFAULT_LANBILLING_MANAGER.pass}</pass></urn:Login>`);
  expect(answer.status).toBe(200);
  return /sessnum=[^;]+/.exec(answer.setCookie ?? '')![0];
}

describe('LANBilling simulator (api3 over raw HTTP)', () => {
  const sim = useSimulator(createLanbillingSimulator());

  it("serves the vendor's WSDL unchanged but for the location the client used, and the encoding.xml it imports", async () => {
    const response = await fetch(sim.wsdlUrl);
    const wsdl = await response.text();
    expect(response.status).toBe(200);
    expect(wsdl).toContain(`<SOAP:address location="${sim.url}"/>`);
    const vendor = readFileSync(VENDOR_WSDL_FILE, 'utf8');
    expect(wsdl.replace(`<SOAP:address location="${sim.url}"/>`, '<SOAP:address location="http://127.0.0.1:34012"/>')).toBe(vendor);
    const encoding = await fetch(`${sim.url}encoding.xml`);
    expect(await encoding.text()).toBe(readFileSync(VENDOR_ENCODING_FILE, 'utf8'));
  });

  it("answers an operation of the vendor's WSDL it does not implement with a Server fault saying so", async () => {
    const cookie = await login(sim);
    const answer = await post(sim, '<urn:getTarifs/>', cookie);
    expect(answer.status).toBe(500);
    expect(answer.text).toContain('<faultcode>SOAP-ENV:Server</faultcode><faultstring>getTarifs is not implemented by the LANBilling simulator</faultstring>');
    expect(sim.operations).toContain('getVgroup');
    expect(sim.operations).not.toContain('getTarifs');
  });

  it('refuses a filter element it does not implement instead of ignoring it, and accepts one left at its default', async () => {
    const cookie = await login(sim);
    const refused = await post(sim, '<urn:getVgroups><flt><blocked>3</blocked></flt></urn:getVgroups>', cookie);
    expect(refused.text).toContain('Filter element flt.blocked is not supported by the LANBilling simulator for getVgroups');
    const defaulted = await post(sim, '<urn:getVgroups><flt><blocked>0</blocked><vgid>5</vgid></flt></urn:getVgroups>', cookie);
    expect(defaulted.status).toBe(200);
    const unknown = await post(sim, '<urn:getVgroups><flt><changed>1</changed></flt></urn:getVgroups>', cookie);
    expect(unknown.text).toContain('Invalid value for flt.changed: soapFilter has no such element');
  });

  it('answers calls without a session with a Client fault, and with a sessnum cookie from Login', async () => {
    const anonymous = await post(sim, '<urn:getVgroups><flt/></urn:getVgroups>');
    expect(anonymous.status).toBe(500);
    expect(anonymous.text).toContain('<faultcode>SOAP-ENV:Client</faultcode>');
    expect(anonymous.text).toContain('Session expired or not authorized');

    const cookie = await login(sim);
    const vgroups = await post(sim, '<urn:getVgroups><flt/></urn:getVgroups>', cookie);
    expect(vgroups.status).toBe(200);
    expect(vgroups.text).toContain('getVgroupsResponse');
  });

  it('refuses a wrong password', async () => {
    const answer = await post(sim, '<urn:Login><login>subsync</login><pass>nope</pass></urn:Login>');
    expect(answer.status).toBe(500);
    expect(answer.text).toContain('Invalid login or password');
    expect(answer.setCookie).toBeNull();
  });

  it('names the bad field in a validation fault', async () => {
    sim.seed({ accounts: [{ name: 'X', agreements: [{ number: 'N', vgroups: [{ vgid: 1, login: 'a' }] }] }] });
    const cookie = await login(sim);
    const answer = await post(sim, '<urn:blkVgroup><id>1</id><state>on</state></urn:blkVgroup>', cookie);
    expect(answer.text).toContain('Invalid value for blk');
    expect(answer.text).toContain('<detail>blk</detail>');
  });

  it('injects a SOAP Fault into the operation named by the first Body element only', async () => {
    const cookie = await login(sim);
    await sim.faults.add({ kind: 'fault', operation: 'getVgroups', code: 'Server', message: 'database is locked' });
    const faulted = await post(sim, '<urn:getVgroups><flt/></urn:getVgroups>', cookie);
    expect(faulted.status).toBe(500);
    expect(faulted.text).toContain('<faultcode>SOAP-ENV:Server</faultcode><faultstring>database is locked</faultstring>');
    expect((await post(sim, '<urn:getAccounts><flt/></urn:getAccounts>', cookie)).status).toBe(200);
    expect(sim.faults.requests.slice(-3).map((r) => [r.operation, r.decision])).toEqual([
      ['Login', 'pass'],
      ['getVgroups', 'fault'],
      ['getAccounts', 'pass'],
    ]);
  });

  it('expires every session on POST /_admin/expire-sessions', async () => {
    const cookie = await login(sim);
    const admin = await fetch(`${sim.url}_admin/expire-sessions`, { method: 'POST' });
    expect(admin.status).toBe(204);
    expect(sim.state().sessions).toBe(0);
    expect((await post(sim, '<urn:getVgroups><flt/></urn:getVgroups>', cookie)).text).toContain('Session expired or not authorized');
  });

  it('writes every element of the vendor type in full mode and only the set ones in sparse mode', async () => {
    sim.seed({ accounts: [{ name: 'X', agreements: [{ number: 'N', vgroups: [{ vgid: 1, login: 'a' }] }] }] });
    const cookie = await login(sim);
    const full = await post(sim, '<urn:getVgroups><flt/></urn:getVgroups>', cookie);
    // gSOAP writes every member: defaults included, in the type's order.
    expect(full.text).toMatch(/<ret><vgid>1<\/vgid><parentvgid>0<\/parentvgid><id>1<\/id><tarid>1<\/tarid>/);
    expect(full.text).toContain('<ppdebt>0</ppdebt>');
    sim.answers = 'sparse';
    const sparse = await post(sim, '<urn:getVgroups><flt/></urn:getVgroups>', cookie);
    expect(sparse.text).toMatch(/<ret><vgid>1<\/vgid><id>1<\/id><tarid>1<\/tarid>/);
    expect(sparse.text).not.toContain('<ppdebt>');
  });

  describe('seed', () => {
    it('loads accounts with agreements, vgroups, addons and services over the admin server', async () => {
      const admin = await startAdminServer([sim]);
      try {
        const seed = {
          accounts: [
            {
              uid: 5,
              name: 'Кузнецова Мария',
              agreements: [
                {
                  agrmid: 50,
                  number: 'K-50',
                  balance: 250,
                  vgroups: [
                    { vgid: 500, login: 'kuz-kv3', agentid: INTERCOM.agentid, tarid: INTERCOM.tarid, address: 'кв. 3', blocked: 3, addons: { isvyaz_login: '79001112233' }, services: [{ catidx: INTERCOM.catidx }] },
                  ],
                },
              ],
            },
          ],
        };
        const loaded = await fetch(`${admin.url}/simulators/lanbilling/seed`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(seed) });
        expect(loaded.status).toBe(204);
        const state = (await (await fetch(`${admin.url}/simulators/lanbilling/state`)).json()) as ReturnType<LanbillingSimulator['state']>;
        expect(state.agreements).toEqual([expect.objectContaining({ agrmid: 50, uid: 5, balance: 250 })]);
        expect(state.vgroups).toEqual([expect.objectContaining({ vgid: 500, blocked: 3, addons: { isvyaz_login: '79001112233' }, addresses: [{ type: 0, code: '', address: 'кв. 3' }] })]);
        expect(state.vgroups[0]?.accondate).not.toBe('');
        expect(state.usboxServices).toEqual([expect.objectContaining({ vgid: 500, tarid: INTERCOM.tarid, catidx: INTERCOM.catidx, timeto: '' })]);
        // Activation and the manager's block, each one entry of the block history, by no manager (the seed).
        expect(state.blockHistory.map((r) => [r.blkreq, r.requestby])).toEqual([[0, -1], [3, -1]]);
      } finally {
        await admin.app.close();
      }
    });

    it('rejects a bad seed with statusCode 400 naming the place', () => {
      expect(() => sim.seed({ accounts: [{ name: 'X', agreements: [{ number: 'N', vgroups: [{ login: 'a', addons: { nope: '1' } }] }] }] })).toThrow(
        expect.objectContaining({ statusCode: 400, message: expect.stringContaining('accounts.0.agreements.0.vgroups.0') }),
      );
      expect(() => sim.seed({ accounts: [{ agreements: [] }] })).toThrow(expect.objectContaining({ statusCode: 400, message: expect.stringContaining('accounts.0.name') }));
    });
  });
});

describe('LANBilling simulator bulk generation (benchmarks)', () => {
  const sim = useSimulator(createLanbillingSimulator());

  it('generates active accounts over its admin route that read like any other, and counts the calls it answers', async () => {
    const generated = await fetch(`${sim.url}_admin/generate`, { method: 'POST', body: JSON.stringify({ count: 3, ...INTERCOM }) });
    expect(await generated.json()).toEqual({ created: 3, firstVgid: 1, lastVgid: 3 });
    const billing = lanbillingConnector.create('lanbilling', lanbillingConnector.configSchema.parse({ url: sim.url, login: DEFAULT_LANBILLING_MANAGER.login, password: DEFAULT_LANBILLING_MANAGER.pass }), { logger: createLogger({ level: 'silent' }) });
    expect(await billing.getAccount('2')).toMatchObject({ accountId: '2', status: 'active', login: generatedLogin(2), address: generatedAddress(2), services: [{ service: 'intercom', active: true }] });
    const page = await billing.scanAccounts({ pageSize: 10 });
    expect(page.accounts.map((a) => a.accountId)).toEqual(['1', '2', '3']);
    const calls = (await (await fetch(`${sim.url}_admin/calls`)).json()) as Record<string, number>;
    expect(calls).toMatchObject({ Login: 1, getVgroup: 1, getUsboxServices: 1, getVgroups: 1 });

    const refused = await fetch(`${sim.url}_admin/generate`, { method: 'POST', body: JSON.stringify({ count: 0 }) });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: string }).error).toContain('count');
  });

  it("finds one vgroup's services by its id also after services were added and deleted", () => {
    sim.store.generate(2, INTERCOM);
    const extra = sim.store.insupdUsboxService(true, 0, { vgid: 2, tarid: INTERCOM.tarid, catidx: 5, mul: 1 });
    expect(sim.store.getUsboxServices({ vgid: 2, agrmid: 0, userid: 0, tarid: 0, catidx: -1, pgnum: 0, pgsize: 0 }).map((s) => s.service.servid)).toEqual([2, extra]);
    sim.store.delUsboxService(2);
    expect(sim.store.getUsboxServices({ vgid: 2, agrmid: 0, userid: 0, tarid: 0, catidx: -1, pgnum: 0, pgsize: 0 }).map((s) => s.service.servid)).toEqual([extra]);
    expect(sim.store.getUsboxServices({ vgid: 1, agrmid: 0, userid: 0, tarid: 0, catidx: -1, pgnum: 0, pgsize: 0 }).map((s) => s.service.vgid)).toEqual([1]);
  });
});
