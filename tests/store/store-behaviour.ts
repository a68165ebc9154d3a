import { MikroORM } from '@mikro-orm/core';
import { isUnstorableValue, ormOptions, Store, UnstorableValueError } from '../../store/store';
import { outboxBehaviour } from './outbox-behaviour';

/** A database for one suite run: a URL `Store.open` accepts, and how to throw it away. */
export interface TestDatabase {
  url: string;
  stop(): Promise<void>;
}

const INITIAL_MIGRATION = 'Migration20261121000000_initial';
const MIGRATIONS = [INITIAL_MIGRATION, 'Migration20261201000000_api_credentials', 'Migration20261201000001_usage_summaries', 'Migration20261201000002_outbox', 'Migration20261202000000_watch_cursor_digests', 'Migration20261203000000_audit_once'];

/**
 * The database as release 0.1 left it: the initial schema only, with the audit rows a crash left
 * behind (one command's `applied:` row written twice) beside an operator cycle that really repeated.
 */
async function writeAsRelease01(url: string): Promise<void> {
  const orm = await MikroORM.init(ormOptions(url));
  try {
    await orm.getMigrator().up({ to: INITIAL_MIGRATION });
    const rows: [string, string, string][] = [
      ['lanbilling:9', 'ev-9', 'applied:block'],
      ['lanbilling:9', 'ev-9', 'applied:block'],
      ['lanbilling:9', 'ev-10', 'parked'],
      ['lanbilling:9', 'ev-10', 'operator-retry'],
      ['lanbilling:9', 'ev-10', 'parked'],
    ];
    for (const [subscriber, event, action] of rows) {
      await orm.em.getConnection().execute('insert into audit (subscriber_id, event_id, action, detail, at) values (?, ?, ?, null, ?)', [subscriber, event, action, new Date()]);
    }
  } finally {
    await orm.close(true);
  }
}

export interface StoreBehaviourOptions {
  /** Setup starts a database server; give it room on a slow machine. */
  setupTimeoutMs?: number;
  /**
   * Whether the schema the migration leaves must equal what the entities describe, by MikroORM's
   * schema diff. Turn it off only with the reason in a comment.
   */
  schemaMatchesEntities?: boolean;
}

/**
 * The store's behaviours, run unchanged against every database subsync supports, so a
 * difference between SQLite and PostgreSQL shows up as a failing test here.
 */
