import http from 'node:http';
import axios, { AxiosInstance } from 'axios';
import { startAdminServer } from '../kit/simulator';
import { createIntercomSimulator, IntercomSimulator } from '.';

/** The simulated intercom API over HTTP: auth, validation, conflicts, idempotency, events, seed and admin. */

let sim: IntercomSimulator;
let api: AxiosInstance;

beforeAll(async () => {
  sim = createIntercomSimulator({ token: 'test-token' });
  await sim.start(0);
  // No keep-alive: the 'down' fault kills open sockets, and a reused dead one would hang up instead of refusing.
  api = axios.create({ baseURL: `${sim.url}/api/v1`, headers: { authorization: 'Bearer test-token' }, validateStatus: () => true, httpAgent: new http.Agent() });
});
afterAll(() => sim.stop());
beforeEach(async () => {
  await sim.faults.clear();
  sim.reset();
});

const key = (k: string) => ({ headers: { 'idempotency-key': k } });
const newClient = { login: 'ivanov', addresses: [{ externalId: 'lanbilling:1', label: 'кв. 1', capabilities: ['door_key'] }] };

it('refuses a missing or wrong bearer token with 401', async () => {
  const anonymous = await axios.get(`${sim.url}/api/v1/health`, { validateStatus: () => true });
  const wrong = await api.get('/health', { headers: { authorization: 'Bearer nope' } });

  expect(anonymous.status).toBe(401);
  expect(anonymous.headers['www-authenticate']).toBe('Bearer');
  expect(wrong.status).toBe(401);
  expect(wrong.data).toEqual({ error: 'unauthorized', message: expect.any(String) });
});

it('names the wrong field in a 400', async () => {
  const missing = await api.post('/clients', { addresses: [] });
  const badCapability = await api.post('/clients', { login: 'a', addresses: [{ externalId: 'e', capabilities: ['door_key', 'teleport'] }] });
  const badPut = await api.put('/clients/cl_1/addresses/ad_1/capabilities', { capabilities: 'door_key' });

  expect(missing).toMatchObject({ status: 400, data: { error: 'validation_failed', field: 'login' } });
  expect(badCapability).toMatchObject({ status: 400, data: { field: 'addresses[0].capabilities[1]' } });
  expect(badPut).toMatchObject({ status: 400, data: { field: 'capabilities' } });
  expect(sim.state().profiles).toHaveLength(0);
});

it('answers 409 for a taken login and for deleting a client that still has addresses', async () => {
  const created = await api.post('/clients', newClient);
  const duplicate = await api.post('/clients', { login: 'ivanov' });
  const deleting = await api.delete(`/clients/${created.data.id}`);

  expect(created.status).toBe(201);
  expect(duplicate).toMatchObject({ status: 409, data: { error: 'login_taken', field: 'login' } });
  expect(deleting).toMatchObject({ status: 409, data: { error: 'client_has_addresses' } });
  expect(sim.state().profiles).toHaveLength(1);
});

it('answers 404 for unknown clients and addresses', async () => {
  const created = await api.post('/clients', newClient);

  expect((await api.get('/clients/cl_404')).data).toMatchObject({ error: 'client_not_found' });
  expect((await api.delete(`/clients/${created.data.id}/addresses/ad_404`)).status).toBe(404);
  expect((await api.put(`/clients/${created.data.id}/addresses/ad_404/capabilities`, { capabilities: [] })).status).toBe(404);
});

describe('Idempotency-Key', () => {
  it('replays the first answer for the same key and body, with one effect', async () => {
    const first = await api.post('/clients', newClient, key('k1'));
    // Same request with keys in another order: still the same request.
    const again = await api.post('/clients', { addresses: newClient.addresses, login: 'ivanov' }, key('k1'));

    expect(again.status).toBe(201);
    expect(again.data).toEqual(first.data);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(sim.state().events.filter((e) => e.type === 'client.created')).toHaveLength(1);
  });

  it('answers 422 when a key is reused for a different request', async () => {
    await api.post('/clients', newClient, key('k2'));
    const other = await api.post('/clients', { login: 'petrov' }, key('k2'));

    expect(other).toMatchObject({ status: 422, data: { error: 'idempotency_key_reused', field: 'Idempotency-Key' } });
    expect(sim.state().profiles.map((p) => p.login)).toEqual(['ivanov']);
  });

  it('does not store a failed write, so a retry with the same key runs again', async () => {
    const { data: client } = await api.post('/clients', newClient);
    const refused = await api.delete(`/clients/${client.id}`, key('del'));
    await api.delete(`/clients/${client.id}/addresses/${client.addresses[0].id}`);
    const retried = await api.delete(`/clients/${client.id}`, key('del'));

    expect(refused.status).toBe(409);
    expect(retried.status).toBe(204);
    expect(sim.state().profiles).toHaveLength(0);
  });

  it('replays a capability change without changing capabilities set since', async () => {
    const { data: client } = await api.post('/clients', newClient);
    const url = `/clients/${client.id}/addresses/${client.addresses[0].id}/capabilities`;
    await api.put(url, { capabilities: ['door_key', 'app_open'] }, key('c1'));
    await api.put(url, { capabilities: ['door_key'] }, key('c2'));
    const replay = await api.put(url, { capabilities: ['door_key', 'app_open'] }, key('c1'));

    expect(replay.data.capabilities).toEqual(['door_key', 'app_open']);
    expect(sim.state().profiles[0].addresses[0].capabilities).toEqual(['door_key']);
  });
});

