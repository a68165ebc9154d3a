import { spawn } from 'node:child_process';
import path from 'node:path';
import axios from 'axios';
import { startAdminServer } from '../kit/simulator';
import { createTvSimulator, tvFlavourNames } from '.';

describe('TV simulator', () => {
  describe('seed and reset', () => {
    const sim = createTvSimulator({ flavour: 'cdntv' });
    const api = axios.create({ validateStatus: () => true });
    beforeAll(() => sim.start());
    afterAll(() => sim.stop());
    beforeEach(() => sim.reset());

    it('loads packages and subscribers that the flavour API then serves', async () => {
      sim.seed({
        packages: [{ code: 'PREMIERE', name: 'Premiere', kind: 'extra', id: 900 }],
        subscribers: [{ login: 'ana@isp', status: 'suspended', basePackage: 'TOP', extraPackages: ['PREMIERE'], devices: [{ casn: 'CASN-0001', location: 'Sala' }], pin: '1234' }],
      });
      const res = await api.get(`${sim.apiUrl}/customers`, { params: { login: 'ana@isp' }, headers: { 'X-Api-Key': sim.credentials.apiKey } });
      expect(res.status).toBe(200);
      expect(res.data.data[0]).toMatchObject({ login: 'ana@isp', status: 'disabled', plan: 'TOP', addons: ['PREMIERE'], set_top_boxes: [{ casn: 'CASN-0001', room: 'Sala' }] });
      expect(sim.state().packages.find((p) => p.code === 'PREMIERE')?.id).toBe(900);
      expect(sim.state().events).toEqual([]); // seeding is setup, not platform activity
    });

    it('rejects a bad seed with a 400 naming the field, and applies nothing of it', () => {
      expect(() => sim.seed({ subscribers: [{ login: 'ana@isp', devices: [{ casn: 'x' }] }] })).toThrow(/subscribers\.0\.devices\.0\.casn/);
      const bad = { subscribers: [{ login: 'ana@isp' }, { login: 'bia@isp', basePackage: 'HBO' }] };
      expect(() => sim.seed(bad)).toThrow(expect.objectContaining({ statusCode: 400, message: expect.stringMatching(/subscribers\.1: .*HBO.* extra package/) }));
      expect(sim.state().subscribers).toEqual([]);
    });

    it('reset forgets subscribers, events and idempotency keys, and restores the default catalog', async () => {
      sim.seed({ packages: [{ code: 'PREMIERE', name: 'Premiere', kind: 'extra' }], subscribers: [{ login: 'ana@isp' }] });
      await api.post(`${sim.apiUrl}/customers`, { login: 'bia@isp' }, { headers: { 'X-Api-Key': sim.credentials.apiKey, 'Idempotency-Key': 'k1' } });
      sim.reset();
      const state = sim.state();
      expect(state.subscribers).toEqual([]);
      expect(state.events).toEqual([]);
      expect(state.idempotency).toEqual({ keys: 0, replays: 0 });
      expect(state.packages.map((p) => p.code)).toEqual(['BASICO', 'TOP', 'HBO', 'TELECINE', 'ESPORTES']);
    });

    it('refuses an Idempotency-Key reused for a different request, in the flavour’s error form', async () => {
      const headers = { 'X-Api-Key': sim.credentials.apiKey, 'Idempotency-Key': 'same' };
      expect((await api.post(`${sim.apiUrl}/customers`, { login: 'ana@isp' }, { headers })).status).toBe(201);
      const again = await api.post(`${sim.apiUrl}/customers`, { login: 'ana@isp' }, { headers });
      expect(again.status).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      const other = await api.post(`${sim.apiUrl}/customers`, { login: 'bia@isp' }, { headers });
      expect(other.status).toBe(422);
      expect(other.data.error).toMatchObject({ field: 'Idempotency-Key' });
      expect(sim.state().subscribers.map((s) => s.login)).toEqual(['ana@isp']);
    });

    it('does not replay an answer to a caller without valid credentials', async () => {
      await api.post(`${sim.apiUrl}/customers`, { login: 'ana@isp' }, { headers: { 'X-Api-Key': sim.credentials.apiKey, 'Idempotency-Key': 'k9' } });
      const stranger = await api.post(`${sim.apiUrl}/customers`, { login: 'ana@isp' }, { headers: { 'X-Api-Key': 'guess', 'Idempotency-Key': 'k9' } });
      expect(stranger.status).toBe(401);
      expect(stranger.data).toEqual({ error: { code: 'invalid_api_key', message: expect.any(String), field: 'X-Api-Key' } });
    });
  });

  it('does not store failed writes, even when the protocol answers them with HTTP 200 (MCR)', async () => {
    const sim = createTvSimulator({ flavour: 'mcr' });
    await sim.start();
    try {
      const add = () => axios.post(`${sim.url}/api/`, { token: sim.credentials.token, params: { login: 'ana@isp', package: 'HBO' } }, { params: { call: 'package.add' }, headers: { 'Idempotency-Key': 'k1' } });
      expect((await add()).data.status).toBe('error');
      sim.seed({ subscribers: [{ login: 'ana@isp' }] });
      expect((await add()).data).toMatchObject({ status: 'ok', result: { subscriber: { extras: ['HBO'] } } });
      expect(sim.state().idempotency.replays).toBe(0);
    } finally {
      await sim.stop();
    }
  });

  it('is driven over the admin server: seed, state, faults', async () => {
    const sims = tvFlavourNames().map((flavour) => createTvSimulator({ flavour }));
    for (const sim of sims) await sim.start();
    const admin = await startAdminServer(sims);
    try {
      const listed = await axios.get(`${admin.url}/simulators`);
      expect(listed.data.map((s: { name: string }) => s.name)).toEqual(tvFlavourNames());

      await axios.post(`${admin.url}/simulators/neotv/seed`, { subscribers: [{ login: 'ana@isp' }] });
      const state = await axios.get(`${admin.url}/simulators/neotv/state`);
      expect(state.data.subscribers.map((s: { login: string }) => s.login)).toEqual(['ana@isp']);
      const badSeed = await axios.post(`${admin.url}/simulators/neotv/seed`, { subscribers: [{ login: '' }] }, { validateStatus: () => true });
      expect(badSeed.status).toBe(400);

      const neo = sims.find((s) => s.flavour === 'neotv')!;
      await axios.post(`${admin.url}/simulators/neotv/faults`, { kind: 'status', status: 503, operation: 'health' });
      const auth = { username: 'subsync', password: 'neotv-sim-password' };
      expect((await axios.get(`${neo.apiUrl}/ping`, { auth, validateStatus: () => true })).status).toBe(503);
      await axios.delete(`${admin.url}/simulators/neotv/faults`);
      expect((await axios.get(`${neo.apiUrl}/ping`, { auth })).data).toEqual({ ok: true });
    } finally {
      await admin.app.close();
      for (const sim of sims) await sim.stop();
    }
  });

  it('runs alone from the command line and prints its URL', async () => {
    const tsx = path.join(__dirname, '../../node_modules/.bin/tsx');
    const child = spawn(tsx, [path.join(__dirname, 'index.ts'), 'deezer', '0', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => resolve(chunk.toString()));
        child.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
      });
      const apiUrl = /(http:\/\/\S+\/partner\/v1)/.exec(line)?.[1];
      expect(line).toMatch(/^Deezer .*\(admin: http:\/\/\S+\/simulators\/deezer\)/);
      const pong = await axios.get(`${apiUrl}/ping`, { params: { access_token: 'deezer-sim-access-token' } });
      expect(pong.data).toEqual({ status: 'ok' });
    } finally {
      child.kill();
    }
  });
});

