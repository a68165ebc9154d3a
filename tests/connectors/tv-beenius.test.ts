import { createHmac } from 'node:crypto';
import axios from 'axios';
import OAuth from 'oauth-1.0a';
import { beeniusConnector } from '../../connectors/beenius';
import type { TvPlatform } from '../../connectors/tv/port';
import { createLogger } from '../../runtime/logger';
import { createTvSimulator, TvSimulator } from '../../simulators/tv';

/** What only Beenius does: OAuth 1.0a request signing, the vendor media type, the auth PIN. */
describe('Multi TV Beenius', () => {
  const logger = createLogger({ level: 'silent' });
  let sim: TvSimulator;
  let tv: TvPlatform;
  const connect = (overrides: Record<string, unknown> = {}) =>
    beeniusConnector.create('beenius', beeniusConnector.configSchema.parse({ url: sim.url, ...sim.credentials, ...overrides }), { logger });

  /** Signs like a Beenius client would, so single headers can be broken on purpose. */
  const signedHeaders = (method: string, url: string, secrets = sim.credentials) => {
    const oauth = new OAuth({
      consumer: { key: secrets.consumerKey, secret: secrets.consumerSecret },
      signature_method: 'HMAC-SHA1',
      hash_function: (base, key) => createHmac('sha1', key).update(base).digest('base64'),
    });
    return oauth.toHeader(oauth.authorize({ url, method }, { key: secrets.token, secret: secrets.tokenSecret }));
  };
  const raw = (method: string, path: string, headers: Record<string, string>, data?: string) =>
    axios.request({ method, url: `${sim.url}/restapi/rest/1${path}`, headers, data, validateStatus: () => true });

  beforeAll(async () => {
    sim = createTvSimulator({ flavour: 'beenius' });
    await sim.start();
    tv = connect();
  });
  afterAll(() => sim.stop());
  beforeEach(() => sim.reset());

  it('returns the subscriber id and the auth PIN Beenius issued, on create and on link', async () => {
    const created = await tv.ensureSubscriber({ login: 'ana@isp', name: 'Ana Lima', externalId: 'isp-integrator:7', idempotencyKey: 'k1' });
    const issued = sim.state().subscribers[0];
    expect(created).toEqual({ subscriberId: String(100_000 + issued.seq), linked: false, pin: issued.pin, state: expect.objectContaining({ subscriberId: String(100_000 + issued.seq), pin: issued.pin }) });
    expect(created.pin).toMatch(/^\d{4}$/);
    expect(issued).toMatchObject({ name: 'Ana Lima', externalId: 'isp-integrator:7' });
    await expect(tv.ensureSubscriber({ login: 'ana@isp', externalId: 'isp-integrator:7', idempotencyKey: 'k2' })).resolves.toEqual({ ...created, linked: true });
    expect((await tv.read({ login: 'ana@isp' }))?.pin).toBe(issued.pin);
  });

  it('a bad OAuth signature is a 401, which the connector reports as PermanentError auth', async () => {
    const url = `${sim.url}/restapi/rest/1/subscriptions`;
    const forged = signedHeaders('GET', url, { ...sim.credentials, tokenSecret: 'guessed' });
    const res = await raw('GET', '/subscriptions', { ...forged, Accept: 'application/vnd.beenius+json;version=9' });
    expect(res.status).toBe(401);
    expect(res.data).toMatchObject({ errorCode: 'OAUTH_UNAUTHORIZED', errorMessage: 'invalid oauth_signature' });

    await expect(connect({ tokenSecret: 'guessed' }).read({ login: 'ana@isp' })).rejects.toMatchObject({ kind: 'permanent', reason: 'auth', message: expect.stringMatching(/401/) });
    await expect(connect({ token: 'someone-else' }).health()).rejects.toMatchObject({ reason: 'auth' });
  });

  it('signs the query too: a signature for another URL is refused', async () => {
    const signedForOther = signedHeaders('GET', `${sim.url}/restapi/rest/1/subscribers?username=other`);
    const res = await raw('GET', '/subscribers?username=ana%40isp', { ...signedForOther, Accept: 'application/vnd.beenius+json;version=9' });
    expect(res.status).toBe(401);
  });

  it('refuses a replayed nonce', async () => {
    const url = `${sim.url}/restapi/rest/1/subscriptions`;
    const headers = { ...signedHeaders('GET', url), Accept: 'application/vnd.beenius+json;version=9' };
    expect((await raw('GET', '/subscriptions', headers)).status).toBe(200);
    const replay = await raw('GET', '/subscriptions', headers);
    expect(replay.status).toBe(401);
    expect(replay.data.errorMessage).toMatch(/nonce/);
  });

  it('enforces the vendor media type: a wrong Accept is 406, a plain JSON body is 415', async () => {
    const url = `${sim.url}/restapi/rest/1/subscriptions`;
    const plainAccept = await raw('GET', '/subscriptions', { ...signedHeaders('GET', url), Accept: 'application/json' });
    expect(plainAccept.status).toBe(406);
    expect(plainAccept.data).toMatchObject({ errorCode: 'MEDIA_TYPE_NOT_ACCEPTABLE' });

    const createUrl = `${sim.url}/restapi/rest/1/subscribers`;
    const plainBody = await raw(
      'POST',
      '/subscribers',
      { ...signedHeaders('POST', createUrl), Accept: 'application/vnd.beenius+json;version=9', 'Content-Type': 'application/json' },
      JSON.stringify({ username: 'ana@isp' }),
    );
    expect(plainBody.status).toBe(415);
    expect(sim.state().subscribers).toHaveLength(0);
  });

  it('answers in the negotiated version, and the connector maps an unsupported version to a permanent rejection', async () => {
    const url = `${sim.url}/restapi/rest/1/system/info`;
    const res = await raw('GET', '/system/info', { ...signedHeaders('GET', url), Accept: 'application/vnd.beenius+json;version=8' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.beenius+json;version=8');

    await expect(connect({ apiVersion: 3 }).health()).rejects.toMatchObject({ kind: 'permanent', reason: 'rejected', message: expect.stringMatching(/406/) });
    await expect(connect({ apiVersion: 8 }).health()).resolves.toBeUndefined();
  });

  it('addresses packages by subscription UUID and finds a subscription created after the catalog was cached', async () => {
    await tv.ensureSubscriber({ login: 'ana@isp', externalId: 'isp-integrator:7', idempotencyKey: 'k1' });
    await tv.setBasePackage({ login: 'ana@isp', packageCode: 'BASICO', idempotencyKey: 'k2' });
    const catalogLoads = () => sim.faults.requests.filter((r) => r.operation === 'listPackages').length;
    const before = catalogLoads();
    sim.seed({ packages: [{ code: 'PREMIERE', name: 'Premiere', kind: 'extra' }] });
    await tv.addExtraPackage({ login: 'ana@isp', packageCode: 'PREMIERE', idempotencyKey: 'k3' });
    expect(await tv.read({ login: 'ana@isp' })).toMatchObject({ basePackage: 'BASICO', extraPackages: ['PREMIERE'] });
    // One reload for the unknown code, none for the read that follows.
    expect(catalogLoads() - before).toBe(1);
    const premiere = sim.state().packages.find((p) => p.code === 'PREMIERE');
    expect(sim.state().subscribers[0].extraPackages).toEqual([premiere?.code]);
  });
});
