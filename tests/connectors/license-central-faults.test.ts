import { inspect } from 'node:util';
import { activateLicenses, confirmReceipt } from '../../connectors/license-central';
import { PermanentError, RateLimitedError, TransientError } from '../../connectors/errors';
import { metricsText, registry } from '../../metrics';
import { createLicenseCentralSimulator } from '../../simulators/license-central';
import { useSimulator } from '../support/simulator-hooks';
import { APP, ARCHIVE, catalogueSeed, connectTo } from './license-central-support';

describe('License Central connector error mapping', () => {
  const sim = useSimulator(createLicenseCentralSimulator(), { seed: catalogueSeed });

  /** A connector that already holds the WSDL, so the fault hits the call itself. */
  async function warmConnector(timeoutMs = 2000) {
    const connected = connectTo(sim, { timeoutMs });
    await connected.server.health();
    return connected;
  }

  it('wrong credentials → PermanentError auth, and the password is in no log line', async () => {
    const { server, logs } = connectTo(sim, { credentials: { user: 'subsync', password: 'not-the-password' } });
    const err = await server.order({ orderNumber: 'SO-1', lines: [{ ...APP, quantity: 1 }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentError);
    expect(err).toMatchObject({ reason: 'auth', code: 'AuthenticationFailed' });
    expect(sim.state().tickets).toEqual([]);
    expect(logs.join('\n')).not.toContain('not-the-password');
    expect(logs.length).toBeGreaterThan(0);
    // The error (and its cause, which callers may log) carries no trace of the credentials either.
    const dumped = inspect(err, { depth: 12 });
    expect(dumped).toContain('AuthenticationFailed');
    expect(dumped).not.toContain('not-the-password');
    expect(dumped).not.toContain(Buffer.from('subsync:not-the-password').toString('base64'));
  });

  it('credentials rejected by License Central (injected) → PermanentError auth on health', async () => {
    const { server } = await warmConnector();
    sim.lcFaults.add({ kind: 'credentials_rejected', times: 1 });
    await expect(server.health()).rejects.toMatchObject({ kind: 'permanent', reason: 'auth' });
    await expect(server.health()).resolves.toBeUndefined();
  });

  it('unknown item (injected for one product) → PermanentError not_found, for that item only', async () => {
    const { server } = await warmConnector();
    sim.lcFaults.add({ kind: 'unknown_item', productCode: ARCHIVE.productCode });
    await expect(server.order({ orderNumber: 'SO-2', lines: [{ ...ARCHIVE, quantity: 1 }] })).rejects.toMatchObject({ reason: 'not_found', code: 'UnknownItem' });
    await expect(server.order({ orderNumber: 'SO-3', lines: [{ ...APP, quantity: 1 }] })).resolves.toMatchObject({ orderNumber: 'SO-3' });
  });

  it('ticket already activated and container mismatch (injected) → PermanentError conflict / rejected', async () => {
    const { server } = await warmConnector();
    const ticket = await server.order({ orderNumber: 'SO-4', lines: [{ ...APP, quantity: 1 }] });
    sim.lcFaults.add({ kind: 'ticket_already_activated', times: 1 });
    await expect(activateLicenses(server.client, { ticket: ticket.ticket, containerSerial: '130-1234567', firmUpdateCounter: 0 })).rejects.toMatchObject({ reason: 'conflict', code: 'LicenseAlreadyActivated' });
    const update = await activateLicenses(server.client, { ticket: ticket.ticket, containerSerial: '130-1234567', firmUpdateCounter: 0 });
    sim.lcFaults.add({ kind: 'container_mismatch', operation: 'ConfirmReceipt', times: 1 });
    await expect(confirmReceipt(server.client, { containerSerial: '130-1234567', updateId: update.updateId, firmUpdateCounter: update.firmUpdateCounter })).rejects.toMatchObject({ reason: 'rejected', code: 'ContainerMismatch' });
  });

  it('License Central down (ECONNREFUSED) → TransientError, and it recovers when the port reopens', async () => {
    const { server } = await warmConnector();
    const down = await sim.faults.add({ kind: 'down' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const err = await server.readTicket({ orderNumber: 'SO-5' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransientError);
    expect((err as Error).message).toMatch(/ECONNREFUSED|ECONNRESET/);
    await sim.faults.clear(down);
    await expect(server.readTicket({ orderNumber: 'SO-5' })).resolves.toBeNull();
  });

  it('down before the first call (the WSDL cannot be read) → TransientError, and the next call loads it', async () => {
    const down = await sim.faults.add({ kind: 'down' });
    const { server } = connectTo(sim);
    await expect(server.health()).rejects.toBeInstanceOf(TransientError);
    await sim.faults.clear(down);
    await expect(server.health()).resolves.toBeUndefined();
  });

  it('HTTP 5xx → TransientError', async () => {
    const { server } = await warmConnector();
    await sim.faults.add({ kind: 'status', status: 502, operation: 'PlaceOrder', times: 1 });
    const err = await server.order({ orderNumber: 'SO-6', lines: [{ ...APP, quantity: 1 }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransientError);
    expect((err as Error).message).toContain('HTTP 502');
    await expect(server.order({ orderNumber: 'SO-6', lines: [{ ...APP, quantity: 1 }] })).resolves.toMatchObject({ orderNumber: 'SO-6' });
  });

  it('slow answers within timeoutMs are fine; slower ones and no answer at all → TransientError', async () => {
    const { server } = await warmConnector(400);
    await sim.faults.add({ kind: 'latency', ms: 100, operation: 'GetTicket', times: 1 });
    await expect(server.readTicket({ orderNumber: 'SO-7' })).resolves.toBeNull();

    await sim.faults.add({ kind: 'latency', ms: 1500, operation: 'GetTicket', times: 1 });
    const started = Date.now();
    const slow = await server.readTicket({ orderNumber: 'SO-7' }).catch((e: unknown) => e);
    expect(slow).toBeInstanceOf(TransientError);
    expect(Date.now() - started).toBeLessThan(1400);

    await sim.faults.add({ kind: 'timeout', operation: 'GetTicket', times: 1 });
    const hung = await server.readTicket({ orderNumber: 'SO-7' }).catch((e: unknown) => e);
    expect(hung).toBeInstanceOf(TransientError);
    expect((hung as Error).message).toMatch(/timeout/i);
  });

  it('every CmLC-API call is counted and timed as a platform call by how it ended', async () => {
    const { server } = await warmConnector();
    registry.resetMetrics();
    await sim.faults.add({ kind: 'status', status: 503, operation: 'PlaceOrder', times: 1 });
    await server.order({ orderNumber: 'SO-9', lines: [{ ...APP, quantity: 1 }] }).catch(() => undefined);
    await server.order({ orderNumber: 'SO-9', lines: [{ ...APP, quantity: 1 }] });
    const text = await metricsText();
    const series = (outcome: string) => `subsync_platform_calls_total{connector="license-central",operation="PlaceOrder",outcome="${outcome}",reason=""}`;
    const value = (name: string) => Number(text.split('\n').find((l) => l.startsWith(`${name} `))?.split(' ')[1]);
    expect([value(series('transient')), value(series('ok'))]).toEqual([1, 1]);
    expect(value('subsync_platform_call_duration_seconds_count{connector="license-central",operation="PlaceOrder",outcome="ok"}')).toBe(1);
  });

  it('HTTP 429 → RateLimitedError carrying Retry-After', async () => {
    const { server } = await warmConnector();
    await sim.faults.add({ kind: 'rate_limit', retryAfterSeconds: 9, times: 1 });
    const err = await server.changes('orders').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).retryAfterMs).toBe(9000);
  });

  it('a Server fault is License Central\'s trouble (TransientError); a Client fault without a CmLC code is ours (PermanentError)', async () => {
    const { server } = await warmConnector();
    await sim.faults.add({ kind: 'fault', operation: 'GetOrderChanges', code: 'Server', message: 'database is locked', times: 1 });
    const serverFault = await server.changes('orders').catch((e: unknown) => e);
    expect(serverFault).toBeInstanceOf(TransientError);
    expect((serverFault as Error).message).toContain('database is locked');
    await sim.faults.add({ kind: 'fault', operation: 'GetOrderChanges', code: 'Client', message: 'request refused', times: 1 });
    await expect(server.changes('orders')).rejects.toMatchObject({ kind: 'permanent', reason: 'rejected' });
  });
});
