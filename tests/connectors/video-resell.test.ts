import { Writable } from 'node:stream';
import pino from 'pino';
import { PermanentError, RateLimitedError, TransientError } from '../../connectors/errors';
import { accountKeyOf, createVideoResellPlatform, MemoryCredentialStore, videoResellConnector } from '../../connectors/video-resell';
import type { EnsureVideoAccountInput, VideoRoomsPlatform } from '../../connectors/video-rooms/port';
import { redactPaths } from '../../runtime/logger';
import { createVideoResellSimulator, DEFAULT_VIDEO_RESELL_CREDENTIAL, VIDEO_RESELL_PERMISSIONS } from '../../simulators/video-resell';

/** The video resell connector against the video resell simulator over a real socket. */

const START = Date.parse('2026-05-04T09:00:00Z');
const DAY = 86_400_000;
let now = START;
const sim = createVideoResellSimulator({ now: () => now, tokenTtlSeconds: 600, rotationGraceSeconds: 3600 });
let logLines: string[] = [];
const logger = pino(
  { level: 'debug', redact: { paths: redactPaths, censor: '[redacted]' } },
  new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  }),
);
let platform: VideoRoomsPlatform;

function connect(credential: { clientId: string; clientSecret: string } = DEFAULT_VIDEO_RESELL_CREDENTIAL, options: { store?: MemoryCredentialStore; rotateBeforeDays?: number; timeoutMs?: number } = {}) {
  const config = videoResellConnector.configSchema.parse({ url: sim.url, ...credential, rotateBeforeDays: options.rotateBeforeDays ?? 14, timeoutMs: options.timeoutMs ?? 5000 });
  return createVideoResellPlatform('video', config, { logger, now: () => now, credentialStore: options.store });
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to fail');
}

const state = () => sim.state();
const anna = { email: 'anna@muster.example', type: 'business' as const, firstName: 'Anna', lastName: 'Muster', companyName: 'Muster GmbH', country: 'DE', currency: 'EUR', language: 'de' };
const account = (overrides: Partial<EnsureVideoAccountInput> = {}): EnsureVideoAccountInput => ({
  externalId: 'lanbilling:42',
  customer: anna,
  accountName: 'Muster meetings',
  plan: 'meet-basic',
  rooms: [
    { key: 'main', name: 'Besprechung', isPublic: false },
    { key: 'lobby', name: 'Lobby', isPublic: true },
  ],
  ...overrides,
});

beforeAll(() => sim.start(0));
afterAll(() => sim.stop());
beforeEach(async () => {
  now = START;
  sim.reset();
  await sim.faults.clear();
  logLines = [];
  platform = connect();
});

