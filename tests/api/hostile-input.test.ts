import net from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { startTestApi, TestApi } from '../client/support/api-server';
import { httpRequest } from '../client/support/http';

/**
 * What an attacker sent without a credential, and the hostile input that was accepted before:
 * each case as it was found, refused at the door now.
 */

let api: TestApi;
let logLines: string[];
const send = (options: Parameters<typeof httpRequest>[1]) => httpRequest(api.url, options);
const post = (url: string, payload?: unknown) => send({ method: 'POST', url, payload });

beforeEach(async () => {
  logLines = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  api = await startTestApi({ logger: pino({ level: 'info' }, sink), limits: { requestTimeoutMs: 1000, headersTimeoutMs: 1000 } });
});
afterEach(() => api.close());

describe('without a credential', () => {
  it('starts no backfill, skips nothing, pauses nothing, imports nothing', async () => {
    const answers = await Promise.all([
      send({ method: 'POST', url: '/v1/invoicing/schedule/backfill', payload: { month: '2026-10' }, apiKey: null }),
      send({ method: 'POST', url: '/v1/subscribers/lanbilling/42/skip', payload: { by: 'admin' }, apiKey: null }),
      send({ method: 'POST', url: '/v1/invoicing/schedule/pause', payload: {}, apiKey: null }),
      send({ method: 'POST', url: '/v1/reconciliations', payload: { billing: 'lanbilling', repair: true }, apiKey: null }),
      send({ method: 'POST', url: '/v1/set-top-boxes/imports', payload: 'casn,asset_number\nBNS100000001,P1\n', headers: { 'content-type': 'text/csv' }, apiKey: null }),
      send({ method: 'POST', url: '/v1/events', payload: { id: 'x-1', billing: 'lanbilling', account: '7', type: 'disable' }, apiKey: null }),
    ]);

    expect(answers.map((a) => a.statusCode)).toEqual([401, 401, 401, 401, 401, 401]);
    expect(api.ops.schedule).toMatchObject({ paused: false, recentRuns: [] });
    expect(api.ops.decisions).toEqual([]);
    expect(api.ops.reconcileCalls).toEqual([]);
    expect(api.ops.boxes.size).toBe(0);
    expect(api.ops.submitCalls).toEqual([]);
  });
});

describe('account ids', () => {
  const hostile = ['07', '😀', '1\u0007', '\t7', '7 ', '-1', '0', '1e3', '../../1', "7'", '"7"', '1\u0000', "7';drop", '0x1F', '１２'];

  it.each(hostile.map((id) => [JSON.stringify(id), id]))('refuses account %s with a 400 naming the field; nothing reaches a workflow', async (_shown, account) => {
    const res = await post('/v1/events', { id: 'hostile-1', billing: 'lanbilling', account, type: 'create' });

    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'invalid_event', issues: [{ path: 'account', message: expect.stringMatching(/^not a LANBilling account \(vgroup id\): a positive integer without leading zeros/) }] });
    expect(api.ops.submitCalls).toEqual([]);
  });

  it('refuses a 10,000-character account on a reconcile (Temporal would refuse its workflow id)', async () => {
    const res = await post('/v1/reconciliations', { billing: 'lanbilling', account: '1'.repeat(10_000) });

    expect(res.statusCode).toBe(400);
    expect(res.json().issues).toEqual([{ path: 'account', message: 'at most 15 characters' }]);
    expect(res.body.length).toBeLessThan(2000);
    expect(api.ops.reconcileCalls).toEqual([]);
  });

  it('refuses control characters in a path segment before any lookup', async () => {
    const res = await send({ method: 'GET', url: '/v1/subscribers/lanbilling/1%00' });

    expect(res.statusCode).toBe(400);
    expect(res.json().issues).toEqual([{ path: 'account', message: expect.stringMatching(/not an account id/) }]);
  });
});

describe('bodies and ranges', () => {
  it('starts no invoicing run and changes no Schedule for a request without the body the document requires', async () => {
    const answers = await Promise.all([post('/v1/invoicing/runs'), post('/v1/invoicing/schedule/pause'), post('/v1/invoicing/schedule/unpause')]);

    for (const res of answers) expect(res.json()).toMatchObject({ error: 'invalid_request', issues: [{ path: '(body)', message: expect.stringMatching(/no body/) }] });
    expect(answers.map((a) => a.statusCode)).toEqual([400, 400, 400]);
    expect(api.ops.invoicingRequests).toEqual([]);
    expect(api.ops.schedule).toMatchObject({ paused: false, note: 'created by subsync' });
  });

  it.each(['0000-01', '1900-01', '1999-12', '2100-01', '2026-00'])('refuses to backfill month %s', async (month) => {
    const res = await post('/v1/invoicing/schedule/backfill', { month });

    expect(res.statusCode).toBe(400);
    expect(res.json().issues).toEqual([{ path: 'month', message: 'a month between 2000-01 and 2099-12 as YYYY-MM' }]);
    expect(api.ops.schedule!.recentRuns).toEqual([]);
  });

  it.each(['0000-01-10', '1999-12-31', '2026-02-30', '2100-01-10'])('refuses an invoicing run due %s', async (dueDate) => {
    const res = await post('/v1/invoicing/runs', { dueDate });

    expect(res.statusCode).toBe(400);
    expect(res.json().issues).toEqual([{ path: 'dueDate', message: expect.stringMatching(/between 2000-01-01 and 2099-12-31/) }]);
  });

  it('names an unknown property as the wrong field, as the document (additionalProperties: false) says', async () => {
    const res = await post('/v1/reconciliations', { billing: 'lanbilling', repiar: true });
    const doc = (await send({ method: 'GET', url: '/openapi.json' })).json();

    expect(res.statusCode).toBe(400);
    expect(res.json().issues).toEqual([{ path: 'repiar', message: 'unknown property: the operation does not take it' }]);
    expect(doc.paths['/v1/reconciliations'].post.requestBody.content['application/json'].schema.additionalProperties).toBe(false);
    expect(api.ops.reconcileCalls).toEqual([]);
  });

  it('documents wait as "true" or "false" and refuses the empty value it does not list', async () => {
    const doc = (await send({ method: 'GET', url: '/openapi.json' })).json();
    const empty = await post('/v1/events?wait=', { id: 'w-1', billing: 'lanbilling', account: '7', type: 'sync' });
    const yes = await post('/v1/events?wait=true', { id: 'w-2', billing: 'lanbilling', account: '7', type: 'sync' });

    for (const path of ['/v1/events', '/v1/reconciliations']) {
      expect(doc.paths[path].post.parameters.find((p: { name: string }) => p.name === 'wait').schema).toEqual({ type: 'string', enum: ['true', 'false'] });
    }
    expect(empty.statusCode).toBe(400);
    expect(empty.json().issues).toEqual([{ path: 'wait', message: expect.stringMatching(/"true"\|"false"/) }]);
    expect(yes.statusCode).toBe(200);
  });
});

