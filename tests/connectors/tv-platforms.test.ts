import axios from 'axios';
import { cdnTvConnector } from '../../connectors/cdntv';
import { deezerConnector } from '../../connectors/deezer';
import { ionConnector } from '../../connectors/ion';
import { maxiTvConnector } from '../../connectors/maxitv';
import { mcrConnector } from '../../connectors/mcr';
import type { TvPlatform } from '../../connectors/tv/port';
import { createLogger } from '../../runtime/logger';
import { createTvSimulator, TvSimulator } from '../../simulators/tv';

/** Platform quirks the shared contract does not reach: sessions, RPC errors, media types, swaps without a swap call. */
const logger = createLogger({ level: 'silent' });

function useSimulator(flavour: string, options: { tokenTtlSeconds?: number } = {}) {
  const ctx = {} as { sim: TvSimulator };
  beforeAll(async () => {
    ctx.sim = createTvSimulator({ flavour, ...options });
    await ctx.sim.start();
  });
  afterAll(() => ctx.sim.stop());
  beforeEach(async () => {
    await ctx.sim.faults.clear();
    ctx.sim.reset();
  });
  return ctx;
}

const operations = (sim: TvSimulator, name: string) => sim.faults.requests.filter((r) => r.operation === name).length;

describe('ION: OAuth 2 client-credentials session', () => {
  const ctx = useSimulator('ion', { tokenTtlSeconds: 1 });
  const connect = () => ionConnector.create('ion', ionConnector.configSchema.parse({ url: ctx.sim.url, ...ctx.sim.credentials }), { logger });

  it('fetches one token for many calls while it lives', async () => {
    const tv = connect();
    const before = operations(ctx.sim, 'token');
    await tv.ensureSubscriber({ login: 'ana@isp', externalId: 'i:1', idempotencyKey: 'k1' });
    await tv.setBasePackage({ login: 'ana@isp', packageCode: 'BASICO', idempotencyKey: 'k2' });
    await tv.read({ login: 'ana@isp' });
    expect(operations(ctx.sim, 'token') - before).toBe(1);
  });

  it('re-authenticates once, transparently, when ION forgot its tokens', async () => {
    const tv = connect();
    await tv.health();
    ctx.sim.reset(); // a platform restart: every issued token is unknown now
    const before = operations(ctx.sim, 'token');
    await expect(tv.read({ login: 'ana@isp' })).resolves.toBeNull();
    expect(operations(ctx.sim, 'token') - before).toBe(1);
  });

  it('renews an expiring token before using it instead of collecting a 401', async () => {
    const tv = connect();
    await tv.health();
    await new Promise((resolve) => setTimeout(resolve, 600)); // past half of the 1 s lifetime
    const before = { token: operations(ctx.sim, 'token'), health: operations(ctx.sim, 'health') };
    await tv.health();
    expect({ token: operations(ctx.sim, 'token') - before.token, health: operations(ctx.sim, 'health') - before.health }).toEqual({ token: 1, health: 1 });
  });
});

describe('CDN TV: a swap without a swap call', () => {
  const ctx = useSimulator('cdntv');
  let tv: TvPlatform;
  beforeEach(async () => {
    tv = cdnTvConnector.create('cdntv', cdnTvConnector.configSchema.parse({ url: ctx.sim.url, ...ctx.sim.credentials }), { logger });
    await tv.ensureSubscriber({ login: 'ana@isp', externalId: 'c:1', idempotencyKey: 'k1' });
    await tv.bindDevice({ login: 'ana@isp', casn: 'CASN-0001', location: 'Sala', idempotencyKey: 'k2' });
  });

  it('binds the new box at the old location, then unbinds the old one', async () => {
    await tv.swapDevice({ login: 'ana@isp', oldCasn: 'CASN-0001', newCasn: 'CASN-0002', idempotencyKey: 'swap-1' });
    expect((await tv.read({ login: 'ana@isp' }))?.devices).toEqual([{ casn: 'CASN-0002', location: 'Sala' }]);
    expect(ctx.sim.state().events.map((e) => e.type).slice(-2)).toEqual(['device.bound', 'device.unbound']);
  });

  it('finishes a swap interrupted between the two calls when it is retried with the same key', async () => {
    await ctx.sim.faults.add({ kind: 'status', status: 503, operation: 'unbindDevice', times: 1 });
    const attempt = { login: 'ana@isp', oldCasn: 'CASN-0001', newCasn: 'CASN-0002', idempotencyKey: 'swap-2' };
    await expect(tv.swapDevice(attempt)).rejects.toMatchObject({ kind: 'transient' });
    expect((await tv.read({ login: 'ana@isp' }))?.devices).toHaveLength(2);
    await tv.swapDevice(attempt);
    expect((await tv.read({ login: 'ana@isp' }))?.devices).toEqual([{ casn: 'CASN-0002', location: 'Sala' }]);
    expect(ctx.sim.state().events.filter((e) => e.type === 'device.bound')).toHaveLength(2); // CASN-0001 once, CASN-0002 once
    expect(ctx.sim.state().idempotency.replays).toBe(1); // the retried bind was replayed, not applied again
  });
});

