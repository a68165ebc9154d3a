import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { MigrationObject, MikroORM, Options } from '@mikro-orm/core';
import {
  ApiCredential,
  ApiCredentialSchema,
  AuditEntry,
  AuditEntrySchema,
  entities,
  InboxEvent,
  InboxEventSchema,
  LedgerEntry,
  LedgerEntrySchema,
  Link,
  LinkSchema,
} from './entities';
import { GroupCommit, ormWrites } from './group-commit';
import { UsageSummaryRow, UsageSummarySchema } from './usage-summary';
import { WatchCursors } from './watch-cursors';
import { outboxEntities } from './outbox-entities';
import { OutboxStore } from './outbox';

/**
 * The migrations in order, by name: each is the class of the same name in migrations/<name>.ts.
 * A class (and MikroORM's migrator with it) loads only when the migrator runs: a process whose
 * database is up to date carries neither.
 */
export const MIGRATIONS = [
  'Migration20261121000000_initial',
  'Migration20261201000000_api_credentials',
  'Migration20261201000001_usage_summaries',
  'Migration20261201000002_outbox',
  'Migration20261202000000_watch_cursor_digests',
  'Migration20261203000000_audit_once',
] as const;

const migrationsList: MigrationObject[] = MIGRATIONS.map((name) => ({
  name,
  get class(): MigrationObject['class'] {
    return (require(`./migrations/${name}`) as Record<string, MigrationObject['class']>)[name];
  },
}));

/** Where MikroORM's migrator records what it ran (its default table). */
const MIGRATIONS_TABLE = 'mikro_orm_migrations';
/** Keys per `in (...)` query: well under SQLite's limit on bound variables. */
const KEYS_PER_QUERY = 500;

/**
 * A value the store cannot keep. MikroORM 6 does not bind query parameters: it writes every value
 * into the SQL text as an escaped literal (by design, mikro-orm/mikro-orm#6829). Escaping keeps
 * quotes and backslashes harmless, but a NUL character ends SQLite's statement text (and
 * PostgreSQL's text type cannot hold one at all), so such a value is refused before any SQL is
 * built. The API refuses control characters at the door; this is the store's own guard.
 */
export class UnstorableValueError extends Error {
  override name = 'UnstorableValueError';
}
export const UNSTORABLE_VALUE = 'a value holds a NUL character (U+0000), which the store cannot keep';

/** MikroORM hands the error on wrapped in its DriverException: the message tells it. */
export function isUnstorableValue(err: unknown): boolean {
  return err instanceof Error && err.message === UNSTORABLE_VALUE;
}

function refuseUnstorable(sql: string, params: readonly unknown[]): string {
  for (const p of params) {
    if (typeof p === 'string' && p.includes('\u0000')) throw new UnstorableValueError(UNSTORABLE_VALUE);
  }
  return sql;
}

/** Waits of one SQLite connection for another's write lock. */
const SQLITE_BUSY_TIMEOUT_MS = 5000;

const isPostgres = (databaseUrl: string) => /^postgres(ql)?:\/\//.test(databaseUrl);
const sqliteFile = (databaseUrl: string) => databaseUrl.replace(/^(sqlite|file):(\/\/)?/, '');

/** `sqlite:<file>` (or a bare path) → SQLite via libsql; `postgres://…` → PostgreSQL. */
export function ormOptions(databaseUrl: string): Options {
  const common = {
    entities: [...entities, UsageSummarySchema, ...outboxEntities],
    // No `extensions: [Migrator]`: `orm.getMigrator()` loads @mikro-orm/migrations when first asked.
    migrations: { migrationsList, transactional: true, silent: true },
    allowGlobalContext: false,
    debug: false,
    discovery: { warnWhenNoEntities: false },
    onQuery: refuseUnstorable,
  };
  // Only the configured database's driver loads (each brings its own client library).
  if (isPostgres(databaseUrl)) {
    const { PostgreSqlDriver } = require('@mikro-orm/postgresql') as typeof import('@mikro-orm/postgresql');
    return { ...common, driver: PostgreSqlDriver, clientUrl: databaseUrl } as Options;
  }
  const { LibSqlDriver } = require('@mikro-orm/libsql') as typeof import('@mikro-orm/libsql');
  const file = sqliteFile(databaseUrl);
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  // The busy timeout on every connection: MikroORM replaces its SQLite connection every 10 s, and a pragma set once would go with it.
  return { ...common, driver: LibSqlDriver, dbName: file, driverOptions: { connection: { timeout: SQLITE_BUSY_TIMEOUT_MS } } } as Options;
}

