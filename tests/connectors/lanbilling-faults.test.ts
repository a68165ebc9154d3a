import http from 'node:http';
import { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { getVgroups } from '../../connectors/lanbilling';
import { PermanentError, RateLimitedError, TransientError } from '../../connectors/errors';
import { createLanbillingSimulator, VENDOR_ENCODING_FILE, VENDOR_WSDL_FILE } from '../../simulators/lanbilling';
import { connectTo, householdSeed } from './lanbilling-support';
import { useSimulator } from '../support/simulator-hooks';

describe('LANBilling connector error mapping', () => {
  const sim = useSimulator(createLanbillingSimulator(), { seed: householdSeed });

  /** A connector that already holds the WSDL and a session, so the fault hits the call itself. */
  async function warmConnector(timeoutMs = 2000) {
    const connected = connectTo(sim, { timeoutMs });
    await connected.billing.health();
    return connected.billing;
  }

  it('HTTP 5xx → TransientError', async () => {
    const billing = await warmConnector();
    await sim.faults.add({ kind: 'status', status: 503, times: 1 });
    const err = await billing.getAccount('100').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransientError);
    expect((err as Error).message).toContain('HTTP 503');
    await expect(billing.getAccount('100')).resolves.toMatchObject({ accountId: '100' });
  });

  it('billing down (ECONNREFUSED) → TransientError, and it recovers when the port reopens', async () => {
    const billing = await warmConnector();
    const down = await sim.faults.add({ kind: 'down' });
    // Give the client a moment to see its kept-alive connections closed (a call racing
    // that gets ECONNRESET, which is transient too).
    await new Promise((resolve) => setTimeout(resolve, 50));
    const err = await billing.getAccount('100').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransientError);
    expect((err as Error).message).toContain('ECONNREFUSED');
    await sim.faults.clear(down);
    await expect(billing.getAccount('100')).resolves.toMatchObject({ accountId: '100' });
  });

  it('no answer within timeoutMs → TransientError', async () => {
    const billing = await warmConnector(300);
    await sim.faults.add({ kind: 'timeout', operation: 'getVgroup', times: 1 });
    const started = Date.now();
    const err = await billing.getAccount('100').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransientError);
    expect((err as Error).message).toMatch(/timeout/i);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('HTTP 429 → RateLimitedError carrying Retry-After', async () => {
    const billing = await warmConnector();
    await sim.faults.add({ kind: 'rate_limit', retryAfterSeconds: 7, times: 1 });
    const err = await billing.getAccount('100').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).retryAfterMs).toBe(7000);
  });

  it('a SOAP Fault on one operation → PermanentError for that operation only', async () => {
    const billing = await warmConnector();
    await sim.faults.add({ kind: 'fault', operation: 'Payment', code: 'Server', message: 'Transaction log is full' });
    const err = await billing.charge({ accountId: '100', agreementId: '10', amount: 1, idempotencyKey: 'k1', comment: '' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentError);
    expect(err).toMatchObject({ reason: 'rejected', operation: 'Payment' });
    expect((err as Error).message).toContain('Transaction log is full');
    await expect(billing.getAccount('100')).resolves.toMatchObject({ accountId: '100' });
  });

  it('HTTP 4xx without a Fault → PermanentError', async () => {
    const billing = await warmConnector();
    await sim.faults.add({ kind: 'status', status: 403, times: 1 });
    await expect(billing.getAccount('100')).rejects.toMatchObject({ kind: 'permanent', reason: 'auth' });
    await sim.faults.add({ kind: 'status', status: 400, times: 1 });
    await expect(billing.getAccount('100')).rejects.toMatchObject({ kind: 'permanent', reason: 'rejected' });
  });

  it('latency alone is not an error', async () => {
    const billing = await warmConnector();
    await sim.faults.add({ kind: 'latency', ms: 250, times: 3 });
    const started = Date.now();
    await expect(billing.getAccount('100')).resolves.toMatchObject({ accountId: '100' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('an unreachable WSDL → TransientError; the next call fetches it again', async () => {
    const { billing } = connectTo(sim);
    await sim.faults.add({ kind: 'status', status: 502, operation: 'wsdl', times: 1 });
    await expect(billing.health()).rejects.toMatchObject({ kind: 'transient', operation: 'wsdl' });
    await expect(billing.health()).resolves.toBeUndefined();
  });

  it('a WSDL and import slower than the call timeout still load (they are documents, fetched once); the calls keep their timeout', async () => {
    const { billing } = connectTo(sim, { timeoutMs: 300 });
    await sim.faults.add({ kind: 'latency', ms: 500, operation: 'wsdl', times: 1 });
    await sim.faults.add({ kind: 'latency', ms: 500, operation: 'wsdl-import', times: 1 });
    await expect(billing.health()).resolves.toBeUndefined();
    await sim.faults.add({ kind: 'latency', ms: 500, operation: 'getVgroup', times: 1 });
    await expect(billing.getAccount('100')).rejects.toBeInstanceOf(TransientError);
  });

  it('an unreachable import of the WSDL (encoding.xml) → TransientError as well', async () => {
    const { billing } = connectTo(sim);
    await sim.faults.add({ kind: 'status', status: 503, operation: 'wsdl-import', times: 1 });
    await expect(billing.health()).rejects.toMatchObject({ kind: 'transient', operation: 'wsdl' });
    await expect(billing.health()).resolves.toBeUndefined();
  });

  it("reads the vendor's WSDL from a file when configured (as a real core ships it, encoding.xml beside it)", async () => {
    const { billing } = connectTo(sim, { wsdl: VENDOR_WSDL_FILE });
    const wsdlFetches = sim.faults.requests.filter((r) => r.operation === 'wsdl').length;
    await expect(billing.getAccount('100')).resolves.toMatchObject({ accountId: '100', login: '79001234567' });
    expect(sim.faults.requests.filter((r) => r.operation === 'wsdl').length).toBe(wsdlFetches);
  });
});

describe('LANBilling connector against a server with malformed answers', () => {
  let server: http.Server;
  let url: string;
  beforeAll(async () => {
    const wsdl = readFileSync(VENDOR_WSDL_FILE, 'utf8');
    const encoding = readFileSync(VENDOR_ENCODING_FILE, 'utf8');
    const envelope = (body: string) =>
      `<?xml version="1.0"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:lbapi="urn:api3"><SOAP-ENV:Body>${body}</SOAP-ENV:Body></SOAP-ENV:Envelope>`;
    server = http.createServer((req, res) => {
      if (req.method === 'GET') return res.end(req.url === '/encoding.xml' ? encoding : wsdl);
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        res.setHeader('Content-Type', 'text/xml');
        if (body.includes(':Login')) {
          res.setHeader('Set-Cookie', 'sessnum=feedface; path=/');
          return res.end(envelope('<lbapi:LoginResponse><ret><manager><personid>1</personid><login>m</login></manager></ret></lbapi:LoginResponse>'));
        }
        // The vendor's types make every element of soapVgroupBrief optional; a vgroup without its id is still of no use.
        res.end(envelope('<lbapi:getVgroupsResponse><ret><login>x</login><blocked>0</blocked></ret></lbapi:getVgroupsResponse>'));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("→ PermanentError('rejected') naming the field", async () => {
    const { billing } = connectTo({ url });
    const err = await getVgroups(billing.client, { vgid: 7 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentError);
    expect(err).toMatchObject({ reason: 'rejected', operation: 'getVgroups' });
    expect((err as Error).message).toContain('ret.0.vgid');
  });
});
