import { PermanentError, RateLimitedError, TransientError } from '../../connectors/errors';
import type { ConnectorDefinition } from '../../connectors/ports';
import { createLogger } from '../../runtime/logger';
import { createTvSimulator, TvSimulator } from '../../simulators/tv';
import type { TvPlatform, TvSubscriberState } from '../../connectors/tv/port';

/**
 * The contract every TV connector must pass, run against the TV simulator playing that
 * platform's flavour over a real socket. A test file calls describeTvContract once per platform
 * (describe.each); platform-specific behaviour gets its own tests beside it.
 */
export interface TvContractTarget {
  /** The simulator flavour that plays the platform. */
  flavour: string;
  /** Any config type: each connector has its own. */
  connector: ConnectorDefinition<any, TvPlatform>;
  /** Config (before parsing) pointing the connector at the simulator with its credentials. */
  config(sim: TvSimulator): Record<string, unknown>;
  /** The same, with credentials the platform refuses. */
  badCredentials(sim: TvSimulator): Record<string, unknown>;
}

const LOGIN = 'joao.silva@isp';
const NEIGHBOUR = 'maria.souza@isp';

export function describeTvContract(target: TvContractTarget): void {
  const logger = createLogger({ level: 'silent' });
  let sim: TvSimulator;
  let tv: TvPlatform;
  let n = 0;
  const key = () => `${target.flavour}-key-${++n}`;
  const connect = (config: Record<string, unknown>) => target.connector.create(`tv-${target.flavour}`, target.connector.configSchema.parse(config), { logger });
  const events = (type: string) => sim.state().events.filter((e) => e.type === type);
  const packages = (kind: 'base' | 'extra') => sim.state().packages.filter((p) => p.kind === kind).map((p) => p.code);
  const ensure = () => tv.ensureSubscriber({ login: LOGIN, name: 'João da Silva', externalId: 'isp-integrator:1001', idempotencyKey: key() });

  beforeAll(async () => {
    sim = createTvSimulator({ flavour: target.flavour });
    await sim.start();
    tv = connect(target.config(sim));
  });
  afterAll(() => sim.stop());
  beforeEach(async () => {
    await sim.faults.clear();
    sim.reset();
  });

  it('creates the subscriber, then links to it by login on the second call', async () => {
    const first = await ensure();
    expect(first.linked).toBe(false);
    expect(first.subscriberId).not.toBe('');
    const second = await ensure();
    expect(second).toEqual({ ...first, linked: true });
    expect(sim.state().subscribers).toHaveLength(1);
    expect(events('subscriber.created')).toHaveLength(1);
    const state = await tv.read({ login: LOGIN });
    expect(state).toMatchObject({ subscriberId: first.subscriberId, login: LOGIN, status: 'active', extraPackages: [], devices: [] });
    expect(state?.pin).toBe(first.pin);
  });

  it('links to a subscriber the platform already had', async () => {
    sim.seed({ subscribers: [{ login: LOGIN, basePackage: packages('base')[0] }] });
    const result = await ensure();
    expect(result.linked).toBe(true);
    expect(events('subscriber.created')).toHaveLength(0);
    expect((await tv.read({ login: LOGIN }))?.basePackage).toBe(packages('base')[0]);
  });

  it('creates with no look-up when told the login is absent; a login taken meanwhile is linked, not created twice', async () => {
    await tv.read({ login: NEIGHBOUR }); // opens any session the platform keeps
    sim.faults.requests.splice(0);
    const created = await tv.ensureSubscriber({ login: LOGIN, name: 'João da Silva', externalId: 'isp-integrator:1001', idempotencyKey: key(), absent: true });
    expect(sim.faults.requests.map((r) => r.operation)).toEqual(['createSubscriber']);
    expect(created.linked).toBe(false);
    expect(created.state).toEqual(await tv.read({ login: LOGIN }));

    sim.seed({ subscribers: [{ login: NEIGHBOUR }] });
    const raced = await tv.ensureSubscriber({ login: NEIGHBOUR, externalId: 'isp-integrator:1002', idempotencyKey: key(), absent: true });
    expect(raced.linked).toBe(true);
    expect(raced.state).toEqual(await tv.read({ login: NEIGHBOUR }));
    expect(events('subscriber.created')).toHaveLength(1);
  });

  it('reads null for a login the platform does not have', async () => {
    await expect(tv.read({ login: 'nobody@isp' })).resolves.toBeNull();
  });

  it('sets and changes the base package; setting the current one again is a no-op', async () => {
    const [basic, top] = packages('base');
    await ensure();
    await tv.setBasePackage({ login: LOGIN, packageCode: basic, idempotencyKey: key() });
    expect((await tv.read({ login: LOGIN }))?.basePackage).toBe(basic);
    await tv.setBasePackage({ login: LOGIN, packageCode: top, idempotencyKey: key() });
    await tv.setBasePackage({ login: LOGIN, packageCode: top, idempotencyKey: key() });
    expect((await tv.read({ login: LOGIN }))?.basePackage).toBe(top);
    expect(events('package.base_set')).toHaveLength(2);
  });

  it('adds and removes extra packages, each idempotently', async () => {
    const [first, second] = packages('extra');
    await ensure();
    await tv.addExtraPackage({ login: LOGIN, packageCode: first, idempotencyKey: key() });
    await tv.addExtraPackage({ login: LOGIN, packageCode: second, idempotencyKey: key() });
    await tv.addExtraPackage({ login: LOGIN, packageCode: first, idempotencyKey: key() });
    expect((await tv.read({ login: LOGIN }))?.extraPackages.sort()).toEqual([first, second].sort());
    await tv.removeExtraPackage({ login: LOGIN, packageCode: first, idempotencyKey: key() });
    await tv.removeExtraPackage({ login: LOGIN, packageCode: first, idempotencyKey: key() });
    expect((await tv.read({ login: LOGIN }))?.extraPackages).toEqual([second]);
    expect(events('package.added')).toHaveLength(2);
    expect(events('package.removed')).toHaveLength(1);
  });

  it('refuses an unknown package as not_found and a package of the wrong kind as validation', async () => {
    await ensure();
    await expect(tv.setBasePackage({ login: LOGIN, packageCode: 'NAO-EXISTE', idempotencyKey: key() })).rejects.toMatchObject({ kind: 'permanent', reason: 'not_found' });
    await expect(tv.addExtraPackage({ login: LOGIN, packageCode: 'NAO-EXISTE', idempotencyKey: key() })).rejects.toMatchObject({ kind: 'permanent', reason: 'not_found' });
    await expect(tv.setBasePackage({ login: LOGIN, packageCode: packages('extra')[0], idempotencyKey: key() })).rejects.toMatchObject({ kind: 'permanent', reason: 'validation' });
    expect((await tv.read({ login: LOGIN }))?.basePackage).toBeUndefined();
  });

  if (!target.connector.features?.devices) {
    it('has no set-top points: every device operation is rejected without a call', async () => {
      expect(tv.supportsDevices).toBe(false);
      await ensure();
      const before = sim.faults.requests.length;
      const attempts = [
        tv.bindDevice({ login: LOGIN, casn: 'CASN-0001', idempotencyKey: key() }),
        tv.unbindDevice({ login: LOGIN, casn: 'CASN-0001', idempotencyKey: key() }),
        tv.swapDevice({ login: LOGIN, oldCasn: 'CASN-0001', newCasn: 'CASN-0002', idempotencyKey: key() }),
      ];
      for (const attempt of attempts) {
        await expect(attempt).rejects.toBeInstanceOf(PermanentError);
        await expect(attempt).rejects.toMatchObject({ reason: 'rejected', message: expect.stringMatching(/has no set-top points/) });
      }
      expect(sim.faults.requests.length).toBe(before);
    });
  } else {
    it('binds, relocates, swaps and unbinds set-top boxes, each idempotently', async () => {
      expect(tv.supportsDevices).toBe(true);
      await ensure();
      await tv.bindDevice({ login: LOGIN, casn: 'CASN-0001', location: 'Sala', idempotencyKey: key() });
      await tv.bindDevice({ login: LOGIN, casn: 'CASN-0002', idempotencyKey: key() });
      await tv.bindDevice({ login: LOGIN, casn: 'CASN-0001', location: 'Sala', idempotencyKey: key() });
      expect((await tv.read({ login: LOGIN }))?.devices).toEqual([{ casn: 'CASN-0001', location: 'Sala' }, { casn: 'CASN-0002' }]);

      await tv.bindDevice({ login: LOGIN, casn: 'CASN-0002', location: 'Quarto', idempotencyKey: key() });
      await tv.swapDevice({ login: LOGIN, oldCasn: 'CASN-0001', newCasn: 'CASN-0003', idempotencyKey: key() });
      await tv.swapDevice({ login: LOGIN, oldCasn: 'CASN-0001', newCasn: 'CASN-0003', idempotencyKey: key() });
      const devices = (await tv.read({ login: LOGIN }))?.devices ?? [];
      expect(devices).toHaveLength(2);
      expect(devices).toEqual(expect.arrayContaining([{ casn: 'CASN-0003', location: 'Sala' }, { casn: 'CASN-0002', location: 'Quarto' }]));

      await tv.unbindDevice({ login: LOGIN, casn: 'CASN-0002', idempotencyKey: key() });
      await tv.unbindDevice({ login: LOGIN, casn: 'CASN-0002', idempotencyKey: key() });
      expect((await tv.read({ login: LOGIN }))?.devices).toEqual([{ casn: 'CASN-0003', location: 'Sala' }]);
      expect(events('device.bound').length).toBeGreaterThanOrEqual(2);
      expect(events('device.unbound').length + events('device.swapped').length).toBeGreaterThanOrEqual(2);
    });

    it('refuses a box bound to another subscriber as conflict, and a swap from a box it does not have as not_found', async () => {
      sim.seed({ subscribers: [{ login: NEIGHBOUR, devices: [{ casn: 'CASN-9999', location: 'Sala' }] }] });
      await ensure();
      await expect(tv.bindDevice({ login: LOGIN, casn: 'CASN-9999', idempotencyKey: key() })).rejects.toMatchObject({ kind: 'permanent', reason: 'conflict' });
      await expect(tv.swapDevice({ login: LOGIN, oldCasn: 'CASN-4040', newCasn: 'CASN-4041', idempotencyKey: key() })).rejects.toMatchObject({ kind: 'permanent', reason: 'not_found' });
      expect(sim.state().subscribers.find((s) => s.login === NEIGHBOUR)?.devices).toEqual([{ casn: 'CASN-9999', location: 'Sala' }]);
    });
  }

  it('suspends and resumes, idempotently', async () => {
    await ensure();
    await tv.suspend({ login: LOGIN, idempotencyKey: key() });
    await tv.suspend({ login: LOGIN, idempotencyKey: key() });
    expect((await tv.read({ login: LOGIN }))?.status).toBe('suspended');
    await tv.resume({ login: LOGIN, idempotencyKey: key() });
    await tv.resume({ login: LOGIN, idempotencyKey: key() });
    expect((await tv.read({ login: LOGIN }))?.status).toBe('active');
    expect(events('subscriber.suspended')).toHaveLength(1);
    expect(events('subscriber.resumed')).toHaveLength(1);
  });

  it('removes the subscriber; removing again succeeds; other writes then fail with not_found', async () => {
    await ensure();
    await tv.remove({ login: LOGIN, idempotencyKey: key() });
    await expect(tv.read({ login: LOGIN })).resolves.toBeNull();
    await tv.remove({ login: LOGIN, idempotencyKey: key() });
    expect(events('subscriber.removed')).toHaveLength(1);
    await expect(tv.setBasePackage({ login: LOGIN, packageCode: packages('base')[0], idempotencyKey: key() })).rejects.toMatchObject({ kind: 'permanent', reason: 'not_found' });
  });

  it('writes at the id a read found without a look-up, and at the login\'s new id once that one is gone', async () => {
    const [basic, top] = packages('base');
    await ensure();
    await tv.setBasePackage({ login: LOGIN, packageCode: basic, idempotencyKey: key() }); // warms any catalog or token
    const read = await tv.read({ login: LOGIN });
    const requestsOf = async (write: () => Promise<unknown>) => {
      sim.faults.requests.splice(0);
      await write();
      return sim.faults.requests.length;
    };
    const lookedUp = await requestsOf(() => tv.setBasePackage({ login: LOGIN, packageCode: top, idempotencyKey: key() }));
    const addressed = await requestsOf(() => tv.setBasePackage({ login: LOGIN, subscriberId: read?.subscriberId, packageCode: basic, idempotencyKey: key() }));
    expect(addressed).toBe(lookedUp - 1);
    expect((await tv.read({ login: LOGIN }))?.basePackage).toBe(basic);

    // Removed and created again meanwhile: the old id is gone (or, where the login addresses, still right).
    await tv.remove({ login: LOGIN, subscriberId: read?.subscriberId, idempotencyKey: key() });
    await expect(tv.read({ login: LOGIN })).resolves.toBeNull();
    await ensure();
    await tv.setBasePackage({ login: LOGIN, subscriberId: read?.subscriberId, packageCode: top, idempotencyKey: key() });
    expect((await tv.read({ login: LOGIN }))?.basePackage).toBe(top);
    await tv.suspend({ login: LOGIN, subscriberId: read?.subscriberId, idempotencyKey: key() });
    expect((await tv.read({ login: LOGIN }))?.status).toBe('suspended');
    expect(sim.state().subscribers).toHaveLength(1);
  });

  it('answers a write, where its answer carries the subscriber, with what a read shows right after it', async () => {
    const [basic] = packages('base');
    const [extra] = packages('extra');
    await ensure();
    const writes: [string, () => Promise<TvSubscriberState | undefined>][] = [
      ['setBasePackage', () => tv.setBasePackage({ login: LOGIN, packageCode: basic, idempotencyKey: key() })],
      ['addExtraPackage', () => tv.addExtraPackage({ login: LOGIN, packageCode: extra, idempotencyKey: key() })],
      ['suspend', () => tv.suspend({ login: LOGIN, idempotencyKey: key() })],
      ['resume', () => tv.resume({ login: LOGIN, idempotencyKey: key() })],
      ['removeExtraPackage', () => tv.removeExtraPackage({ login: LOGIN, packageCode: extra, idempotencyKey: key() })],
    ];
    if (tv.supportsDevices) {
      writes.push(
        ['bindDevice', () => tv.bindDevice({ login: LOGIN, casn: 'CASN-0101', location: 'Sala', idempotencyKey: key() })],
        ['swapDevice', () => tv.swapDevice({ login: LOGIN, oldCasn: 'CASN-0101', newCasn: 'CASN-0102', idempotencyKey: key() })],
        ['unbindDevice', () => tv.unbindDevice({ login: LOGIN, casn: 'CASN-0102', idempotencyKey: key() })],
      );
    }
    const answered: string[] = [];
    for (const [name, write] of writes) {
      const answer = await write();
      if (answer === undefined) continue;
      answered.push(name);
      expect({ name, state: answer }).toEqual({ name, state: await tv.read({ login: LOGIN }) });
    }
    // Every platform's status call answers with the subscriber (the TV kind then needs no read-back).
    expect(answered).toEqual(expect.arrayContaining(['suspend', 'resume']));
  });

  it('honours the idempotency key: the same write twice has one effect', async () => {
    await ensure();
    const k = key();
    await tv.addExtraPackage({ login: LOGIN, packageCode: packages('extra')[0], idempotencyKey: k });
    await tv.removeExtraPackage({ login: LOGIN, packageCode: packages('extra')[0], idempotencyKey: key() });
    // A late retry of the first add must not add the package back.
    await tv.addExtraPackage({ login: LOGIN, packageCode: packages('extra')[0], idempotencyKey: k });
    expect(events('package.added')).toHaveLength(1);
    expect((await tv.read({ login: LOGIN }))?.extraPackages).toEqual([]);
    expect(sim.state().idempotency.replays).toBe(1);
  });

  it('validates input before calling the platform, and maps the platform refusing a login to validation', async () => {
    const before = sim.faults.requests.length;
    await expect(tv.ensureSubscriber({ login: ' ', externalId: 'x', idempotencyKey: key() })).rejects.toMatchObject({ kind: 'permanent', reason: 'validation', message: expect.stringMatching(/login/) });
    await expect(tv.setBasePackage({ login: LOGIN, packageCode: '', idempotencyKey: key() })).rejects.toMatchObject({ reason: 'validation' });
    expect(sim.faults.requests.length).toBe(before);
    await expect(tv.ensureSubscriber({ login: 'joão silva', externalId: 'x', idempotencyKey: key() })).rejects.toMatchObject({ kind: 'permanent', reason: 'validation' });
    expect(sim.state().subscribers).toHaveLength(0);
  });

  it('reports health, and a platform that is down', async () => {
    await expect(tv.health()).resolves.toBeUndefined();
    await sim.faults.add({ kind: 'down' });
    await expect(tv.health()).rejects.toBeInstanceOf(TransientError);
  });

  describe('errors', () => {
    it('5xx → TransientError', async () => {
      await sim.faults.add({ kind: 'status', status: 503 });
      await expect(tv.read({ login: LOGIN })).rejects.toBeInstanceOf(TransientError);
    });

    it('connection refused → TransientError; the next call after recovery works', async () => {
      await sim.faults.add({ kind: 'down' });
      // Let the client notice its pooled keep-alive sockets were closed (else: ECONNRESET, also transient).
      await new Promise((resolve) => setTimeout(resolve, 20));
      await expect(tv.read({ login: LOGIN })).rejects.toMatchObject({ kind: 'transient', message: expect.stringMatching(/ECONNREFUSED/) });
      await sim.faults.clear();
      await expect(tv.read({ login: LOGIN })).resolves.toBeNull();
    });

    it('timeout → TransientError', async () => {
      const impatient = connect({ ...target.config(sim), timeoutMs: 250 });
      await sim.faults.add({ kind: 'timeout', operation: 'findSubscriber' });
      await expect(impatient.read({ login: LOGIN })).rejects.toBeInstanceOf(TransientError);
    });

    it('429 → RateLimitedError with the Retry-After delay', async () => {
      await sim.faults.add({ kind: 'rate_limit', retryAfterSeconds: 7 });
      const err = await tv.read({ login: LOGIN }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RateLimitedError);
      expect((err as RateLimitedError).retryAfterMs).toBe(7000);
    });

    it('an operation the platform rejects (4xx) → PermanentError; nothing changes', async () => {
      await ensure();
      await sim.faults.add({ kind: 'fault', operation: 'setBasePackage', status: 422, code: 'Rejected', message: 'package locked by the operator' });
      await expect(tv.setBasePackage({ login: LOGIN, packageCode: packages('base')[0], idempotencyKey: key() })).rejects.toBeInstanceOf(PermanentError);
      expect(events('package.base_set')).toHaveLength(0);
    });

    it('a malformed answer → PermanentError naming the field', async () => {
      await sim.faults.add({ kind: 'fault', operation: 'findSubscriber', status: 200 });
      await expect(tv.read({ login: LOGIN })).rejects.toMatchObject({ kind: 'permanent', reason: 'rejected', message: expect.stringMatching(/field "[^"]+"/) });
    });

    it('credentials the platform refuses → PermanentError auth', async () => {
      const intruder = connect(target.badCredentials(sim));
      await expect(intruder.read({ login: LOGIN })).rejects.toMatchObject({ kind: 'permanent', reason: 'auth' });
      await expect(intruder.ensureSubscriber({ login: LOGIN, externalId: 'x', idempotencyKey: key() })).rejects.toMatchObject({ reason: 'auth' });
      expect(sim.state().subscribers).toHaveLength(0);
    });
  });
}