/**
 * Whether the database lacks a migration this code knows, read from the migrator's own table
 * without loading the migrator. Any failure (a new database has no such table) says yes, and the
 * migrator then does its usual work and reports what is really wrong.
 */
async function hasPendingMigrations(orm: MikroORM): Promise<boolean> {
  try {
    const rows: { name: string }[] = await orm.em.getConnection().execute(`select name from ${MIGRATIONS_TABLE}`);
    const done = new Set(rows.map((r) => r.name));
    return MIGRATIONS.some((name) => !done.has(name));
  } catch {
    return true;
  }
}

export type InboxOutcome = 'new' | 'duplicate' | 'conflict';

export function payloadHash(payload: unknown): string {
  return createHash('sha256').update(JSON.stringify(payload)).digest('hex');
}

/**
 * The store's operations. Each call uses its own EntityManager fork, so activities running
 * concurrently never share an identity map. The writes every lifecycle command makes (inbox,
 * delivery mark, audit, links, ledger) are plain statements without the unit of work, and are
 * committed together with whatever else is written at the same moment (store/group-commit.ts).
 */
export class Store {
  /** The billing watcher's cursors (store/watch-cursors.ts). */
  readonly watch: WatchCursors;
  /** The change-feed poller's and the outbox's tables (store/outbox.ts). */
  readonly outbox: OutboxStore;
  private readonly writes: GroupCommit;

  private constructor(
    readonly orm: MikroORM,
    writes: GroupCommit,
  ) {
    this.watch = new WatchCursors(orm);
    this.outbox = new OutboxStore(orm);
    this.writes = writes;
  }

  /** A date as this database's datetime columns hold it (SQLite: epoch milliseconds). */
  private date(d: Date): unknown {
    return this.orm.em.getPlatform().processDateProperty(d);
  }

  static async open(databaseUrl: string): Promise<Store> {
    const orm = await MikroORM.init(ormOptions(databaseUrl));
    if (!isPostgres(databaseUrl)) {
      // WAL lets readers (the CLI, a second process) read while this process writes.
      await orm.em.getConnection().execute('pragma journal_mode = wal');
    }
    if (await hasPendingMigrations(orm)) await orm.getMigrator().up();
    return new Store(orm, new GroupCommit(ormWrites(orm)));
  }

  async close(): Promise<void> {
    await this.writes.close();
    await this.orm.close(true);
  }

  /** A write of the hot path, committed with whatever else is written at the same moment. */
  private write(sql: string, params: unknown[]): Promise<number> {
    refuseUnstorable(sql, params);
    return this.writes.run(sql, params);
  }

  async health(): Promise<void> {
    await this.orm.em.fork().getConnection().execute('select 1');
  }

  /**
   * Records an event id once. The same id with the same payload is a duplicate (one effect);
   * the same id with a different payload is a conflict the caller must reject.
   */
  async recordInbox(event: { id: string; subscriberId: string; type: string; payload: Record<string, unknown>; submittedBy?: string | null }): Promise<{ outcome: InboxOutcome; delivered: boolean }> {
    const hash = payloadHash(event.payload);
    // One statement for the common case (a new event); an id already there is looked at after.
    const inserted = await this.write(
      'insert into inbox_events (id, subscriber_id, type, payload_hash, payload, received_at, delivered_at, submitted_by) values (?, ?, ?, ?, ?, ?, null, ?) on conflict do nothing',
      [event.id, event.subscriberId, event.type, hash, JSON.stringify(event.payload), this.date(new Date()), event.submittedBy ?? null],
    );
    if (inserted > 0) return { outcome: 'new', delivered: false };
    const existing = await this.orm.em.fork().findOne(InboxEventSchema, { id: event.id }, { fields: ['payloadHash', 'deliveredAt'] });
    if (!existing) throw new Error(`inbox: event ${event.id} was neither inserted nor found`);
    return { outcome: existing.payloadHash === hash ? 'duplicate' : 'conflict', delivered: !!existing.deliveredAt };
  }

  async markDelivered(id: string): Promise<void> {
    await this.write('update inbox_events set delivered_at = ? where id = ?', [this.date(new Date()), id]);
  }

