import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import pino from 'pino';
import { PermanentError, RateLimitedError, TransientError } from '../../connectors/errors';
import { informaticsSapConfigSchema, informaticsSapConnector, InformaticsSapConfigInput } from '../../connectors/informatics-sap';
import type { LicenseNotification } from '../../connectors/licensing/port';
import { redactPaths } from '../../runtime/logger';
import { DEFAULT_SAP_USER, createInformaticsSapSimulator, SAP_WSDL_FILE } from '../../simulators/informatics-sap';
import { createLicenseCentralSimulator } from '../../simulators/license-central';
import { useSimulator } from '../support/simulator-hooks';
import { APP, ARCHIVE, catalogueSeed, connectTo as connectToLicenseCentral } from './license-central-support';
import { validateAllAgainstWsdl } from './soap-contract';

function connectTo(target: { url: string }, overrides: Partial<InformaticsSapConfigInput> = {}) {
  const logs: string[] = [];
  const logger = pino({ level: 'debug', redact: { paths: redactPaths, censor: '[redacted]' } }, { write: (line: string) => void logs.push(line) });
  const config = informaticsSapConfigSchema.parse({ url: target.url, credentials: { ...DEFAULT_SAP_USER }, timeoutMs: 2000, ...overrides });
  return { target: informaticsSapConnector.create('informatics-sap', config, { logger }), logs };
}

const activation: LicenseNotification = {
  messageId: 'lc:CHG-0000000007',
  changeId: 'CHG-0000000007',
  feed: 'activations',
  type: 'activation.activated',
  at: '2026-03-06T10:00:00.000Z',
  ticket: 'ABCDE-FGHIJ-KLMNP-QRSTU-VWXYZ',
  orderNumber: 'SO-1001',
  licenseNumber: '1000001',
  item: { firmCode: 6000010, productCode: 201 },
  status: 'activated',
  containerSerial: '130-1234567',
  expiresAt: '2026-04-05T10:00:00.000Z',
};

