import axios from 'axios';
import { intercomConnector } from '../../connectors/intercom';
import { PermanentError, RateLimitedError, TransientError } from '../../connectors/errors';
import type { AccessPlatform } from '../../connectors/access/port';
import { createLogger } from '../../runtime/logger';
import { createIntercomSimulator, IntercomSimulator } from '../../simulators/intercom';

/** The intercom connector against the intercom simulator over a real socket. */

const logger = createLogger({ level: 'silent' });
let sim: IntercomSimulator;
let platform: AccessPlatform;

function connect(overrides: { token?: string; timeoutMs?: number } = {}): AccessPlatform {
  const config = intercomConnector.configSchema.parse({ url: sim.url, token: sim.token, ...overrides });
  return intercomConnector.create('intercom', config, { logger });
}

const events = (type?: string) => sim.state().events.filter((e) => type === undefined || e.type === type);
const profiles = () => sim.state().profiles;
const requestsTo = (operation: string) => sim.faults.requests.filter((r) => r.operation === operation);

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const ALL = ['door_key', 'handset_call', 'video_archive', 'app_open'];

beforeAll(async () => {
  sim = createIntercomSimulator();
  await sim.start(0);
});
afterAll(() => sim.stop());
beforeEach(async () => {
  await sim.faults.clear();
  sim.faults.requests.length = 0;
  sim.reset();
  // A fresh connector (and connection pool) per test, so no test inherits another's sockets.
  platform = connect();
});

describe('attach', () => {
  it('creates the profile with the address when no profile has the login', async () => {
    const result = await platform.attach({ login: 'ivanov', externalId: 'lanbilling:1', label: 'ул. Ленина 1, кв. 5', capabilities: ALL, idempotencyKey: 'k1' });

    expect(result.linked).toBe(false);
    const [profile] = profiles();
    expect(profile).toMatchObject({ id: result.profileId, login: 'ivanov' });
    expect(profile.addresses).toEqual([expect.objectContaining({ id: result.attachmentId, externalId: 'lanbilling:1', label: 'ул. Ленина 1, кв. 5', capabilities: ALL })]);
    expect(events().map((e) => e.type)).toEqual(['client.created', 'address.added']);
  });

  it('links to a profile that already exists on the platform instead of creating one', async () => {
    sim.seed({ profiles: [{ login: 'petrov', name: 'Петров П.П.' }] });
    const seededId = profiles()[0].id;

    const result = await platform.attach({ login: 'petrov', externalId: 'lanbilling:2', capabilities: ['door_key'], idempotencyKey: 'k2' });

    expect(result).toMatchObject({ profileId: seededId, linked: true });
    expect(profiles()).toHaveLength(1);
    expect(profiles()[0].addresses).toEqual([expect.objectContaining({ id: result.attachmentId, externalId: 'lanbilling:2', capabilities: ['door_key'] })]);
    expect(events().map((e) => e.type)).toEqual(['client.linked', 'address.added']);
  });

  it('makes a second billing account with the same login a second address of the same profile', async () => {
    const first = await platform.attach({ login: 'sidorov', externalId: 'lanbilling:10', label: 'кв. 10', capabilities: ALL, idempotencyKey: 'a10' });
    const second = await platform.attach({ login: 'sidorov', externalId: 'lanbilling:11', label: 'кв. 11', capabilities: ['door_key'], idempotencyKey: 'a11' });

    expect(second).toMatchObject({ profileId: first.profileId, linked: true });
    expect(second.attachmentId).not.toBe(first.attachmentId);
    expect(profiles()).toHaveLength(1);
    expect(profiles()[0].addresses.map((a) => [a.externalId, a.capabilities])).toEqual([
      ['lanbilling:10', ALL],
      ['lanbilling:11', ['door_key']],
    ]);
  });

  it('only aligns the capabilities of an account that is already attached', async () => {
    sim.seed({ profiles: [{ login: 'kuznetsov', addresses: [{ externalId: 'lanbilling:3', capabilities: ['door_key'] }] }] });
    const seeded = profiles()[0];

    const result = await platform.attach({ login: 'kuznetsov', externalId: 'lanbilling:3', capabilities: ['app_open', 'door_key'], idempotencyKey: 'k3' });

    expect(result).toEqual({ profileId: seeded.id, attachmentId: seeded.addresses[0].id, linked: true });
    expect(profiles()[0].addresses).toHaveLength(1);
    expect(profiles()[0].addresses[0].capabilities).toEqual(['door_key', 'app_open']);
    expect(events().map((e) => e.type)).toEqual(['capabilities.changed']);
  });

  it('links when the profile is created by someone else between the lookup and the create (409)', async () => {
    await sim.faults.add({ kind: 'latency', ms: 300, operation: 'createClient', times: 1 });
    const attaching = platform.attach({ login: 'race', externalId: 'lanbilling:20', capabilities: ALL, idempotencyKey: 'r1' });
    await until(() => requestsTo('createClient').length === 1, 'the create request to arrive');
    sim.seed({ profiles: [{ login: 'race', addresses: [{ externalId: 'lanbilling:21', capabilities: ['door_key'] }] }] });

    const result = await attaching;

    expect(result).toMatchObject({ profileId: profiles()[0].id, linked: true });
    expect(profiles()).toHaveLength(1);
    expect(profiles()[0].addresses.map((a) => a.externalId)).toEqual(['lanbilling:21', 'lanbilling:20']);
    expect(requestsTo('findClients')).toHaveLength(2);
  });

  it('rejects an unknown capability before calling the platform, naming the field', async () => {
    const attaching = platform.attach({ login: 'x', externalId: 'lanbilling:4', capabilities: ['door_key', 'teleport'], idempotencyKey: 'k4' });

    await expect(attaching).rejects.toBeInstanceOf(PermanentError);
    await expect(attaching).rejects.toMatchObject({ reason: 'validation', message: expect.stringContaining('capabilities[1]') });
    expect(sim.faults.requests).toHaveLength(0);
  });
});