  /** Whether an older event of this subscriber still waits for delivery (then a newer one must wait behind it). */
  async hasUndeliveredBefore(subscriberId: string, id: string): Promise<boolean> {
    // One statement, its values bound: this runs for every event the API accepts.
    const rows = await this.orm.em.fork().getConnection().execute<{ n: number | string }[]>(
      'select count(*) as n from inbox_events where subscriber_id = ? and delivered_at is null and received_at < (select received_at from inbox_events where id = ?)',
      [subscriberId, id],
    );
    return Number(rows[0]?.n ?? 0) > 0;
  }

  /** Events accepted but not yet handed to Temporal, oldest first. */
  async undelivered(limit = 500): Promise<InboxEvent[]> {
    return this.orm.em.fork().find(InboxEventSchema, { deliveredAt: null }, { orderBy: { receivedAt: 'asc', id: 'asc' }, limit });
  }

  /** How many events wait for delivery and since when (the metrics' inbox backlog). */
  async inboxBacklog(): Promise<{ count: number; oldestReceivedAt: Date | null }> {
    const em = this.orm.em.fork();
    const count = await em.count(InboxEventSchema, { deliveredAt: null });
    if (count === 0) return { count, oldestReceivedAt: null };
    const oldest = await em.findOne(InboxEventSchema, { deliveredAt: null }, { orderBy: { receivedAt: 'asc' }, fields: ['receivedAt'] });
    return { count, oldestReceivedAt: oldest?.receivedAt ?? null };
  }

  async getInbox(id: string): Promise<InboxEvent | null> {
    return this.orm.em.fork().findOne(InboxEventSchema, { id });
  }

  async upsertLink(link: Omit<Link, 'id' | 'updatedAt'>): Promise<void> {
    await this.write(
      'insert into links (subscriber_id, platform, login, profile_id, attachment_id, updated_at) values (?, ?, ?, ?, ?, ?) ' +
        'on conflict (subscriber_id, platform) do update set login = excluded.login, profile_id = excluded.profile_id, attachment_id = excluded.attachment_id, updated_at = excluded.updated_at',
      [link.subscriberId, link.platform, link.login, link.profileId, link.attachmentId, this.date(new Date())],
    );
  }

  async removeLink(subscriberId: string, platform: string): Promise<void> {
    await this.write('delete from links where subscriber_id = ? and platform = ?', [subscriberId, platform]);
  }

  async links(subscriberId: string): Promise<Link[]> {
    return this.orm.em.fork().find(LinkSchema, { subscriberId }, { orderBy: { platform: 'asc' } });
  }

  async linksByLogin(login: string): Promise<Link[]> {
    return this.orm.em.fork().find(LinkSchema, { login }, { orderBy: { subscriberId: 'asc' } });
  }

  async recordCharge(entry: Omit<LedgerEntry, 'createdAt' | 'updatedAt'>): Promise<void> {
    const now = this.date(new Date());
    await this.write(
      'insert into ledger (idempotency_key, subscriber_id, service, period, amount, status, charge_id, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?) ' +
        'on conflict (idempotency_key) do update set subscriber_id = excluded.subscriber_id, service = excluded.service, period = excluded.period, amount = excluded.amount, ' +
        'status = excluded.status, charge_id = excluded.charge_id, updated_at = excluded.updated_at',
      [entry.idempotencyKey, entry.subscriberId, entry.service, entry.period, entry.amount, entry.status, entry.chargeId ?? null, now, now],
    );
  }

  /** The status of each of these idempotency keys the ledger has (keys it has not are absent). */
  async ledgerStatuses(keys: readonly string[]): Promise<Map<string, LedgerEntry['status']>> {
    const em = this.orm.em.fork();
    const found = new Map<string, LedgerEntry['status']>();
    for (let i = 0; i < keys.length; i += KEYS_PER_QUERY) {
      const rows = await em.find(LedgerEntrySchema, { idempotencyKey: { $in: keys.slice(i, i + KEYS_PER_QUERY) } }, { fields: ['idempotencyKey', 'status'] });
      for (const row of rows) found.set(row.idempotencyKey, row.status);
    }
    return found;
  }

  /** recordCharge for many entries in one transaction (a page of usage charges). */
  async recordCharges(entries: readonly Omit<LedgerEntry, 'createdAt' | 'updatedAt'>[]): Promise<void> {
    if (entries.length === 0) return;
    const now = new Date();
    await this.orm.em.fork().transactional(async (tx) => {
      for (const entry of entries) await tx.upsert(LedgerEntrySchema, { ...entry, createdAt: now, updatedAt: now }, { onConflictFields: ['idempotencyKey'], onConflictExcludeFields: ['createdAt'] });
    });
  }