describe('INFORMATICS SAP module receiver (assumed SOAP contract)', () => {
  const sap = useSimulator(createInformaticsSapSimulator({ now: () => Date.parse('2026-03-06T10:00:05.000Z') }));

  it('takes a notification and answers with a receipt; the module holds what it was sent', async () => {
    const { target } = connectTo(sap);
    await expect(target.health()).resolves.toBeUndefined();
    const receipt = await target.send(activation);
    expect(receipt).toEqual({ messageId: activation.messageId, receiptId: expect.stringMatching(/^SAP-\d{8}$/), receivedAt: '2026-03-06T10:00:05.000Z', duplicate: false });
    expect(sap.state().received).toEqual([
      expect.objectContaining({
        messageId: activation.messageId, feed: 'activations', type: 'activation.activated', time: activation.at, ticket: activation.ticket,
        licenseNumber: '1000001', firmCode: 6000010, productCode: 201, status: 'activated', containerSerial: '130-1234567', expiration: activation.expiresAt,
        receiptId: receipt.receiptId, deliveries: 1,
      }),
    ]);
  });

  it('takes a message id once: the same message again gets the first receipt, marked duplicate', async () => {
    const { target } = connectTo(sap);
    const first = await target.send(activation);
    const again = await target.send(activation);
    expect(again).toEqual({ ...first, duplicate: true });
    expect(sap.state().received).toHaveLength(1);
    expect(sap.state().received[0]!.deliveries).toBe(2);
  });

  it('refuses a known message id with other content (conflict)', async () => {
    const { target } = connectTo(sap);
    await target.send(activation);
    const err = await target.send({ ...activation, containerSerial: '130-7654321' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentError);
    expect(err).toMatchObject({ reason: 'conflict', operation: 'TransmitNotification' });
    expect(sap.state().received[0]!.containerSerial).toBe('130-1234567');
  });

  it('refuses bad input before sending it, naming the field', async () => {
    const { target } = connectTo(sap);
    await expect(target.send({ ...activation, at: 'yesterday' })).rejects.toMatchObject({ reason: 'validation', message: expect.stringContaining('at') });
    expect(sap.exchanges).toEqual([]);
  });

  it('wrong credentials → PermanentError auth, with the password in no log line nor error', async () => {
    const { target, logs } = connectTo(sap, { credentials: { user: DEFAULT_SAP_USER.user, password: 'wrong-secret' } });
    const err = await target.send(activation).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'permanent', reason: 'auth' });
    expect(logs.join('\n')).not.toContain('wrong-secret');
    expect(inspect(err, { depth: 12 })).not.toContain(Buffer.from(`${DEFAULT_SAP_USER.user}:wrong-secret`).toString('base64'));
    expect(sap.state().received).toEqual([]);
  });

  it('down, 5xx and no answer → TransientError; 429 → RateLimitedError; a redelivery after them lands once', async () => {
    const { target } = connectTo(sap, { timeoutMs: 300 });
    await target.health();
    const down = await sap.faults.add({ kind: 'down' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(target.send(activation)).rejects.toBeInstanceOf(TransientError);
    await sap.faults.clear(down);
    await sap.faults.add({ kind: 'status', status: 503, times: 1 });
    await expect(target.send(activation)).rejects.toBeInstanceOf(TransientError);
    await sap.faults.add({ kind: 'timeout', operation: 'TransmitNotification', times: 1 });
    await expect(target.send(activation)).rejects.toBeInstanceOf(TransientError);
    await sap.faults.add({ kind: 'rate_limit', retryAfterSeconds: 4, times: 1 });
    const limited = await target.send(activation).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect((limited as RateLimitedError).retryAfterMs).toBe(4000);
    // None of the failed deliveries reached the module; the retries land once.
    await expect(target.send(activation)).resolves.toMatchObject({ duplicate: false });
    await expect(target.send(activation)).resolves.toMatchObject({ duplicate: true });
    expect(sap.state().received).toHaveLength(1);
  });

  describe('fed from License Central', () => {
    const lc = useSimulator(createLicenseCentralSimulator(), { seed: catalogueSeed });

    it('delivers every change of the three feeds once, by change id, even when everything is sent again', async () => {
      const { server } = connectToLicenseCentral(lc);
      const { target } = connectTo(sap);
      const ticket = await server.order({ orderNumber: 'SO-2002', customer: { number: 'lanbilling:100' }, lines: [{ ...APP, quantity: 1 }, { ...ARCHIVE, quantity: 1 }] });
      lc.portal.activate({ ticket: ticket.ticket, containerSerial: '130-1234567' });

      const sendAll = async () => {
        const receipts = [];
        for (const feed of ['orders', 'licenses', 'activations'] as const) {
          const page = await server.changes(feed);
          for (const change of page.changes) receipts.push(await target.send({ ...change, messageId: `${lc.name}:${change.changeId}` }));
        }
        return receipts;
      };
      const first = await sendAll();
      expect(first.every((r) => !r.duplicate)).toBe(true);
      const kinds = sap.state().received.map((n) => `${n.feed}:${n.type}`);
      expect(kinds).toEqual([
        'orders:order.created',
        'licenses:license.created', 'licenses:license.created', 'licenses:license.updated',
        'activations:activation.activated', 'activations:activation.activated',
      ]);
      expect(sap.state().received[0]).toMatchObject({ customerNumber: 'lanbilling:100', line: [expect.objectContaining({ productCode: APP.productCode }), expect.objectContaining({ productCode: ARCHIVE.productCode })] });

      const again = await sendAll();
      expect(again.every((r) => r.duplicate)).toBe(true);
      expect(again.map((r) => r.receiptId)).toEqual(first.map((r) => r.receiptId));
      expect(sap.state().received).toHaveLength(first.length);

      const wsdl = readFileSync(SAP_WSDL_FILE, 'utf8');
      const errors = await validateAllAgainstWsdl(wsdl, sap.exchanges.flatMap((e, i) => [{ name: `${i}-request`, xml: e.request }, { name: `${i}-response`, xml: e.response }]));
      expect(Object.keys(errors).length).toBeGreaterThan(0);
      expect(Object.entries(errors).filter(([, list]) => list.length > 0)).toEqual([]);
    });
  });

  it('serves its WSDL with the location the client used, and answers within it', async () => {
    const served = await (await fetch(sap.wsdlUrl)).text();
    expect(served).toContain(`<soap:address location="${sap.url}"/>`);
    const { target } = connectTo(sap);
    await target.send(activation);
    await target.send({ ...activation, messageId: 'x', changeId: 'y' });
    await target.send({ ...activation, containerSerial: '130-1' }).catch(() => undefined);
    const errors = await validateAllAgainstWsdl(served, sap.exchanges.flatMap((e, i) => [{ name: `${i}-request`, xml: e.request }, { name: `${i}-response`, xml: e.response }]));
    expect(Object.keys(errors)).toHaveLength(6);
    expect(Object.entries(errors).filter(([, list]) => list.length > 0)).toEqual([]);
  });
});