describe('idempotency', () => {
  it('has one effect when the same attach is delivered twice', async () => {
    const input = { login: 'twice', externalId: 'lanbilling:5', capabilities: ALL, idempotencyKey: 'same-key' };
    const first = await platform.attach(input);
    const second = await platform.attach(input);

    expect(second.attachmentId).toBe(first.attachmentId);
    expect(events('client.created')).toHaveLength(1);
    expect(events('address.added')).toHaveLength(1);
  });

  it('sends a derived Idempotency-Key on every write, so the platform replays a repeated write', async () => {
    await platform.attach({ login: 'keys', externalId: 'lanbilling:7', capabilities: ['door_key'], idempotencyKey: 'cmd-7' });
    const [profile] = profiles();
    // The create the connector made for cmd-7, sent again as a retry would after a lost answer:
    // the platform must answer from its store instead of failing with 409 or creating twice.
    const replay = await axios.post(
      `${sim.url}/api/v1/clients`,
      { login: 'keys', addresses: [{ externalId: 'lanbilling:7', capabilities: ['door_key'] }] },
      { headers: { authorization: `Bearer ${sim.token}`, 'idempotency-key': 'cmd-7:create' } },
    );

    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.data.id).toBe(profile.id);
    expect(events('client.created')).toHaveLength(1);
  });
});

