import { MikroORM } from '@mikro-orm/core';
import { ormOptions, Store } from '../../store/store';

/** A database for one suite run: a URL `Store.open` accepts, and how to throw it away. */
export interface TestDatabase {
  url: string;
  stop(): Promise<void>;
}

const INITIAL_MIGRATION = 'Migration20261121000000_initial';
const MIGRATIONS = [INITIAL_MIGRATION, 'Migration20261201000000_audit_once'];

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

    it('records every migration as applied', async () => {
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

    it('saves and forgets watcher cursors', async () => {
      await store.saveCursors('lanbilling', [{ account: '1', fingerprint: 'a' }, { account: '2', fingerprint: 'b' }]);
      await store.saveCursors('lanbilling', [{ account: '1', fingerprint: null }, { account: '2', fingerprint: 'c' }]);
      expect([...(await store.cursors('lanbilling')).entries()]).toEqual([['2', 'c']]);
      expect((await store.cursors('other-billing')).size).toBe(0);
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
  });
}