export function describeStoreBehaviour(databaseName: string, createDatabase: () => Promise<TestDatabase>, options: StoreBehaviourOptions = {}): void {
  const { setupTimeoutMs = 60_000, schemaMatchesEntities = true } = options;
  describe(`Store on ${databaseName}`, () => {
    let database: TestDatabase;
    let store: Store;

    beforeAll(async () => {
      database = await createDatabase();
      await writeAsRelease01(database.url);
      store = await Store.open(database.url);
    }, setupTimeoutMs);

    afterAll(async () => {
      await store?.close();
      await database?.stop();
    }, setupTimeoutMs);

    it('records every migration as applied, in order', async () => {
      expect((await store.orm.getMigrator().getExecutedMigrations()).map((m) => m.name)).toEqual(MIGRATIONS);
    });

    it("drops a crash's second applied row and numbers repeated operator rounds when it upgrades", async () => {
      const trail = (await store.auditTrail('lanbilling:9')).reverse();
      expect(trail.map((a) => [a.eventId, a.action, a.round])).toEqual([
        ['ev-9', 'applied:block', 1],
        ['ev-10', 'parked', 1],
        ['ev-10', 'operator-retry', 1],
        ['ev-10', 'parked', 2],
      ]);
    });

    it('writes an audit row once per subscriber, event, action and round, however often it is retried', async () => {
      const entry = { subscriberId: 'lanbilling:5', eventId: 'ev-5', action: 'applied:block', detail: { status: 'blocked' } };
      expect(await store.audit(entry)).toBe(true);
      expect(await store.audit(entry)).toBe(false);
      expect(await store.audit({ ...entry, action: 'parked' })).toBe(true);
      expect(await store.audit({ ...entry, action: 'parked', round: 2 })).toBe(true);
      // Rows without an event (nothing to key them on) are all kept.
      expect(await store.audit({ subscriberId: 'lanbilling:5', eventId: null, action: 'note' })).toBe(true);
      expect(await store.audit({ subscriberId: 'lanbilling:5', eventId: null, action: 'note' })).toBe(true);
      const trail = (await store.auditTrail('lanbilling:5')).reverse();
      expect(trail.map((a) => [a.eventId, a.action, a.round])).toEqual([
        ['ev-5', 'applied:block', 1],
        ['ev-5', 'parked', 1],
        ['ev-5', 'parked', 2],
        [null, 'note', 1],
        [null, 'note', 1],
      ]);
    });

    it("numbers a person's repeated actions on one event, also when two come at once", async () => {
      const action = { subscriberId: 'lanbilling:6', eventId: 'ev-6', action: 'event.accepted', actor: 'hook (abc)', credentialId: 'abc' };
      await store.auditAction({ ...action, detail: { type: 'block' } });
      await Promise.all([store.auditAction({ ...action, detail: { type: 'unblock' } }), store.auditAction({ ...action, detail: null })]);
      const trail = (await store.auditTrail('lanbilling:6')).reverse();
      expect(trail.map((a) => [a.eventId, a.action, a.round, a.actor, a.credentialId])).toEqual([
        ['ev-6', 'event.accepted', 1, 'hook (abc)', 'abc'],
        ['ev-6', 'event.accepted', 2, 'hook (abc)', 'abc'],
        ['ev-6', 'event.accepted', 3, 'hook (abc)', 'abc'],
      ]);
      expect(trail.map((a) => a.detail)).toEqual([{ type: 'block' }, { type: 'unblock' }, null]);
      expect(trail.every((a) => a.at instanceof Date && Math.abs(a.at.getTime() - Date.now()) < 60_000)).toBe(true);
    });

    it('commits writes made at the same moment together, each with its own outcome; one bad write fails alone', async () => {
      const entry = { subscriberId: 'lanbilling:7', eventId: 'ev-7', action: 'applied:block' };
      const results = await Promise.allSettled([
        store.audit(entry),
        store.audit(entry),
        store.audit({ ...entry, action: 'applied:\u0000' }),
        store.recordInbox({ id: 'ev-7', subscriberId: 'lanbilling:7', type: 'block', payload: { type: 'block' } }),
        store.upsertLink({ subscriberId: 'lanbilling:7', platform: 'intercom', login: 'l7', profileId: 'p7', attachmentId: 'a7' }),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
      expect(results.slice(0, 2).map((r) => (r as PromiseFulfilledResult<boolean>).value)).toEqual([true, false]);
      expect(isUnstorableValue((results[2] as PromiseRejectedResult).reason) || (results[2] as PromiseRejectedResult).reason instanceof UnstorableValueError).toBe(true);
      expect((results[3] as PromiseFulfilledResult<unknown>).value).toEqual({ outcome: 'new', delivered: false });
      expect((await store.auditTrail('lanbilling:7')).map((a) => a.action)).toEqual(['applied:block']);
      expect((await store.links('lanbilling:7')).map((l) => l.login)).toEqual(['l7']);
      expect(await store.getInbox('ev-7')).toMatchObject({ subscriberId: 'lanbilling:7', deliveredAt: null });
    });

    it("never deadlocks the hot path's batched writes against the store's other writes", async () => {
      // The ORM's writes start at varying moments after a batched write: also while a batch's transaction is open.
      const writes: Promise<unknown>[] = [];
      for (let i = 0; i < 120; i++) {
        writes.push(store.recordInbox({ id: `ev-mix-${i}`, subscriberId: `lanbilling:${1000 + i}`, type: 'create', payload: { i } }));
        for (let k = 0; k < i % 4; k++) await new Promise((resolve) => setImmediate(resolve));
        writes.push(store.watch.record('lanbilling', String(1000 + i), null, { fingerprint: `f${i}`, changes: 1, checkedAt: new Date() }));
      }
      const results = await Promise.allSettled(writes);
      expect(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
      expect((await store.watch.page('lanbilling', ['1000', '1119'])).size).toBe(2);
      expect(await store.getInbox('ev-mix-119')).toMatchObject({ subscriberId: 'lanbilling:1119' });
    });

    (schemaMatchesEntities ? it : it.skip)('creates with its migration exactly the schema the entities describe', async () => {
      expect(await store.orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false })).toBe('');
    });

    it('records an event id once and tells a duplicate from a conflict', async () => {
      const e = { id: 'ev-1', subscriberId: 'lanbilling:1', type: 'block', payload: { type: 'block', reason: 'manager' } };
      expect(await store.recordInbox(e)).toEqual({ outcome: 'new', delivered: false });
      await store.markDelivered('ev-1');
      expect(await store.recordInbox(e)).toEqual({ outcome: 'duplicate', delivered: true });
      expect((await store.recordInbox({ ...e, payload: { type: 'block', reason: 'user' } })).outcome).toBe('conflict');
      expect((await store.getInbox('ev-1'))?.payload).toEqual({ type: 'block', reason: 'manager' });
    });

    it('accepts an event delivered twice at the same moment once', async () => {
      const e = { id: 'ev-race', subscriberId: 'lanbilling:2', type: 'activate', payload: { type: 'activate' } };
      const outcomes = await Promise.all([store.recordInbox(e), store.recordInbox(e)]);
      expect(outcomes.map((o) => o.outcome).sort()).toEqual(['duplicate', 'new']);
    });

    it('keeps one link per subscriber and platform', async () => {
      await store.upsertLink({ subscriberId: 'lanbilling:1', platform: 'intercom', login: 'ivanov', profileId: 'p1', attachmentId: 'a1' });
      await store.upsertLink({ subscriberId: 'lanbilling:1', platform: 'intercom', login: 'ivanov', profileId: 'p1', attachmentId: 'a2' });
      await store.upsertLink({ subscriberId: 'lanbilling:3', platform: 'intercom', login: 'ivanov', profileId: 'p1', attachmentId: 'a3' });
      const links = await store.links('lanbilling:1');
      expect(links).toHaveLength(1);
      expect(links[0].attachmentId).toBe('a2');
      expect((await store.linksByLogin('ivanov')).map((l) => l.subscriberId)).toEqual(['lanbilling:1', 'lanbilling:3']);
      await store.removeLink('lanbilling:1', 'intercom');
      expect(await store.links('lanbilling:1')).toHaveLength(0);
    });

    it('keeps one ledger row per idempotency key', async () => {
      const entry = { idempotencyKey: 'lanbilling:1:intercom:2026-11', subscriberId: 'lanbilling:1', service: 'intercom', period: '2026-11', amount: '150.00', status: 'insufficient_funds' as const };
      await store.recordCharge(entry);
      await store.recordCharge({ ...entry, status: 'charged', chargeId: 'pay-9' });
      const rows = await store.ledger('lanbilling:1');
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ status: 'charged', chargeId: 'pay-9' });
      expect(Number(rows[0].amount)).toBe(150);
    });

    it('records a page of usage charges at once and answers which keys it holds, in any number', async () => {
      const key = (n: number) => `usage:meeting:100001:${300000 + n}:2026-05`;
      const entries = Array.from({ length: 1200 }, (_, n) => ({ idempotencyKey: key(n), subscriberId: 'lanbilling:900', service: `meeting:usage:${300000 + n}`, period: '2026-05', amount: '1.25', status: n % 100 === 0 ? ('insufficient_funds' as const) : ('charged' as const), chargeId: null }));
      await store.recordCharges(entries);
      await store.recordCharges([{ ...entries[0], status: 'charged', chargeId: 'pay-1' }]);
      const found = await store.ledgerStatuses([...entries.map((e) => e.idempotencyKey), 'usage:meeting:100001:999999:2026-05']);
      expect(found.size).toBe(1200);
      expect([found.get(key(0)), found.get(key(100)), found.get(key(1199))]).toEqual(['charged', 'insufficient_funds', 'charged']);
      expect(found.has('usage:meeting:100001:999999:2026-05')).toBe(false);
    });

    it('keeps one usage summary per month, service and parent, the last run winning', async () => {
      const row = {
        id: '2026-05:meeting:100001', month: '2026-05', service: 'meeting', parent: '100001', billing: 'lanbilling', account: '900', agreement: '90', items: 10_000, sessions: 1_000_000, seconds: 1_828_668_259,
        amount: '15238910.14', charged: 10_000, chargedAmount: '15238910.14', existing: 0, existingAmount: '0.00', unpaid: 0, unpaidAmount: '0.00', zero: 0, failed: 0, error: null, workflowId: 'usage-billing:2026-05', finishedAt: new Date('2026-06-01T02:05:00Z'),
      };
      await store.saveUsageSummary(row);
      await store.saveUsageSummary({ ...row, charged: 0, chargedAmount: '0.00', existing: 10_000, existingAmount: '15238910.14', workflowId: 'usage-billing:2026-05:again' });
      await store.saveUsageSummary({ ...row, id: '2026-04:meeting:100001', month: '2026-04' });
      const rows = await store.usageSummaries('2026-05');
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ seconds: 1_828_668_259, sessions: 1_000_000, charged: 0, existing: 10_000, workflowId: 'usage-billing:2026-05:again', error: null });
      expect(Number(rows[0].existingAmount)).toBe(15238910.14);
    });

    it('records a change of a watched account once: compare-and-set on the change count', async () => {
      const at = new Date('2026-11-21T10:00:00Z');
      expect(await store.watch.record('lanbilling', '1', null, { fingerprint: 'a', changes: 1, digest: 'd1', seenPass: 'p1', checkedAt: at })).toBe(true);
      // A second first sighting (a hook's look racing the watcher) loses.
      expect(await store.watch.record('lanbilling', '1', null, { fingerprint: 'a', changes: 1, checkedAt: at })).toBe(false);
      // Two looks that both read change 1: one records change 2, the other is told to read again.
      const race = await Promise.all([
        store.watch.record('lanbilling', '1', 1, { fingerprint: 'b', changes: 2, checkedAt: at }),
        store.watch.record('lanbilling', '1', 1, { fingerprint: 'c', changes: 2, checkedAt: at }),
      ]);
      expect(race.sort()).toEqual([false, true]);
      const row = await store.watch.get('lanbilling', '1');
      // A full read alone keeps the digest and the pass the page read left.
      expect(row).toMatchObject({ account: '1', changes: 2, digest: 'd1', seenPass: 'p1' });
      expect(['b', 'c']).toContain(row!.fingerprint);
      expect(await store.watch.get('other-billing', '1')).toBeNull();
    });

    it('reads the cursors of one page, marks what a pass saw, and finds what it did not', async () => {
      const at = new Date('2026-11-21T10:00:00Z');
      for (const account of ['10', '11', '12']) await store.watch.record('pages', account, null, { fingerprint: `fp${account}`, changes: 1, digest: `d${account}`, seenPass: 'p1', checkedAt: at });
      const page = await store.watch.page('pages', ['10', '12', '99']);
      expect([...page.keys()].sort()).toEqual(['10', '12']);
      expect(page.get('12')).toMatchObject({ fingerprint: 'fp12', digest: 'd12', changes: 1 });

      await store.watch.markSeen('pages', ['10', '12'], 'p2');
      expect(await store.watch.unseen('pages', 'p2', 10)).toEqual(['11']);
      await store.watch.markGone('pages', '11');
      expect(await store.watch.unseen('pages', 'p2', 10)).toEqual([]);
      // Gone: no digest (a page showing it again makes the watcher look), its change count kept.
      expect(await store.watch.get('pages', '11')).toMatchObject({ seenPass: null, digest: null, changes: 1 });
      expect(await store.watch.count('pages')).toBe(2);

      await store.watch.touch('pages', '10', { digest: 'd10b', checkedAt: new Date('2026-11-21T11:00:00Z') });
      expect(await store.watch.get('pages', '10')).toMatchObject({ digest: 'd10b', fingerprint: 'fp10', changes: 1, seenPass: 'p2' });
    });

    it('gives the full sweep the accounts this pass saw that were read in full longest ago', async () => {
      const hour = (h: number) => new Date(Date.UTC(2026, 10, 21, h));
      await store.watch.record('sweep', 'a', null, { fingerprint: 'x', changes: 1, seenPass: 'p', checkedAt: hour(3) });
      await store.watch.record('sweep', 'b', null, { fingerprint: 'x', changes: 1, seenPass: 'p', checkedAt: hour(1) });
      await store.watch.record('sweep', 'c', null, { fingerprint: 'x', changes: 1, seenPass: 'p', checkedAt: hour(2) });
      await store.watch.record('sweep', 'd', null, { fingerprint: 'x', changes: 1, seenPass: 'old-pass', checkedAt: hour(0) });
      await store.watch.record('sweep', 'e', null, { fingerprint: 'x', changes: 1, seenPass: 'p', checkedAt: hour(9) });
      // Only accounts this pass saw, read before the pass started, oldest first.
      expect(await store.watch.stalest('sweep', 'p', hour(5), 10)).toEqual(['b', 'c', 'a']);
      expect(await store.watch.stalest('sweep', 'p', hour(5), 2)).toEqual(['b', 'c']);
      expect(await store.watch.stalest('sweep', 'p', hour(5), 0)).toEqual([]);
    });

    it('keeps an audit trail with structured details, newest first', async () => {
      await store.audit({ subscriberId: 'lanbilling:4', eventId: 'ev-4a', action: 'create', detail: { platform: 'intercom', apartments: [12] } });
      await store.audit({ subscriberId: 'lanbilling:4', eventId: null, action: 'block', detail: null });
      const trail = await store.auditTrail('lanbilling:4');
      expect(trail.map((a) => a.action)).toEqual(['block', 'create']);
      expect(trail[1].detail).toEqual({ platform: 'intercom', apartments: [12] });
    });

    it('opens an already migrated database without migrating again, keeping its data', async () => {
      const again = await Store.open(database.url);
      try {
        expect(await again.orm.getMigrator().getPendingMigrations()).toEqual([]);
        expect((await again.orm.getMigrator().getExecutedMigrations()).map((m) => m.name)).toEqual(MIGRATIONS);
        expect(await again.getInbox('ev-1')).toMatchObject({ subscriberId: 'lanbilling:1', type: 'block' });
      } finally {
        await again.close();
      }
    });

    outboxBehaviour(() => store);
  });
}
