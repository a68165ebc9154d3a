import { startAdminServer } from '../kit/simulator';
import { createLicenseCentralSimulator, DEFAULT_LICENSE_CENTRAL_USER, LicenseCentralSimulator } from '.';
import { useSimulator } from '../../tests/support/simulator-hooks';

const DAY_MS = 86_400_000;
const seed = {
  items: [
    { firmCode: 6000010, productCode: 201, name: 'App', expiry: { kind: 'days_after_first_activation', days: 30 } },
    { firmCode: 6000010, productCode: 202, name: 'Archive' },
  ],
  tickets: [
    {
      ticket: 'ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ2',
      orderNumber: 'SO-1',
      customer: { customerNumber: 'c-1' },
      lines: [{ position: '1', firmCode: 6000010, productCode: 201, quantity: 2 }],
      activations: [{ position: '1', containerSerial: '130-1234567', at: '2026-01-10T00:00:00Z' }],
    },
    { orderNumber: 'SO-2', disabled: true, lines: [{ position: '1', firmCode: 6000010, productCode: 202 }] },
  ],
};

const envelope = (body: string) =>
  `<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:c="urn:subsync:cmlc-api:1"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;

async function post(sim: LicenseCentralSimulator, port: string, body: string, auth?: string) {
  const response = await fetch(`${sim.url}/${port}`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: '""', ...(auth ? { Authorization: `Basic ${Buffer.from(auth).toString('base64')}` } : {}) },
    body: envelope(body),
  });
  return { status: response.status, text: await response.text() };
}

describe('License Central simulator', () => {
  const sim = useSimulator(createLicenseCentralSimulator(), { seed });
  const credentials = `${DEFAULT_LICENSE_CENTRAL_USER.user}:${DEFAULT_LICENSE_CENTRAL_USER.password}`;

  it('loads tickets from the seed, with activations at their time and the expiry counted from it', () => {
    const state = sim.state();
    expect(state.tickets.map((t) => [t.orderNumber, t.state, t.license.length])).toEqual([['SO-1', 'Enabled', 2], ['SO-2', 'Disabled', 1]]);
    const [activated, free] = state.tickets[0]!.license as unknown as Record<string, unknown>[];
    expect(activated).toMatchObject({ state: 'Collected', containerSerial: '130-1234567', firstActivation: '2026-01-10T00:00:00.000Z', expiration: new Date(Date.parse('2026-01-10T00:00:00Z') + 30 * DAY_MS).toISOString() });
    expect(free).toMatchObject({ state: 'NotCollected' });
    expect(state.containers).toEqual([{ serial: '130-1234567', firmUpdateCounter: 1 }]);
    expect(state.tickets[0]!.ticket).toBe('ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ2');
  });

  it('names the place of a bad seed', () => {
    expect(() => sim.seed({ tickets: [{ orderNumber: 'X', lines: [{ position: '1', firmCode: 1, productCode: 1 }] }] })).toThrow(/tickets\.0: .*firm code 1 and product code 1/);
    expect(() => sim.seed({ items: [{ firmCode: 6000010, productCode: 1 }] })).toThrow(/items\.0\.name/);
  });

  it('refuses a call without credentials with HTTP 401 and a Client.AuthenticationFailed fault', async () => {
    const anonymous = await post(sim, 'Sales', '<c:GetTicket><orderNumber>SO-1</orderNumber></c:GetTicket>');
    expect(anonymous.status).toBe(401);
    expect(anonymous.text).toContain('<faultcode>soap:Client.AuthenticationFailed</faultcode>');
    const ok = await post(sim, 'Sales', '<c:GetTicket><orderNumber>SO-1</orderNumber></c:GetTicket>', credentials);
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('<ticket>ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ2</ticket>');
  });

  it('names the bad field in an InvalidRequest fault', async () => {
    const answer = await post(sim, 'Admin', '<c:GetOrderChanges><afterSequence>0</afterSequence><maxCount>5000</maxCount></c:GetOrderChanges>', credentials);
    expect(answer.text).toContain('soap:Client.InvalidRequest');
    expect(answer.text).toContain('<detail>maxCount</detail>');
  });

  it('sets License Central faults and lets a customer activate over the service port\'s /_admin routes', async () => {
    const base = sim.url.replace(/\/cmlc$/, '');
    const added = await fetch(`${base}/_admin/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ kind: 'ticket_already_activated', times: 1 }) });
    expect(added.status).toBe(201);
    expect(sim.lcFaults.list()).toEqual([expect.objectContaining({ fault: { kind: 'ticket_already_activated', times: 1 } })]);
    const bad = await fetch(`${base}/_admin/faults`, { method: 'POST', body: JSON.stringify({ kind: 'nonsense' }) });
    expect(bad.status).toBe(400);

    const activated = await fetch(`${base}/_admin/portal/activate`, { method: 'POST', body: JSON.stringify({ ticket: 'ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ2', containerSerial: '130-1234567' }) });
    expect(activated.status).toBe(200);
    expect(await activated.json()).toEqual([expect.objectContaining({ state: 'Collected', containerSerial: '130-1234567' })]);
    const refused = await fetch(`${base}/_admin/portal/activate`, { method: 'POST', body: JSON.stringify({ ticket: 'ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ2', containerSerial: '130-1234567' }) });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: 'LicenseAlreadyActivated' });
    expect(sim.state().changes.filter((c) => c.feed === 'activations')).toHaveLength(2);
  });

  it('is driven through the shared admin server like every simulator', async () => {
    const admin = await startAdminServer([sim]);
    try {
      const state = (await (await fetch(`${admin.url}/simulators/license-central/state`)).json()) as ReturnType<LicenseCentralSimulator['state']>;
      expect(state.tickets).toHaveLength(2);
      const reset = await fetch(`${admin.url}/simulators/license-central/reset`, { method: 'POST' });
      expect(reset.status).toBe(204);
      expect(sim.state().tickets).toEqual([]);
    } finally {
      await admin.app.close();
    }
  });
});