describe('setCapabilities and read', () => {
  it('sets exactly the given capabilities and reads them back', async () => {
    const attached = await platform.attach({ login: 'block', externalId: 'lanbilling:8', capabilities: ALL, idempotencyKey: 'b1' });

    await platform.setCapabilities({ login: 'block', externalId: 'lanbilling:8', capabilities: ['door_key'], idempotencyKey: 'b2' });

    expect(await platform.read({ login: 'block', externalId: 'lanbilling:8' })).toEqual({
      attached: true,
      profileId: attached.profileId,
      attachmentId: attached.attachmentId,
      capabilities: ['door_key'],
    });
    expect(events('capabilities.changed')).toEqual([expect.objectContaining({ capabilities: ['door_key'], previousCapabilities: ALL })]);
  });

  it('writes where a read just found the account, without looking it up again, and answers what it confirmed', async () => {
    const attached = await platform.attach({ login: 'fast', externalId: 'lanbilling:10', capabilities: ALL, idempotencyKey: 'f1' });
    const before = sim.faults.requests.length;

    const view = await platform.setCapabilities({ login: 'fast', externalId: 'lanbilling:10', capabilities: ['door_key'], idempotencyKey: 'f2', at: attached });

    expect(view).toEqual({ attached: true, profileId: attached.profileId, attachmentId: attached.attachmentId, capabilities: ['door_key'] });
    expect(sim.faults.requests.slice(before).map((r) => r.operation)).toEqual(['setCapabilities']);
  });

  it('looks the account up again when it is no longer where the read found it', async () => {
    const attached = await platform.attach({ login: 'moved', externalId: 'lanbilling:11', capabilities: ALL, idempotencyKey: 'm1' });

    const view = await platform.setCapabilities({ login: 'moved', externalId: 'lanbilling:11', capabilities: ['door_key'], idempotencyKey: 'm2', at: { profileId: attached.profileId, attachmentId: 'addr-gone' } });

    expect(view).toMatchObject({ attached: true, attachmentId: attached.attachmentId, capabilities: ['door_key'] });
    expect(await platform.read({ login: 'moved', externalId: 'lanbilling:11' })).toMatchObject({ capabilities: ['door_key'] });
  });

  it('makes no write when the capabilities are already equal', async () => {
    await platform.attach({ login: 'same', externalId: 'lanbilling:9', capabilities: ['door_key', 'app_open'], idempotencyKey: 's1' });
    await platform.setCapabilities({ login: 'same', externalId: 'lanbilling:9', capabilities: ['app_open', 'door_key'], idempotencyKey: 's2' });

    expect(requestsTo('setCapabilities')).toHaveLength(0);
    expect(events('capabilities.changed')).toHaveLength(0);
  });

  it('fails with not_found for an account that is not attached', async () => {
    sim.seed({ profiles: [{ login: 'other', addresses: [{ externalId: 'lanbilling:30', capabilities: [] }] }] });

    await expect(platform.setCapabilities({ login: 'other', externalId: 'lanbilling:31', capabilities: [], idempotencyKey: 'n1' })).rejects.toMatchObject({
      kind: 'permanent',
      reason: 'not_found',
    });
    await expect(platform.setCapabilities({ login: 'nobody', externalId: 'lanbilling:31', capabilities: [], idempotencyKey: 'n2' })).rejects.toMatchObject({
      reason: 'not_found',
    });
  });

  it('reads an unknown login or an unattached account as not attached', async () => {
    sim.seed({ profiles: [{ login: 'empty' }] });

    expect(await platform.read({ login: 'ghost', externalId: 'lanbilling:1' })).toEqual({ attached: false, profileId: undefined, capabilities: [] });
    expect(await platform.read({ login: 'empty', externalId: 'lanbilling:1' })).toEqual({ attached: false, profileId: profiles()[0].id, capabilities: [] });
  });
});

describe('detach', () => {
  it('keeps the profile when another address remains, and removes it with the last one', async () => {
    await platform.attach({ login: 'family', externalId: 'lanbilling:40', capabilities: ALL, idempotencyKey: 'f1' });
    await platform.attach({ login: 'family', externalId: 'lanbilling:41', capabilities: ALL, idempotencyKey: 'f2' });

    expect(await platform.detach({ login: 'family', externalId: 'lanbilling:40', idempotencyKey: 'd1' })).toEqual({ profileRemoved: false });
    expect(profiles()[0].addresses.map((a) => a.externalId)).toEqual(['lanbilling:41']);

    expect(await platform.detach({ login: 'family', externalId: 'lanbilling:41', idempotencyKey: 'd2' })).toEqual({ profileRemoved: true });
    expect(profiles()).toHaveLength(0);
    expect(events().slice(-3).map((e) => e.type)).toEqual(['address.removed', 'address.removed', 'client.removed']);
  });

  it('succeeds when the account is already gone', async () => {
    expect(await platform.detach({ login: 'gone', externalId: 'lanbilling:42', idempotencyKey: 'g1' })).toEqual({ profileRemoved: false });
  });

  it('finishes a detach that failed between removing the address and deleting the profile', async () => {
    await platform.attach({ login: 'half', externalId: 'lanbilling:43', capabilities: ALL, idempotencyKey: 'h1' });
    await sim.faults.add({ kind: 'status', status: 503, operation: 'deleteClient', times: 1 });

    await expect(platform.detach({ login: 'half', externalId: 'lanbilling:43', idempotencyKey: 'h2' })).rejects.toBeInstanceOf(TransientError);
    expect(profiles()[0].addresses).toHaveLength(0);

    expect(await platform.detach({ login: 'half', externalId: 'lanbilling:43', idempotencyKey: 'h2' })).toEqual({ profileRemoved: true });
    expect(profiles()).toHaveLength(0);
  });

  it('keeps the profile when another account attaches while the last one detaches (409)', async () => {
    const attached = await platform.attach({ login: 'swap', externalId: 'lanbilling:44', capabilities: ALL, idempotencyKey: 'w1' });
    await sim.faults.add({ kind: 'latency', ms: 300, operation: 'deleteClient', times: 1 });

    const detaching = platform.detach({ login: 'swap', externalId: 'lanbilling:44', idempotencyKey: 'w2' });
    await until(() => requestsTo('deleteClient').length === 1, 'the delete request to arrive');
    await connect().attach({ login: 'swap', externalId: 'lanbilling:45', capabilities: ['door_key'], idempotencyKey: 'w3' });

    expect(await detaching).toEqual({ profileRemoved: false });
    expect(profiles()).toEqual([expect.objectContaining({ id: attached.profileId, addresses: [expect.objectContaining({ externalId: 'lanbilling:45' })] })]);
  });
});

