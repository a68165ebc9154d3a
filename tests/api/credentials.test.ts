import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CREDENTIAL_RECHECK_MS, CredentialError, CredentialRegistry } from '../../api/auth/credentials';
import { isUnstorableValue, Store } from '../../store/store';

/**
 * API credentials in the store: the key is shown once and only its hash is kept; rotate and
 * revoke take effect at once in the process that made them, and within CREDENTIAL_RECHECK_MS in an API
 * server when the CLI made them on the host, straight on the store.
 */

let dir: string;
let store: Store;
let registry: CredentialRegistry;
const inAnHour = () => new Date(Date.now() + 3_600_000);

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'subsync-cred-'));
  store = await Store.open(`sqlite:${path.join(dir, 'store.db')}`);
  registry = new CredentialRegistry(store);
});
afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('CredentialRegistry', () => {
  it('creates a credential whose key verifies, and keeps only the SHA-256 of its secret', async () => {
    const { credential, key } = await registry.create({ name: 'lanbilling-hooks', description: 'LANBilling hook scripts', permissions: [{ scope: 'events:write', billing: ['lanbilling'] }], expiresAt: inAnHour() }, 'cli:anna');

    expect(key).toMatch(new RegExp(`^ssk_${credential.id}_[A-Za-z0-9_-]{43}$`));
    const row = await store.credentialById(credential.id);
    const secret = key.slice(`ssk_${credential.id}_`.length);
    expect(row!.secretHash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(await registry.verify(key)).toEqual({ ok: true, credential: { id: credential.id, name: 'lanbilling-hooks', permissions: [{ scope: 'events:write', billing: ['lanbilling'] }] } });
    expect(JSON.stringify(await registry.list())).not.toContain(secret);
    expect(await store.auditTrail(`@credential:${credential.id}`)).toEqual([expect.objectContaining({ action: 'credential.create', actor: 'cli:anna' })]);
  });

  it('refuses a key that differs in one character of its secret, and ids nobody has', async () => {
    const { key } = await registry.create({ name: 'a', permissions: [{ scope: 'admin' }], expiresAt: inAnHour() }, 'test');
    const tampered = `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;

    expect(await registry.verify(tampered)).toMatchObject({ ok: false, problem: 'unknown' });
    expect(await registry.verify(`ssk_ffffffffffff_${key.slice(-43)}`)).toMatchObject({ ok: false, problem: 'unknown' });
    expect(await registry.verify('Bearer nonsense')).toMatchObject({ ok: false, problem: 'malformed' });
  });

  it('rotates: the old key stops working at once, the new one works', async () => {
    const { key: old } = await registry.create({ name: 'ops', permissions: [{ scope: 'parked:resolve' }], expiresAt: inAnHour() }, 'test');
    const { key: fresh, credential } = await registry.rotate('ops', 'cli:anna');

    expect((await registry.verify(old)).ok).toBe(false);
    expect((await registry.verify(fresh)).ok).toBe(true);
    expect(credential.rotatedAt).toBeInstanceOf(Date);
  });

  it('revokes for good, and lets an expired credential through no more', async () => {
    const { key } = await registry.create({ name: 'gone', permissions: [{ scope: 'admin' }], expiresAt: inAnHour() }, 'test');
    await registry.revoke('gone', 'cli:anna');
    const later = new CredentialRegistry(store, () => new Date(Date.now() + 2 * 3_600_000));
    const { key: short } = await registry.create({ name: 'short', permissions: [{ scope: 'admin' }], expiresAt: inAnHour() }, 'test');

    expect(await registry.verify(key)).toMatchObject({ ok: false, problem: 'revoked' });
    await expect(registry.rotate('gone', 'test')).rejects.toThrow(/revoked/);
    expect(await later.verify(short)).toMatchObject({ ok: false, problem: 'expired' });
    expect((await later.list()).map((c) => [c.name, c.state])).toEqual([
      ['gone', 'revoked'],
      ['short', 'expired'],
    ]);
  });

  describe('keys verified moments ago (read from the store at most every CREDENTIAL_RECHECK_MS)', () => {
    let clock: number;
    const at = () => new Date(clock);
    beforeEach(() => {
      clock = Date.now();
    });

    it('a revoke or rotate by another process (the CLI on the store) stops the key within the bound; one made here at once', async () => {
      const server = new CredentialRegistry(store, at);
      const cli = new CredentialRegistry(store, at);
      const { key: hooks } = await cli.create({ name: 'hooks', permissions: [{ scope: 'events:write' }], expiresAt: inAnHour() }, 'test');
      const { key: ops } = await cli.create({ name: 'ops', permissions: [{ scope: 'admin' }], expiresAt: inAnHour() }, 'test');
      const { key: here } = await cli.create({ name: 'here', permissions: [{ scope: 'admin' }], expiresAt: inAnHour() }, 'test');
      for (const key of [hooks, ops, here]) expect((await server.verify(key)).ok).toBe(true);

      await cli.revoke('hooks', 'cli:anna');
      await cli.rotate('ops', 'cli:anna');
      await server.revoke('here', 'test');
      clock += CREDENTIAL_RECHECK_MS - 1;
      // Within the bound the server may still take what it read; its own revoke counts at once.
      expect((await server.verify(hooks)).ok).toBe(true);
      expect(await server.verify(here)).toMatchObject({ ok: false, problem: 'revoked' });
      clock += 1;
      expect(await server.verify(hooks)).toMatchObject({ ok: false, problem: 'revoked' });
      expect(await server.verify(ops)).toMatchObject({ ok: false, problem: 'unknown' });
    });

    it('checks expiry on every request, also of a credential read a moment before', async () => {
      const server = new CredentialRegistry(store, at);
      const { key } = await server.create({ name: 'short', permissions: [{ scope: 'admin' }], expiresAt: new Date(clock + 1_000) }, 'test');
      expect((await server.verify(key)).ok).toBe(true);

      clock += 1_000;
      expect(await server.verify(key)).toMatchObject({ ok: false, problem: 'expired' });
    });

    it('still compares the secret of a credential read a moment before', async () => {
      const server = new CredentialRegistry(store, at);
      const { key } = await server.create({ name: 'a', permissions: [{ scope: 'admin' }], expiresAt: inAnHour() }, 'test');
      expect((await server.verify(key)).ok).toBe(true);

      expect(await server.verify(`${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`)).toMatchObject({ ok: false, problem: 'unknown' });
    });
  });

  it('refuses a name taken, an expiry in the past, no permission, and narrowing a scope other than events:write', async () => {
    await registry.create({ name: 'taken', permissions: [{ scope: 'admin' }], expiresAt: inAnHour() }, 'test');

    await expect(registry.create({ name: 'taken', permissions: [{ scope: 'admin' }], expiresAt: inAnHour() }, 'test')).rejects.toThrow('a credential named "taken" already exists');
    await expect(registry.create({ name: 'past', permissions: [{ scope: 'admin' }], expiresAt: new Date(Date.now() - 1000) }, 'test')).rejects.toThrow(/not in the future/);
    await expect(registry.create({ name: 'none', permissions: [], expiresAt: inAnHour() }, 'test')).rejects.toThrow(/at least one permission/);
    await expect(registry.create({ name: 'odd', permissions: [{ scope: 'stb:import', billing: ['isp-integrator'] }], expiresAt: inAnHour() }, 'test')).rejects.toThrow(/narrow events:write only/);
    await expect(registry.create({ name: 'Bad Name', permissions: [{ scope: 'admin' }], expiresAt: inAnHour() }, 'test')).rejects.toBeInstanceOf(CredentialError);
  });
});

describe('the store with hostile values', () => {
  it('keeps quotes, backslashes and SQL text exactly as given', async () => {
    const nasty = `7'); drop table audit; -- \\ "x" \u00e9\ud83d\ude00`;
    await store.recordInbox({ id: 'e-1', subscriberId: `lanbilling:${nasty}`, type: 'create', payload: { account: nasty } });

    expect(await store.getInbox('e-1')).toMatchObject({ subscriberId: `lanbilling:${nasty}`, payload: { account: nasty } });
    expect(await store.hasUndeliveredBefore(`lanbilling:${nasty}`, 'e-1')).toBe(false);
    expect(await store.auditTrail('x')).toEqual([]);
  });

  it('refuses a NUL character with a clear error before any SQL is built, and stays usable', async () => {
    const refused = await store.recordInbox({ id: 'e-2', subscriberId: 'lanbilling:1\u0000', type: 'create', payload: {} }).catch((e: unknown) => e);

    expect(isUnstorableValue(refused)).toBe(true);
    expect((refused as Error).message).toBe('a value holds a NUL character (U+0000), which the store cannot keep');
    await expect(store.links('lanbilling:1\u0000')).rejects.toThrow('a value holds a NUL character (U+0000)');
    expect(await store.links('lanbilling:1')).toEqual([]);
  });
});

describe('subsync credentials (on the store, as an operator on the host)', () => {
  const bin = path.resolve(__dirname, '../../bin/subsync');
  const run = (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
    const { DATABASE_URL: _db, SUBSYNC_API_KEY: _key, ...env } = process.env;
    return new Promise((resolve) => {
      execFile(bin, ['credentials', ...args], { cwd: '/', env: { ...env, DATABASE_URL: `sqlite:${path.join(dir, 'store.db')}`, SUBSYNC_OPERATOR: 'anna' }, timeout: 30_000 }, (err, stdout, stderr) =>
        resolve({ code: err ? Number((err as { code?: unknown }).code ?? 1) : 0, stdout, stderr }),
      );
    });
  };

  it('creates (printing the key once), lists (never the key), rotates and revokes', async () => {
    // The API server's registry; it reads a credential again at most CREDENTIAL_RECHECK_MS after it last did.
    let ahead = 0;
    const registry = new CredentialRegistry(store, () => new Date(Date.now() + ahead));
    const created = await run('create', '--name', 'lanbilling-hooks', '--description', 'hook scripts', '--scope', 'events:write', '--billing', 'lanbilling', '--event-types', 'block,unblock', '--expires', '30d');
    const key = /^(ssk_\S+)$/m.exec(created.stdout)?.[1];
    expect(created.code).toBe(0);
    expect(key).toBeDefined();
    expect(created.stdout).toMatch(/created credential lanbilling-hooks \([0-9a-f]{12}\), expires .*\n  events:write \(types block, unblock; billing lanbilling\)/);
    expect(await registry.verify(key!)).toMatchObject({ ok: true, credential: { name: 'lanbilling-hooks', permissions: [{ scope: 'events:write', eventTypes: ['block', 'unblock'], billing: ['lanbilling'] }] } });

    const listed = await run('list');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^NAME\s+ID\s+STATE\s+EXPIRES\s+LAST USED\s+PERMISSIONS\s+DESCRIPTION\nlanbilling-hooks\s+[0-9a-f]{12}\s+active\s+\d{4}-\d{2}-\d{2}\s+\S+\s+events:write \(types block, unblock; billing lanbilling\)\s+hook scripts\n$/);
    expect(listed.stdout).not.toContain(key!.slice(18));

    const rotated = await run('rotate', 'lanbilling-hooks');
    const fresh = /^(ssk_\S+)$/m.exec(rotated.stdout)?.[1];
    expect(rotated.code).toBe(0);
    expect(fresh).not.toBe(key);
    ahead += CREDENTIAL_RECHECK_MS;
    expect((await registry.verify(key!)).ok).toBe(false);
    expect((await registry.verify(fresh!)).ok).toBe(true);

    const revoked = await run('revoke', 'lanbilling-hooks');
    expect(revoked).toMatchObject({ code: 0, stdout: expect.stringMatching(/^revoked credential lanbilling-hooks/) });
    ahead += CREDENTIAL_RECHECK_MS;
    expect(await registry.verify(fresh!)).toMatchObject({ ok: false, problem: 'revoked' });
    const actions = (await store.auditTrail(`@credential:${(await registry.find('lanbilling-hooks'))!.id}`)).map((a) => [a.action, a.actor]);
    expect(actions).toEqual([
      ['credential.revoke', 'cli:anna'],
      ['credential.rotate', 'cli:anna'],
      ['credential.create', 'cli:anna'],
    ]);
  });

  it('exits 2 naming what is wrong: an unknown scope, narrowing without events:write, a taken name', async () => {
    const scope = await run('create', '--name', 'x', '--scope', 'everything');
    const narrow = await run('create', '--name', 'x', '--scope', 'subscribers:read', '--billing', 'lanbilling');
    await run('create', '--name', 'twice', '--scope', 'admin');
    const taken = await run('create', '--name', 'twice', '--scope', 'admin');

    expect(scope.code).toBe(2);
    expect(scope.stderr).toMatch(/unknown scope "everything"; scopes: events:write, subscribers:read/);
    expect(narrow.code).toBe(2);
    expect(narrow.stderr).toMatch(/--event-types and --billing narrow --scope events:write/);
    expect(taken).toMatchObject({ code: 2, stderr: 'subsync: a credential named "twice" already exists\n' });
  });
});

describe("npm start's demo credential", () => {
  it('is created once with its key kept in a 0600 file, reused on the next start, and re-keyed when the file is gone', async () => {
    const { ensureDemoCredential } = await import('../../api/auth/demo');
    const file = path.join(dir, 'demo-api-key');

    const first = await ensureDemoCredential(registry, file);
    const again = await ensureDemoCredential(registry, file);
    fs.rmSync(file);
    const rekeyed = await ensureDemoCredential(registry, file);

    expect(first).toMatchObject({ created: true, keyFile: file, key: expect.stringMatching(/^ssk_/) });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(again).toMatchObject({ created: false, key: first.key });
    expect(rekeyed.key).not.toBe(first.key);
    expect((await registry.verify(first.key!)).ok).toBe(false);
    expect(await registry.verify(rekeyed.key!)).toMatchObject({ ok: true, credential: { name: 'demo', permissions: [{ scope: 'admin' }] } });
    expect((await registry.list()).map((c) => c.name)).toEqual(['demo']);
  });
});
