import { PermanentError } from '../errors';
import { PackageCatalog } from './catalog';
import { LoginAddressedTvPlatform, RemoteSubscriber, TvOperations } from './platform';
import type { TvSubscriberState } from './port';

/** The port logic on its own, over scripted operations (connectors are tested against the simulator). */
function scripted(overrides: Partial<TvOperations<string>> = {}) {
  const calls: string[] = [];
  const record = (name: string) => async () => void calls.push(name);
  const ops: TvOperations<string> = {
    handleOf: (id) => `h${id}`,
    findByLogin: async () => null,
    create: async () => {
      throw new Error('not scripted');
    },
    setBasePackage: record('setBasePackage'),
    addExtraPackage: record('addExtraPackage'),
    removeExtraPackage: record('removeExtraPackage'),
    setStatus: record('setStatus'),
    remove: record('remove'),
    health: record('health'),
    devices: { bind: async (_h, casn) => void calls.push(`bind ${casn}`), unbind: async (_h, casn) => void calls.push(`unbind ${casn}`) },
    ...overrides,
  };
  return { tv: new LoginAddressedTvPlatform('fake', 'fake', 'Fake TV', ops), calls };
}

const state = (devices: TvSubscriberState['devices'] = []): TvSubscriberState => ({ subscriberId: '42', login: 'ana', status: 'active', extraPackages: [], devices });
const found = (s: TvSubscriberState): RemoteSubscriber<string> => ({ handle: 'h42', state: s });

