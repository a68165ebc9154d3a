import { readFileSync } from 'node:fs';
import { activateLicenses, confirmReceipt, returnLicenses, updateContainer } from '../../connectors/license-central';
import { CMLC_WSDL_FILE, createLicenseCentralSimulator } from '../../simulators/license-central';
import { useSimulator } from '../support/simulator-hooks';
import { APP, ARCHIVE, catalogueSeed, connectTo } from './license-central-support';
import { validateAgainstWsdl, validateAllAgainstWsdl } from './soap-contract';

const WSDL = readFileSync(CMLC_WSDL_FILE, 'utf8');
const WSDL_OPERATIONS = [...new Set([...WSDL.matchAll(/<operation name="(\w+)">/g)].map((m) => m[1]!))].sort();

describe('the CmLC-API WSDL is the contract between the connector and the simulator', () => {
  const sim = useSimulator(createLicenseCentralSimulator(), { seed: catalogueSeed });

  it('serves the contract file at ?wsdl, pointing each interface at the address the client used', async () => {
    const served = await (await fetch(sim.wsdlUrl)).text();
    const origin = new URL(sim.url).origin;
    expect(served).toBe(WSDL.replace(/location="http:\/\/localhost\/cmlc\//g, `location="${origin}/cmlc/`));
    for (const port of ['Admin', 'Sales', 'Depot']) expect(served).toContain(`<soap:address location="${origin}/cmlc/${port}"/>`);
  });

  it('every operation of the WSDL, called by the connector, sends and gets messages valid against the WSDL schema types', async () => {
    const { server } = connectTo(sim);
    await server.health();
    const ticket = await server.order({ orderNumber: 'SO-C1', customer: { number: 'c-1', name: 'Петрова Анна', email: 'anna@example.org' }, lines: [{ ...APP, quantity: 1 }, { ...ARCHIVE, quantity: 1 }] });
    sim.lcFaults.add({ kind: 'partial_order', times: 1 });
    await server.order({ orderNumber: 'SO-C2', lines: [{ ...APP, quantity: 1 }, { ...ARCHIVE, quantity: 1 }] }).catch(() => undefined);
    await server.readTicket({ orderNumber: 'SO-C1' });
    await server.readTicket({ orderNumber: 'SO-NONE' });
    const [app, archive] = ticket.licenses;
    const update = await activateLicenses(server.client, { ticket: ticket.ticket, containerSerial: '130-1234567', firmUpdateCounter: 0, licenseNumbers: [app!.licenseNumber, archive!.licenseNumber] });
    await confirmReceipt(server.client, { containerSerial: '130-1234567', updateId: update.updateId, firmUpdateCounter: 1 });
    await confirmReceipt(server.client, { containerSerial: '130-7654321', updateId: update.updateId, firmUpdateCounter: 1 }).catch(() => undefined);
    const back = await returnLicenses(server.client, { ticket: ticket.ticket, containerSerial: '130-1234567', firmUpdateCounter: 1, licenseNumbers: [archive!.licenseNumber] });
    await confirmReceipt(server.client, { containerSerial: '130-1234567', updateId: back.updateId, firmUpdateCounter: back.firmUpdateCounter });
    await server.suspend({ ticket: ticket.ticket });
    await server.resume({ ticket: ticket.ticket });
    await server.withdraw({ ticket: ticket.ticket });
    const withdrawal = await updateContainer(server.client, { containerSerial: '130-1234567', firmUpdateCounter: 2 });
    await confirmReceipt(server.client, { containerSerial: '130-1234567', updateId: withdrawal!.updateId, firmUpdateCounter: withdrawal!.firmUpdateCounter });
    await updateContainer(server.client, { containerSerial: '130-1234567', firmUpdateCounter: 3 });
    for (const feed of ['orders', 'licenses', 'activations'] as const) await server.changes(feed, { limit: 5 });

    const exchanged = [...new Set(sim.exchanges.map((e) => e.operation))].sort();
    expect(exchanged).toEqual(WSDL_OPERATIONS);
    expect(sim.exchanges.some((e) => e.response.includes('<faultcode>'))).toBe(true);
    const messages = sim.exchanges.flatMap((e, i) => [
      { name: `${i}-${e.operation}-request`, xml: e.request },
      { name: `${i}-${e.operation}-response`, xml: e.response },
    ]);
    const errors = await validateAllAgainstWsdl(WSDL, messages);
    expect(Object.keys(errors)).toHaveLength(messages.length);
    expect(Object.entries(errors).filter(([, list]) => list.length > 0)).toEqual([]);
  });

  it('would catch an answer that breaks the contract (element order, unknown value)', async () => {
    const { server } = connectTo(sim);
    await server.order({ orderNumber: 'SO-C3', lines: [{ ...APP, quantity: 1 }] });
    const answer = sim.exchanges.find((e) => e.operation === 'PlaceOrder')!.response;
    expect((await validateAgainstWsdl(WSDL, answer)).valid).toBe(true);
    const swapped = answer.replace(/(<orderNumber>[^<]*<\/orderNumber>)(<state>[^<]*<\/state>)/, '$2$1');
    expect(swapped).not.toBe(answer);
    expect((await validateAgainstWsdl(WSDL, swapped)).valid).toBe(false);
    expect((await validateAgainstWsdl(WSDL, answer.replace('<result>Created</result>', '<result>Done</result>'))).errors.join()).toContain('Done');
    const batch = await validateAllAgainstWsdl(WSDL, [{ name: 'good', xml: answer }, { name: 'bad', xml: swapped }]);
    expect(batch.good).toEqual([]);
    expect(batch.bad!.join()).toContain('state');
  });
});