describe('customer, account, owner, rooms', () => {
  it('creates the customer by e-mail, a subscription to the plan, the account with the customer as owner, and the plan’s rooms', async () => {
    const { account: view, created, customerLinked } = await platform.ensureAccount(account());

    expect({ created, customerLinked }).toEqual({ created: true, customerLinked: false });
    const s = state();
    expect(s.customers).toEqual([expect.objectContaining({ email: 'anna@muster.example', customer_type: 'business', company_name: 'Muster GmbH', country: 'DE', currency: 'EUR', customer_settings: { language: 'de' }, customer_metadata: { managed_by: 'subsync' } })]);
    expect(s.subscriptions).toEqual([expect.objectContaining({ package_id: 'meet-basic', subscriber_id: s.customers[0].id, service_type: 'meet' })]);
    expect(s.accounts).toEqual([expect.objectContaining({ id: view.accountId, account_key: accountKeyOf('lanbilling:42'), subscription_id: s.subscriptions[0].id, status: 'active' })]);
    const owner = s.users.find((u) => u.email === 'anna@muster.example')!;
    expect(s.accounts[0].users).toEqual([{ user_id: owner.id, owner: true, permissions: [] }]);
    expect(s.rooms.map((r) => [r.room_name, r.is_public, r.room_type, r.room_metadata.subsync_room_key])).toEqual([
      ['Besprechung', false, 'meet', 'main'],
      ['Lobby', true, 'meet', 'lobby'],
    ]);
    expect(view).toMatchObject({ externalId: 'lanbilling:42', customerEmail: 'anna@muster.example', accountName: 'Muster meetings', status: 'active', plan: 'meet-basic', owner: { userId: owner.id, email: 'anna@muster.example' } });
    expect(view.rooms.map((r) => r.url)).toEqual(s.rooms.map((r) => `${sim.url}/rooms/${r.id}/${r.slug}`));
  });

  it('links to a customer that already exists with the e-mail instead of creating one, and never removes it', async () => {
    sim.seed({ customers: [{ email: 'Anna@Muster.example', first_name: 'Anna', last_name: 'Muster', customer_type: 'business', company_name: 'Muster GmbH' }] });
    const seededId = state().customers[0].id;

    const linked = await platform.ensureCustomer(anna);
    const { customerLinked, account: view } = await platform.ensureAccount(account());

    expect(linked).toMatchObject({ linked: true, customer: { id: seededId, managedBySubsync: false } });
    expect(customerLinked).toBe(true);
    expect(view.customerId).toBe(seededId);
    expect(state().customers).toHaveLength(1);
    expect(await platform.removeAccount({ externalId: 'lanbilling:42', customerEmail: anna.email })).toEqual({ removed: true, customerRemoved: false });
    expect(state().customers.map((c) => c.id)).toEqual([seededId]);
  });

  it('makes another user the account’s one owner when billing names one', async () => {
    const { account: view } = await platform.ensureAccount(account({ owner: { email: 'it@muster.example', firstName: 'Ines', lastName: 'Tech' } }));

    const it = state().users.find((u) => u.email === 'it@muster.example')!;
    expect(view.owner).toEqual({ userId: it.id, email: 'it@muster.example' });
    expect(state().accounts[0].users.filter((a) => a.owner)).toEqual([expect.objectContaining({ user_id: it.id })]);
    expect(state().customers[0].users.filter((a) => a.owner).map((a) => a.user_id)).not.toContain(it.id);
  });

  it('is safe to repeat: a second run creates nothing, and a changed plan of rooms is applied exactly', async () => {
    const first = await platform.ensureAccount(account());
    sim.platform.rooms.set('customer-own', { ...structuredClone(state().rooms[0]), id: 'customer-own', room_name: 'Made by the customer', room_metadata: {} });
    const eventsBefore = state().events.length;

    const again = await platform.ensureAccount(account());
    expect(again.created).toBe(false);
    expect(again.account.accountId).toBe(first.account.accountId);
    expect(state().events.length).toBe(eventsBefore);

    const changed = await platform.ensureAccount(account({ rooms: [{ key: 'main', name: 'Besprechungsraum', isPublic: true }, { key: 'training', name: 'Schulung' }] }));
    expect(changed.account.rooms.map((r) => [r.key, r.name, r.isPublic]).sort()).toEqual([
      ['main', 'Besprechungsraum', true],
      ['training', 'Schulung', false],
      [undefined, 'Made by the customer', false],
    ].sort());
    expect(state().subscriptions).toHaveLength(1);
    expect(state().accounts).toHaveLength(1);
  });

  it('puts two billing accounts of one e-mail under one customer', async () => {
    await platform.ensureAccount(account());
    await platform.ensureAccount(account({ externalId: 'lanbilling:43', accountName: 'Second site', rooms: [{ key: 'main', name: 'Raum' }] }));

    expect(state().customers).toHaveLength(1);
    expect(state().accounts.map((a) => a.account_key).sort()).toEqual([accountKeyOf('lanbilling:42'), accountKeyOf('lanbilling:43')].sort());
    expect(new Set(state().accounts.map((a) => a.subscriber_id)).size).toBe(1);
  });

  it('refuses more rooms than the plan allows with a validation error naming the limit', async () => {
    const rooms = ['a', 'b', 'c', 'd'].map((key) => ({ key, name: `Room ${key}` }));

    const err = await failure(platform.ensureAccount(account({ rooms })));

    expect(err).toBeInstanceOf(PermanentError);
    expect(err).toMatchObject({ reason: 'validation', message: expect.stringContaining('max_rooms') });
    expect(state().rooms).toHaveLength(3);
  });

  it('suspends and resumes an account, once each', async () => {
    await platform.ensureAccount(account());

    expect((await platform.suspendAccount({ externalId: 'lanbilling:42' })).status).toBe('suspended');
    await platform.suspendAccount({ externalId: 'lanbilling:42' });
    expect(state().events.filter((e) => e.type === 'account.suspended')).toHaveLength(1);
    expect((await platform.resumeAccount({ externalId: 'lanbilling:42' })).status).toBe('active');
    expect(await failure(platform.suspendAccount({ externalId: 'lanbilling:99' }))).toMatchObject({ reason: 'not_found' });
  });

  it('removes the account, its subscription and rooms, and the customer subsync created with its last account', async () => {
    await platform.ensureAccount(account());
    await platform.ensureAccount(account({ externalId: 'lanbilling:43', rooms: [] }));

    expect(await platform.removeAccount({ externalId: 'lanbilling:42', customerEmail: anna.email })).toEqual({ removed: true, customerRemoved: false });
    expect(state().rooms).toHaveLength(0);
    expect(state().subscriptions).toHaveLength(1);
    expect(await platform.readAccount({ externalId: 'lanbilling:42' })).toBeUndefined();

    expect(await platform.removeAccount({ externalId: 'lanbilling:43', customerEmail: anna.email })).toEqual({ removed: true, customerRemoved: true });
    expect(state()).toMatchObject({ customers: [], accounts: [], subscriptions: [], rooms: [] });
    expect(await platform.removeAccount({ externalId: 'lanbilling:43', customerEmail: anna.email })).toEqual({ removed: false, customerRemoved: false });
  });
});