describe('methods', () => {
  it('answers a method a path does not have with 405 and the Allow header', async () => {
    const del = await send({ method: 'DELETE', url: '/v1/events' });
    const put = await send({ method: 'PUT', url: '/v1/subscribers/lanbilling/42' });
    const get = await send({ method: 'GET', url: '/v1/invoicing/schedule/pause' });
    const none = await send({ method: 'GET', url: '/v1/nothing' });

    expect(del.statusCode).toBe(405);
    expect(del.headers.allow).toBe('POST');
    expect(del.json()).toEqual({ error: 'method_not_allowed', message: 'DELETE is not an operation of /v1/events; it has POST' });
    expect(put.statusCode).toBe(405);
    expect(put.headers.allow).toBe('GET, HEAD');
    expect(get.statusCode).toBe(405);
    expect(get.headers.allow).toBe('POST');
    expect(none.statusCode).toBe(404);
  });
});

describe('sizes and times', () => {
  it('answers a JSON body over the limit with 413 and echoes nothing of it', async () => {
    const res = await post('/v1/events', { id: 'big', billing: 'lanbilling', account: '7', type: 'create', login: 'x'.repeat(100_000) });

    expect(res.statusCode).toBe(413);
    expect(res.json()).toEqual({ error: 'payload_too_large', message: 'the body is larger than 65536 bytes this operation takes' });
  });

  it('keeps error bodies and log lines short whatever the input', async () => {
    const res = await post('/v1/events', { id: 'long', billing: 'lanbilling', account: '7', type: 'create', login: `${'y'.repeat(50_000)} ` });

    expect(res.statusCode).toBe(400);
    expect(res.body.length).toBeLessThan(2000);
    expect(res.body).not.toContain('y'.repeat(100));
    expect(Math.max(...logLines.map((l) => l.length))).toBeLessThan(4000);
  });

  it('refuses a 10 MB single-line CSV at once with a short 413, and stays responsive', async () => {
    const line = `casn,asset_number,model,${'z'.repeat(10 * 1024 * 1024)}`;
    const started = Date.now();
    const [res, health] = await Promise.all([
      send({ method: 'POST', url: '/v1/set-top-boxes/imports', payload: line, headers: { 'content-type': 'text/csv' } }),
      send({ method: 'GET', url: '/healthz' }),
    ]);

    expect(res.statusCode).toBe(413);
    expect(res.body.length).toBeLessThan(500);
    expect(health.statusCode).toBe(200);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(Math.max(...logLines.map((l) => l.length))).toBeLessThan(4000);
    expect(api.ops.boxes.size).toBe(0);
  });

  it('refuses a CSV just under the limit whose single line is not the header, quickly and without echoing it', async () => {
    const line = `serial,owner,${'q'.repeat(7 * 1024 * 1024)}`;
    const started = Date.now();
    const res = await send({ method: 'POST', url: '/v1/set-top-boxes/imports', payload: line, headers: { 'content-type': 'text/csv' } });

    expect(res.statusCode).toBe(400);
    expect(res.body.length).toBeLessThan(1000);
    expect(res.body).not.toContain('qqqq');
    expect(Date.now() - started).toBeLessThan(3000);
    expect(Math.max(...logLines.map((l) => l.length))).toBeLessThan(4000);
  });

  it('closes a request whose body never arrives (Content-Length longer than the body) with 408 within the request timeout', async () => {
    const { port } = new URL(api.url);
    const started = Date.now();
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(port), '127.0.0.1', () => {
        socket.write(`POST /v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${api.key}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"id":`);
      });
      let data = '';
      socket.on('data', (chunk) => (data += chunk.toString()));
      socket.on('close', () => resolve(data));
      socket.on('error', reject);
      setTimeout(() => reject(new Error('still open after 10 s')), 10_000).unref();
    });

    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After once a credential used its budget; other credentials keep theirs', async () => {
    await api.close();
    api = await startTestApi({ limits: { rateLimit: { max: 3, timeWindowMs: 60_000 } } });
    const other = await api.keyWith([{ scope: 'subscribers:read' }], 'other');

    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await send({ method: 'GET', url: '/v1/parked' }));
    const elsewhere = await send({ method: 'GET', url: '/v1/parked', apiKey: other });

    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 429]);
    expect(Number(answers[3].headers['retry-after'])).toBeGreaterThan(0);
    expect(answers[3].json()).toEqual({ error: 'rate_limited', message: expect.stringMatching(/rate limit of 3 requests per 60 s exceeded; retry in/) });
    expect(elsewhere.statusCode).toBe(200);
  });
});
