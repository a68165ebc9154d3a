import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { classify, WebhookSender } from './sender';
import { WebhookSigner } from './sign';
import { webhookSecretSchema } from './config';

const secret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
const rotated = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;

describe('Standard Webhooks status handling', () => {
  it.each([
    [200, { ok: true }],
    [204, { ok: true }],
    [301, { ok: false, kind: 'rejected' }],
    [400, { ok: false, kind: 'rejected' }],
    [404, { ok: false, kind: 'rejected' }],
    [410, { ok: false, kind: 'gone' }],
    [408, { ok: false, kind: 'unavailable' }],
    [429, { ok: false, kind: 'unavailable' }],
    [500, { ok: false, kind: 'unavailable' }],
    [502, { ok: false, kind: 'unavailable' }],
    [503, { ok: false, kind: 'unavailable' }],
  ])('HTTP %i without Retry-After', (status, expected) => {
    expect(classify(status, '')).toMatchObject(expected);
  });

  it('honours Retry-After on 429 and 503, in seconds or as a date, capped at a day', () => {
    const now = Date.parse('2026-12-01T10:00:00Z');
    expect(classify(429, '', '7', now)).toMatchObject({ kind: 'throttled', retryAfterMs: 7000 });
    expect(classify(503, '', 'Tue, 01 Dec 2026 10:01:00 GMT', now)).toMatchObject({ kind: 'throttled', retryAfterMs: 60_000 });
    expect(classify(503, '', '999999', now)).toMatchObject({ kind: 'throttled', retryAfterMs: 86_400_000 });
  });
});

describe('webhook secrets and signatures', () => {
  it('refuses a secret that is not whsec_ and 24..64 random bytes, naming the rule', () => {
    expect(webhookSecretSchema.safeParse('secret').error?.issues[0]?.message).toMatch(/whsec_/);
    expect(webhookSecretSchema.safeParse(`whsec_${Buffer.alloc(8).toString('base64')}`).error?.issues[0]?.message).toMatch(/24\.\.64 bytes/);
    expect(webhookSecretSchema.safeParse(secret).success).toBe(true);
  });

  it('signs with each secret; a receiver knowing either one verifies; an id with a dot is refused', () => {
    const payload = '{"type":"order.created","timestamp":"2026-12-01T10:00:00Z","data":{}}';
    const headers = new WebhookSigner([rotated, secret]).headers('license-central:CHG-1', new Date(), payload);
    expect(headers['webhook-signature'].split(' ').map((s) => s.split(',')[0])).toEqual(['v1', 'v1']);
    expect(new Webhook(secret).verify(payload, headers)).toMatchObject({ type: 'order.created' });
    expect(new Webhook(rotated).verify(payload, headers)).toMatchObject({ type: 'order.created' });
    expect(() => new WebhookSigner([secret]).headers('a.b', new Date(), payload)).toThrow(/must not contain "\."/);
  });
});

describe('WebhookSender over a real socket', () => {
  let server: http.Server;
  let url: string;
  const seen: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  let answer: (res: http.ServerResponse) => void = (res) => res.writeHead(204).end();

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.push({ headers: req.headers, body });
        answer(res);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it('POSTs the payload as signed, keeps the id across attempts with a new timestamp each, and does not follow redirects', async () => {
    const sender = new WebhookSender('test', { url, secrets: [secret], timeoutMs: 1000, maxSockets: 2 });
    const payload = '{"type":"license.created","timestamp":"2026-12-01T10:00:00Z","data":{"n":1}}';
    expect(await sender.send({ id: 'msg-1', payload, at: new Date(Date.now() - 2000) })).toEqual({ ok: true, status: 204 });
    answer = (res) => res.writeHead(302, { location: `${url}/elsewhere` }).end();
    expect(await sender.send({ id: 'msg-1', payload })).toMatchObject({ ok: false, kind: 'rejected', status: 302 });
    expect(seen).toHaveLength(2);
    expect(seen.map((s) => s.headers['webhook-id'])).toEqual(['msg-1', 'msg-1']);
    expect(seen[0]!.headers['webhook-timestamp']).not.toBe(seen[1]!.headers['webhook-timestamp']);
    expect(seen[0]!.body).toBe(payload);
    expect(new Webhook(secret).verify(seen[1]!.body, seen[1]!.headers as Record<string, string>)).toMatchObject({ data: { n: 1 } });
    answer = () => undefined;
    expect(await sender.send({ id: 'msg-2', payload })).toMatchObject({ ok: false, kind: 'unavailable', error: 'no answer within 1000 ms' });
    sender.close();
  });
});