/**
 * Deezer publishes its error table (https://developers.deezer.com/api/errors): the partner API
 * is not public, but the simulator answers only with (type, code) pairs from that table.
 */
describe('Deezer flavour errors follow Deezer\'s published error table', () => {
  const published = [
    ['Exception', 4], ['Exception', 100], ['OAuthException', 200], ['OAuthException', 300], ['ParameterException', 500],
    ['MissingParameterException', 501], ['InvalidQueryException', 600], ['Exception', 700], ['DataException', 800],
  ].map(([type, code]) => `${type} ${code}`);
  const sim = createTvSimulator({ flavour: 'deezer' });
  const api = axios.create({ validateStatus: () => true });
  beforeAll(() => sim.start());
  afterAll(() => sim.stop());
  beforeEach(() => sim.reset());
  const token = () => ({ access_token: sim.credentials.accessToken });
  const pair = (res: { data: { error: { type: string; code: number } } }) => `${res.data.error.type} ${res.data.error.code}`;

  it('answers a bad token, an unknown account, a missing and a wrong parameter and a taken login with published codes', async () => {
    const badToken = await api.get(`${sim.apiUrl}/accounts`, { params: { access_token: 'guess', partner_login: 'ana' } });
    const unknown = await api.get(`${sim.apiUrl}/accounts/123`, { params: token() });
    const missing = await api.get(`${sim.apiUrl}/accounts`, { params: token() });
    const wrong = await api.post(`${sim.apiUrl}/accounts`, { partner_login: 42 }, { params: token() });
    await api.post(`${sim.apiUrl}/accounts`, { partner_login: 'ana@isp' }, { params: token() });
    const taken = await api.post(`${sim.apiUrl}/accounts`, { partner_login: 'ana@isp' }, { params: token() });

    expect([badToken, unknown, missing, wrong, taken].map(pair)).toEqual(['OAuthException 300', 'DataException 800', 'MissingParameterException 501', 'ParameterException 500', 'ParameterException 500']);
    for (const res of [badToken, unknown, missing, wrong, taken]) expect(published).toContain(pair(res));
    expect([badToken, unknown, missing, wrong, taken].map((r) => r.status)).toEqual([401, 404, 422, 422, 409]);
  });
});