it('logs every change as an event, paged by cursor', async () => {
  const { data: client } = await api.post('/clients', newClient);
  const address = (await api.post(`/clients/${client.id}/addresses`, { externalId: 'lanbilling:2', capabilities: ['door_key'] })).data;
  await api.put(`/clients/${client.id}/addresses/${address.id}/capabilities`, { capabilities: ['app_open', 'door_key'] });
  await api.delete(`/clients/${client.id}/addresses/${address.id}`);
  await api.delete(`/clients/${client.id}/addresses/${client.addresses[0].id}`);
  await api.delete(`/clients/${client.id}`);

  const page1 = await api.get('/events', { params: { limit: 3 } });
  const page2 = await api.get('/events', { params: { after: page1.data.nextCursor } });
  const page3 = await api.get('/events', { params: { after: page2.data.nextCursor } });

  expect([...page1.data.events, ...page2.data.events].map((e: { type: string }) => e.type)).toEqual([
    'client.created',
    'address.added',
    'client.linked',
    'address.added',
    'capabilities.changed',
    'address.removed',
    'address.removed',
    'client.removed',
  ]);
  expect(page3.data).toEqual({ events: [], nextCursor: page2.data.nextCursor });
  expect((await api.get('/events', { params: { after: 'yesterday' } })).data).toMatchObject({ field: 'after' });
});

describe('seed', () => {
  it('loads profiles with addresses as pre-existing data, without events', async () => {
    sim.seed({ profiles: [{ login: 'seeded', name: 'Сидоров', addresses: [{ externalId: 'lanbilling:9', label: 'кв. 9', capabilities: ['app_open', 'door_key'] }] }] });

    const found = await api.get('/clients', { params: { login: 'seeded' } });
    expect(found.data.items).toEqual([
      expect.objectContaining({ login: 'seeded', name: 'Сидоров', addresses: [expect.objectContaining({ externalId: 'lanbilling:9', capabilities: ['door_key', 'app_open'] })] }),
    ]);
    expect(sim.state().events).toHaveLength(0);
  });

  it('rejects a bad seed as a whole, naming the problem', () => {
    sim.seed({ profiles: [{ login: 'taken' }] });

    expect(() => sim.seed({ profiles: [{ login: 'fresh' }, { login: 'taken' }] })).toThrow(/profiles\[1\].*taken/);
    expect(() => sim.seed({ profiles: [{ login: 'x', addresses: [{ externalId: 'e', capabilities: ['fly'] }] }] })).toThrow(/profiles\[0\]\.addresses\[0\]\.capabilities\[0\]/);
    expect(sim.state().profiles.map((p) => p.login)).toEqual(['taken']);
  });
});

describe('faults and admin', () => {
  it('closes the port while down and reopens the same port when cleared', async () => {
    const url = sim.url;
    await sim.faults.add({ kind: 'down' });
    const refused = await api.get('/health').catch((err: { code?: string }) => err);
    await sim.faults.clear();

    expect(refused).toMatchObject({ code: 'ECONNREFUSED' });
    expect(sim.url).toBe(url);
    expect((await api.get('/health')).status).toBe(200);
  });

  it('is driven over the admin server: seed, one-operation fault, state, reset', async () => {
    const admin = await startAdminServer([sim]);
    try {
      const adminApi = axios.create({ baseURL: `${admin.url}/simulators/intercom` });
      await adminApi.post('/seed', { profiles: [{ login: 'admin-seeded' }] });
      await adminApi.post('/faults', { kind: 'fault', operation: 'createClient', status: 400, code: 'invalid_login', message: 'login rejected upstream' });

      expect((await api.post('/clients', { login: 'new' })).data).toEqual({ error: 'invalid_login', message: 'login rejected upstream' });
      expect((await api.get('/clients', { params: { login: 'admin-seeded' } })).data.items).toHaveLength(1);
      expect((await adminApi.get('/state')).data.profiles.map((p: { login: string }) => p.login)).toEqual(['admin-seeded']);

      await adminApi.post('/reset', {});
      expect(sim.state()).toEqual({ profiles: [], events: [] });
    } finally {
      await admin.app.close();
    }
  });
});