describe('API credentials', () => {
  it('renews the access token with the refresh token before it expires', async () => {
    await platform.health();
    expect(state().grants).toEqual({ client_credentials: 1, refresh_token: 0 });

    now += 500_000;
    await platform.health();
    expect(state().grants).toEqual({ client_credentials: 1, refresh_token: 0 });

    now += 50_000; // 50 s left of 600: within the 60 s margin
    await platform.health();
    expect(state().grants).toEqual({ client_credentials: 1, refresh_token: 1 });
  });

  it('gets a new token when the platform revokes the current one, without failing the call', async () => {
    await platform.health();
    sim.credentials.revokeTokens();

    await expect(platform.readAccount({ externalId: 'x' })).resolves.toBeUndefined();
    expect(state().grants.client_credentials).toBe(2);
  });

  it('answers an expired credential with PermanentError auth', async () => {
    const short = sim.createCredential({ name: 'short', permissions: VIDEO_RESELL_PERMISSIONS, expiresAt: START + 3_600_000 });
    const client = connect(short, { rotateBeforeDays: 0.001 });
    await client.health();

    now += 2 * 3_600_000;
    const err = await failure(client.health());

    expect(err).toBeInstanceOf(PermanentError);
    expect(err).toMatchObject({ reason: 'auth', message: expect.stringContaining(`"${short.clientId}" was refused`) });
  });

  it('answers a credential without the permission with PermanentError auth (HTTP 403)', async () => {
    const readOnly = sim.createCredential({ name: 'read only', permissions: ['read-customers', 'read-accounts'], expiresAt: START + 30 * DAY });

    const err = await failure(connect(readOnly).ensureAccount(account()));

    expect(err).toMatchObject({ reason: 'auth', message: expect.stringContaining('HTTP 403') });
    expect(state().customers).toHaveLength(0);
  });

  it('rotates the credential before it expires, keeps the new secret in the store, and the old one stops after the grace period', async () => {
    const expiring = sim.createCredential({ name: 'expiring', permissions: VIDEO_RESELL_PERMISSIONS, expiresAt: START + 5 * DAY });
    const store = new MemoryCredentialStore();

    await connect(expiring, { store }).ensureAccount(account());

    const saved = await store.load();
    expect(saved?.clientId).toBe(expiring.clientId);
    expect(saved?.clientSecret).not.toBe(expiring.clientSecret);
    expect(Date.parse(saved!.expiresAt!)).toBe(START + 90 * DAY);
    expect(state().credentials.find((c) => c.id === expiring.clientId)).toMatchObject({ rotated: true, expiresAt: new Date(START + 90 * DAY).toISOString() });
    expect(logLines.some((l) => l.includes('API credential rotated'))).toBe(true);

    // Past the grace period the configured (old) secret is refused; a worker with the store uses the new one.
    now += 2 * 3_600_000;
    expect(await failure(connect(expiring, { rotateBeforeDays: 1 }).health())).toMatchObject({ reason: 'auth' });
    await expect(connect(expiring, { store, rotateBeforeDays: 1 }).health()).resolves.toBeUndefined();
  });

  it('never writes a secret or token into a log line, also when errors are logged', async () => {
    const expiring = sim.createCredential({ name: 'logged', permissions: VIDEO_RESELL_PERMISSIONS, expiresAt: START + 2 * DAY });
    const store = new MemoryCredentialStore();
    const client = connect(expiring, { store });
    await client.ensureAccount(account());
    now += 600_000;
    await client.suspendAccount({ externalId: 'lanbilling:42' });
    const refused = await failure(connect({ clientId: expiring.clientId, clientSecret: 'wrong-secret-123' }).health());
    const forbidden = await failure(connect(sim.createCredential({ name: 'none', permissions: [], expiresAt: START + DAY })).ensureAccount(account()));
    logger.error({ err: refused }, 'token refused');
    logger.error({ err: forbidden }, 'forbidden');

    const secrets = [expiring.clientSecret, (await store.load())!.clientSecret, DEFAULT_VIDEO_RESELL_CREDENTIAL.clientSecret, 'wrong-secret-123', ...sim.credentials.issuedTokens()];
    expect(sim.credentials.issuedTokens().length).toBeGreaterThan(2);
    expect(logLines.length).toBeGreaterThan(3);
    for (const line of logLines) for (const secret of secrets) expect(line).not.toContain(secret);
  });
});