describe('LoginAddressedTvPlatform', () => {
  it('links to the subscriber when create loses a race to another creator', async () => {
    let lookups = 0;
    const { tv } = scripted({
      findByLogin: async () => (lookups++ === 0 ? null : found(state())),
      create: async () => {
        throw new PermanentError('fake', 'createSubscriber', 'conflict', 'login taken');
      },
    });
    await expect(tv.ensureSubscriber({ login: 'ana', externalId: 'x', idempotencyKey: 'k' })).resolves.toEqual({ subscriberId: '42', linked: true, state: state() });
  });

  it('creates without a look-up when a read just found the login absent, and still links when it is taken', async () => {
    const lookups: string[] = [];
    const created = scripted({
      findByLogin: async (login) => (lookups.push(login), null),
      create: async () => ({ handle: 'h7', state: { ...state(), subscriberId: '7' } }),
    });
    await expect(created.tv.ensureSubscriber({ login: 'ana', externalId: 'x', idempotencyKey: 'k', absent: true })).resolves.toMatchObject({ subscriberId: '7', linked: false, state: { subscriberId: '7' } });
    expect(lookups).toEqual([]);

    const taken = scripted({
      findByLogin: async (login) => (lookups.push(login), found(state())),
      create: async () => {
        throw new PermanentError('fake', 'createSubscriber', 'conflict', 'login taken');
      },
    });
    await expect(taken.tv.ensureSubscriber({ login: 'ana', externalId: 'x', idempotencyKey: 'k', absent: true })).resolves.toEqual({ subscriberId: '42', linked: true, state: state() });
    expect(lookups).toEqual(['ana']);
  });

  it('keeps the conflict when the subscriber still cannot be found', async () => {
    const { tv } = scripted({
      create: async () => {
        throw new PermanentError('fake', 'createSubscriber', 'conflict', 'login taken');
      },
    });
    await expect(tv.ensureSubscriber({ login: 'ana', externalId: 'x', idempotencyKey: 'k' })).rejects.toMatchObject({ reason: 'conflict' });
  });

  it('treats a subscriber that vanished before the delete as removed', async () => {
    const { tv } = scripted({
      findByLogin: async () => found(state()),
      remove: async () => {
        throw new PermanentError('fake', 'removeSubscriber', 'not_found', 'gone');
      },
    });
    await expect(tv.remove({ login: 'ana', idempotencyKey: 'k' })).resolves.toBeUndefined();
  });

  it('swaps without a swap call: nothing to do when already swapped, not_found when neither box is there', async () => {
    const done = scripted({ findByLogin: async () => found(state([{ casn: 'NEW-1' }])) });
    await done.tv.swapDevice({ login: 'ana', oldCasn: 'OLD-1', newCasn: 'NEW-1', idempotencyKey: 'k' });
    expect(done.calls).toEqual([]);

    const neither = scripted({ findByLogin: async () => found(state([{ casn: 'OTHER-1' }])) });
    await expect(neither.tv.swapDevice({ login: 'ana', oldCasn: 'OLD-1', newCasn: 'NEW-1', idempotencyKey: 'k' })).rejects.toMatchObject({ reason: 'not_found' });

    const half = scripted({ findByLogin: async () => found(state([{ casn: 'OLD-1', location: 'Sala' }])) });
    await half.tv.swapDevice({ login: 'ana', oldCasn: 'OLD-1', newCasn: 'NEW-1', idempotencyKey: 'k' });
    expect(half.calls).toEqual(['bind NEW-1', 'unbind OLD-1']);
  });

  it('binds a box billing sent with an empty location as a box without one', async () => {
    const locations: (string | undefined)[] = [];
    const { tv } = scripted({
      findByLogin: async () => found(state()),
      devices: { bind: async (_h, _casn, location) => void locations.push(location), unbind: async () => undefined },
    });
    await tv.bindDevice({ login: 'ana', casn: 'CASN-0001', location: ' ', idempotencyKey: 'k' });
    expect(locations).toEqual([undefined]);
  });

  it('writes at the subscriber id a read just found, without looking the login up again', async () => {
    const lookups: string[] = [];
    const handles: string[] = [];
    const { tv } = scripted({
      findByLogin: async (login) => (lookups.push(login), found(state())),
      setStatus: async (handle) => void handles.push(handle),
      addExtraPackage: async (handle) => void handles.push(handle),
      remove: async (handle) => void handles.push(handle),
    });
    await tv.suspend({ login: 'ana', subscriberId: '42', idempotencyKey: 'k1' });
    await tv.addExtraPackage({ login: 'ana', subscriberId: '42', packageCode: 'HBO', idempotencyKey: 'k2' });
    await tv.remove({ login: 'ana', subscriberId: '42', idempotencyKey: 'k3' });
    expect(handles).toEqual(['h42', 'h42', 'h42']);
    expect(lookups).toEqual([]);

    await tv.resume({ login: 'ana', idempotencyKey: 'k4' });
    expect(lookups).toEqual(['ana']);
  });

  it('looks the login up when the id a read found is gone, and writes where the subscriber is now', async () => {
    const handles: string[] = [];
    const { tv } = scripted({
      findByLogin: async () => ({ handle: 'h77', state: { ...state(), subscriberId: '77' } }),
      setBasePackage: async (handle) => {
        handles.push(handle);
        if (handle === 'h42') throw new PermanentError('fake', 'setBasePackage', 'not_found', 'no subscriber 42');
      },
    });
    await tv.setBasePackage({ login: 'ana', subscriberId: '42', packageCode: 'BASICO', idempotencyKey: 'k' });
    expect(handles).toEqual(['h42', 'h77']);
  });

  it('keeps any other error of a write at a known id, and a gone id of a login nobody has is not_found', async () => {
    const rejecting = scripted({
      findByLogin: async () => found(state()),
      setStatus: async () => {
        throw new PermanentError('fake', 'setStatus', 'rejected', 'account locked');
      },
    });
    await expect(rejecting.tv.suspend({ login: 'ana', subscriberId: '42', idempotencyKey: 'k' })).rejects.toMatchObject({ reason: 'rejected' });

    const gone = scripted({
      setStatus: async () => {
        throw new PermanentError('fake', 'setStatus', 'not_found', 'no subscriber 42');
      },
      remove: async () => {
        throw new PermanentError('fake', 'removeSubscriber', 'not_found', 'no subscriber 42');
      },
    });
    await expect(gone.tv.suspend({ login: 'ana', subscriberId: '42', idempotencyKey: 'k' })).rejects.toMatchObject({ reason: 'not_found', message: expect.stringMatching(/no subscriber with login "ana"/) });
    await expect(gone.tv.remove({ login: 'ana', subscriberId: '42', idempotencyKey: 'k' })).resolves.toBeUndefined();
    await expect(gone.tv.suspend({ login: 'ana', subscriberId: ' ', idempotencyKey: 'k' })).rejects.toMatchObject({ reason: 'validation', message: expect.stringMatching(/subscriberId/) });
  });

  it('refuses a swap to the same box and writes for an unknown login', async () => {
    const { tv, calls } = scripted();
    await expect(tv.swapDevice({ login: 'ana', oldCasn: 'A-1', newCasn: 'A-1', idempotencyKey: 'k' })).rejects.toMatchObject({ reason: 'validation', message: expect.stringMatching(/newCasn/) });
    await expect(tv.suspend({ login: 'ana', idempotencyKey: 'k' })).rejects.toMatchObject({ reason: 'not_found', message: expect.stringMatching(/Fake TV has no subscriber with login "ana"/) });
    expect(calls).toEqual([]);
  });
});

describe('PackageCatalog', () => {
  it('reloads when stale or on a miss, and declares a code unknown only after a reload', async () => {
    let now = 0;
    let entries = [{ code: 'BASICO', id: 1 }];
    let loads = 0;
    const catalog = new PackageCatalog<number>('fake', async () => (loads++, entries), 1000, () => now);
    expect(await catalog.idOf('BASICO', 'op')).toBe(1);
    expect(await catalog.idOf('BASICO', 'op')).toBe(1);
    expect(loads).toBe(1);

    entries = [...entries, { code: 'HBO', id: 2 }];
    expect(await catalog.idOf('HBO', 'op')).toBe(2);
    expect(loads).toBe(2);

    await expect(catalog.idOf('NAO-EXISTE', 'op')).rejects.toMatchObject({ reason: 'not_found', message: expect.stringMatching(/NAO-EXISTE/) });
    expect(loads).toBe(3);
    expect(await catalog.codeOf(99)).toBe('99');

    entries = [{ code: 'BASICO', id: 10 }];
    now = 5000;
    expect(await catalog.idOf('BASICO', 'op')).toBe(10);
  });
});