describe('errors', () => {
  it('maps a wrong token to PermanentError auth', async () => {
    const intruder = connect({ token: 'wrong-token' });

    await expect(intruder.health()).rejects.toMatchObject({ kind: 'permanent', reason: 'auth' });
    await expect(intruder.attach({ login: 'a', externalId: 'e', capabilities: [], idempotencyKey: 'x' })).rejects.toMatchObject({ reason: 'auth' });
    expect(profiles()).toHaveLength(0);
  });

  it('maps a platform that is down (connection refused) to TransientError', async () => {
    await sim.faults.add({ kind: 'down' });

    const failure = await platform.health().catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(TransientError);
    expect((failure as Error).message).toMatch(/ECONNREFUSED/);

    await sim.faults.clear();
    await expect(platform.health()).resolves.toBeUndefined();
  });

  it('maps 5xx to TransientError', async () => {
    await sim.faults.add({ kind: 'status', status: 503, times: 1 });

    await expect(platform.read({ login: 'a', externalId: 'e' })).rejects.toBeInstanceOf(TransientError);
    await expect(platform.read({ login: 'a', externalId: 'e' })).resolves.toMatchObject({ attached: false });
  });

  it('maps a platform that never answers to TransientError after the client timeout', async () => {
    const impatient = connect({ timeoutMs: 200 });
    await sim.faults.add({ kind: 'timeout', operation: 'health' });

    const started = Date.now();
    await expect(impatient.health()).rejects.toBeInstanceOf(TransientError);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('maps 429 to RateLimitedError with the Retry-After delay', async () => {
    await sim.faults.add({ kind: 'rate_limit', retryAfterSeconds: 7 });

    const failure = await platform.attach({ login: 'a', externalId: 'e', capabilities: [], idempotencyKey: 'x' }).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(RateLimitedError);
    expect((failure as RateLimitedError).retryAfterMs).toBe(7000);
  });

  it('maps a 400 fault on one operation to PermanentError validation, leaving the others working', async () => {
    sim.seed({ profiles: [{ login: 'picky' }] });
    await sim.faults.add({ kind: 'fault', operation: 'addAddress', status: 400, code: 'invalid_address', message: 'label is not a known address' });

    const failure = await platform.attach({ login: 'picky', externalId: 'lanbilling:50', capabilities: [], idempotencyKey: 'p1' }).catch((err: unknown) => err);

    expect(failure).toBeInstanceOf(PermanentError);
    expect(failure).toMatchObject({ reason: 'validation', operation: 'addAddress', message: expect.stringContaining('label is not a known address') });
    expect(requestsTo('findClients').map((r) => r.decision)).toEqual(['pass']);
  });

  it('maps a malformed answer to PermanentError rejected naming the field', async () => {
    // A 200 whose body is not a client list.
    await sim.faults.add({ kind: 'fault', operation: 'findClients', status: 200, code: 'surprise', message: 'not a list' });

    await expect(platform.read({ login: 'a', externalId: 'e' })).rejects.toMatchObject({ kind: 'permanent', reason: 'rejected', message: expect.stringContaining('items') });
  });
});

describe('config', () => {
  it('rejects a config without a usable url or token', () => {
    expect(intercomConnector.configSchema.safeParse({ url: 'ftp://x', token: 't' }).success).toBe(false);
    expect(intercomConnector.configSchema.safeParse({ url: 'http://x', token: '' }).success).toBe(false);
    expect(intercomConnector.configSchema.parse({ url: 'http://x', token: 't' })).toEqual({ url: 'http://x', token: 't', timeoutMs: 10_000 });
  });
});