describe('MCR: RPC answers', () => {
  const ctx = useSimulator('mcr');
  const rpc = (call: string, body: unknown) => axios.post(`${ctx.sim.url}/api/`, body, { params: { call }, validateStatus: () => true });

  it('reports failures inside HTTP 200 answers, which the connector maps by code', async () => {
    const res = await rpc('package.add', { token: ctx.sim.credentials.token, params: { login: 'ghost@isp', package: 'HBO' } });
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ status: 'error', error: { code: 'SUBSCRIBER_NOT_FOUND', message: expect.any(String) } });

    const tv = mcrConnector.create('mcr', mcrConnector.configSchema.parse({ url: ctx.sim.url, ...ctx.sim.credentials }), { logger });
    await tv.ensureSubscriber({ login: 'ana@isp', externalId: 'm:1', idempotencyKey: 'k1' });
    await expect(tv.addExtraPackage({ login: 'ana@isp', packageCode: 'NAO-EXISTE', idempotencyKey: 'k2' })).rejects.toMatchObject({ reason: 'not_found', message: expect.stringMatching(/PACKAGE_NOT_FOUND/) });
  });

  it('looks subscribers up through view.detail', async () => {
    const tv = mcrConnector.create('mcr', mcrConnector.configSchema.parse({ url: ctx.sim.url, ...ctx.sim.credentials }), { logger });
    ctx.sim.seed({ subscribers: [{ login: 'ana@isp', basePackage: 'TOP', devices: [{ casn: 'CASN-0001', location: 'Sala' }] }] });
    const detail = await rpc('view.detail', { token: ctx.sim.credentials.token, params: { login: 'ana@isp' } });
    expect(detail.data.result.subscriber).toMatchObject({ login: 'ana@isp', situation: 'A', base: 'TOP', points: [{ casn: 'CASN-0001', place: 'Sala' }] });
    await expect(tv.read({ login: 'ana@isp' })).resolves.toMatchObject({ subscriberId: detail.data.result.subscriber.code, basePackage: 'TOP', devices: [{ casn: 'CASN-0001', location: 'Sala' }] });
  });
});

describe('Maxi TV: form-encoded writes', () => {
  const ctx = useSimulator('maxitv');

  it('refuses a JSON body with 415 FORMATO_NAO_SUPORTADO; the connector sends forms', async () => {
    const res = await axios.post(`${ctx.sim.url}/api/v1/assinantes`, { login_radius: 'ana@isp' }, { headers: { Authorization: `Bearer ${ctx.sim.credentials.apiToken}` }, validateStatus: () => true });
    expect(res.status).toBe(415);
    expect(res.data).toMatchObject({ codigo: 'FORMATO_NAO_SUPORTADO' });

    const tv = maxiTvConnector.create('maxitv', maxiTvConnector.configSchema.parse({ url: ctx.sim.url, ...ctx.sim.credentials }), { logger });
    await tv.ensureSubscriber({ login: 'ana@isp', name: 'Ana', externalId: 'x:9', idempotencyKey: 'k1' });
    expect(ctx.sim.state().subscribers[0]).toMatchObject({ login: 'ana@isp', name: 'Ana', externalId: 'x:9' });
  });
});

describe('Deezer: the access token stays out of errors', () => {
  const ctx = useSimulator('deezer');

  it('does not echo the token in error messages', async () => {
    const secret = 'tok-7f3a9c-not-for-logs';
    const tv = deezerConnector.create('deezer', deezerConnector.configSchema.parse({ url: ctx.sim.url, accessToken: secret }), { logger });
    const err = (await tv.read({ login: 'ana@isp' }).catch((e: unknown) => e)) as Error;
    expect(err).toMatchObject({ reason: 'auth' });
    expect(err.message).not.toContain(secret);
  });
});