  async saveUsageSummary(row: UsageSummaryRow): Promise<void> {
    await this.orm.em.fork().upsert(UsageSummarySchema, row, { onConflictFields: ['id'] });
  }

  async usageSummaries(month: string, service?: string): Promise<UsageSummaryRow[]> {
    return this.orm.em.fork().find(UsageSummarySchema, { month, ...(service === undefined ? {} : { service }) }, { orderBy: { service: 'asc', parent: 'asc' } });
  }

  async ledger(subscriberId: string): Promise<LedgerEntry[]> {
    return this.orm.em.fork().find(LedgerEntrySchema, { subscriberId }, { orderBy: { createdAt: 'asc', period: 'asc' } });
  }

  /**
   * Records an audit row once per (subscriber, event, action, round): a retried activity that
   * already wrote it writes nothing. False when the row was already there.
   */
  async audit(entry: Omit<AuditEntry, 'id' | 'at'>): Promise<boolean> {
    const inserted = await this.write(
      'insert into audit (subscriber_id, event_id, action, round, detail, actor, credential_id, at) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing',
      [entry.subscriberId, entry.eventId ?? null, entry.action, entry.round ?? 1, entry.detail == null ? null : JSON.stringify(entry.detail), entry.actor ?? null, entry.credentialId ?? null, this.date(new Date())],
    );
    return inserted > 0;
  }

  /**
   * Records an action a person took (an operator's retry or skip, a credential change): each one is
   * kept, so repeating an action on the same event (retried, parked again, retried again) takes the
   * next round instead of being taken for a retried activity's second write.
   */
  async auditAction(entry: Omit<AuditEntry, 'id' | 'at' | 'round'>): Promise<void> {
    if (entry.eventId === null) {
      await this.audit(entry);
      return;
    }
    // The next round is taken in the same statement. Two operators acting at the same moment on
    // PostgreSQL may both pick one round: the loser writes nothing and takes the next.
    for (let attempt = 0; ; attempt++) {
      const inserted = await this.write(
        'insert into audit (subscriber_id, event_id, action, round, detail, actor, credential_id, at) ' +
          'select ?, ?, ?, coalesce(max(round), 0) + 1, ?, ?, ?, ? from audit where subscriber_id = ? and event_id = ? and action = ? on conflict do nothing',
        [
          entry.subscriberId,
          entry.eventId ?? null,
          entry.action,
          entry.detail == null ? null : JSON.stringify(entry.detail),
          entry.actor ?? null,
          entry.credentialId ?? null,
          this.date(new Date()),
          entry.subscriberId,
          entry.eventId ?? null,
          entry.action,
        ],
      );
      if (inserted > 0) return;
      if (attempt >= 3) throw new Error(`audit: could not record ${entry.action} of ${entry.subscriberId} (event ${entry.eventId}): every round taken by concurrent writers`);
    }
  }

  /** Everything a credential did, newest first. */
  async auditByCredential(credentialId: string, limit = 100): Promise<AuditEntry[]> {
    return this.orm.em.fork().find(AuditEntrySchema, { credentialId }, { orderBy: { id: 'desc' }, limit });
  }

  async insertCredential(credential: ApiCredential): Promise<void> {
    const em = this.orm.em.fork();
    em.create(ApiCredentialSchema, credential);
    await em.flush();
  }

  async credentialById(id: string): Promise<ApiCredential | null> {
    return this.orm.em.fork().findOne(ApiCredentialSchema, { id });
  }

  async credentialByName(name: string): Promise<ApiCredential | null> {
    return this.orm.em.fork().findOne(ApiCredentialSchema, { name });
  }

  async listCredentials(): Promise<ApiCredential[]> {
    return this.orm.em.fork().find(ApiCredentialSchema, {}, { orderBy: { createdAt: 'asc', name: 'asc' } });
  }

  /** Changes some fields of a credential; false when there is none with that id. */
  async updateCredential(id: string, patch: Partial<Pick<ApiCredential, 'secretHash' | 'rotatedAt' | 'revokedAt' | 'lastUsedAt' | 'expiresAt'>>): Promise<boolean> {
    return (await this.orm.em.fork().nativeUpdate(ApiCredentialSchema, { id }, patch)) > 0;
  }

  async auditTrail(subscriberId: string, limit = 100): Promise<AuditEntry[]> {
    return this.orm.em.fork().find(AuditEntrySchema, { subscriberId }, { orderBy: { id: 'desc' }, limit });
  }
}