describe('failures', () => {
  it('maps a closed port, 5xx and a timeout to TransientError', async () => {
    await sim.faults.add({ kind: 'status', status: 502, operation: 'token', times: 1 });
    expect(await failure(platform.health())).toBeInstanceOf(TransientError);

    await sim.faults.add({ kind: 'status', status: 503, operation: 'listAccounts', times: 1 });
    expect(await failure(platform.readAccount({ externalId: 'x' }))).toBeInstanceOf(TransientError);

    await sim.faults.add({ kind: 'timeout', times: 1 });
    expect(await failure(connect(DEFAULT_VIDEO_RESELL_CREDENTIAL, { timeoutMs: 200 }).health())).toBeInstanceOf(TransientError);

    await sim.faults.add({ kind: 'down' });
    expect(await failure(platform.health())).toBeInstanceOf(TransientError);
    await sim.faults.clear();
    await expect(platform.health()).resolves.toBeUndefined();
  });

  it('maps 429 to RateLimitedError with the Retry-After', async () => {
    await platform.health();
    await sim.faults.add({ kind: 'rate_limit', retryAfterSeconds: 30, times: 1 });

    const err = await failure(platform.readAccount({ externalId: 'x' }));

    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).retryAfterMs).toBe(30_000);
  });

  it('refuses bad input before sending anything, naming the field', async () => {
    sim.faults.requests.length = 0;
    const err = await failure(platform.ensureAccount(account({ customer: { ...anna, country: 'Germany' } })));
    expect(err).toMatchObject({ reason: 'validation', message: expect.stringContaining('customer.country') });
    expect(sim.faults.requests).toHaveLength(0);
  });
});
