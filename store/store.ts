import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { MikroORM, Options, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { LibSqlDriver } from '@mikro-orm/libsql';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
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
import { Migration20261121000000_initial } from './migrations/Migration20261121000000_initial';
import { Migration20261201000000_api_credentials } from './migrations/Migration20261201000000_api_credentials';
import { Migration20261201000001_usage_summaries } from './migrations/Migration20261201000001_usage_summaries';
import { Migration20261201000002_outbox } from './migrations/Migration20261201000002_outbox';
import { Migration20261202000000_watch_cursor_digests } from './migrations/Migration20261202000000_watch_cursor_digests';
import { Migration20261203000000_audit_once } from './migrations/Migration20261203000000_audit_once';
import { UsageSummaryRow, UsageSummarySchema } from './usage-summary';
import { WatchCursors } from './watch-cursors';
import { outboxEntities } from './outbox-entities';
import { OutboxStore } from './outbox';

const migrationsList = [
  { name: 'Migration20261121000000_initial', class: Migration20261121000000_initial },
  { name: 'Migration20261201000000_api_credentials', class: Migration20261201000000_api_credentials },
  { name: 'Migration20261201000001_usage_summaries', class: Migration20261201000001_usage_summaries },
  { name: 'Migration20261201000002_outbox', class: Migration20261201000002_outbox },
  { name: 'Migration20261202000000_watch_cursor_digests', class: Migration20261202000000_watch_cursor_digests },
  { name: 'Migration20261203000000_audit_once', class: Migration20261203000000_audit_once },
];
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

/** `sqlite:<file>` (or a bare path) → SQLite via libsql; `postgres://…` → PostgreSQL. */
export function ormOptions(databaseUrl: string): Options {
  const common = {
    entities: [...entities, UsageSummarySchema, ...outboxEntities],
    extensions: [Migrator],
    migrations: { migrationsList, transactional: true, silent: true },
    allowGlobalContext: false,
    debug: false,
    discovery: { warnWhenNoEntities: false },
    onQuery: refuseUnstorable,
  };
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return { ...common, driver: PostgreSqlDriver, clientUrl: databaseUrl } as Options;
  const file = databaseUrl.replace(/^(sqlite|file):(\/\/)?/, '');
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  return { ...common, driver: LibSqlDriver, dbName: file } as Options;
}

export type InboxOutcome = 'new' | 'duplicate' | 'conflict';

export function payloadHash(payload: unknown): string {
  return createHash('sha256').update(JSON.stringify(payload)).digest('hex');
}

/**
 * The store's operations. Each call uses its own EntityManager fork, so activities running
 * concurrently never share an identity map.
 */
export class Store {
  /** The billing watcher's cursors (store/watch-cursors.ts). */
  readonly watch: WatchCursors;
  /** The change-feed poller's and the outbox's tables (store/outbox.ts). */
  readonly outbox: OutboxStore;

  private constructor(readonly orm: MikroORM) {
    this.watch = new WatchCursors(orm);
    this.outbox = new OutboxStore(orm);
  }

  static async open(databaseUrl: string): Promise<Store> {
    const orm = await MikroORM.init(ormOptions(databaseUrl));
    if (!/^postgres/.test(databaseUrl)) {
      // WAL lets the API read while the worker writes; busy_timeout rides out short write locks.
      const conn = orm.em.getConnection();
      await conn.execute('pragma journal_mode = wal');
      await conn.execute('pragma busy_timeout = 5000');
    }
    await orm.getMigrator().up();
    return new Store(orm);
  }

  async close(): Promise<void> {
    await this.orm.close(true);
  }

  async health(): Promise<void> {
    await this.orm.em.fork().getConnection().execute('select 1');
  }

  /**
   * Records an event id once. The same id with the same payload is a duplicate (one effect);
   * the same id with a different payload is a conflict the caller must reject.
   */
  async recordInbox(event: { id: string; subscriberId: string; type: string; payload: Record<string, unknown>; submittedBy?: string | null }): Promise<{ outcome: InboxOutcome; delivered: boolean }> {
    const em = this.orm.em.fork();
    const hash = payloadHash(event.payload);
    try {
      // One statement for the common case (a new event); the id's unique key catches the rest.
      await em.insert(InboxEventSchema, { ...event, submittedBy: event.submittedBy ?? null, payloadHash: hash, receivedAt: new Date(), deliveredAt: null });
      return { outcome: 'new', delivered: false };
    } catch (err) {
      if (!(err instanceof UniqueConstraintViolationException)) throw err;
      const existing = await em.findOne(InboxEventSchema, { id: event.id });
      if (!existing) throw err;
      return { outcome: existing.payloadHash === hash ? 'duplicate' : 'conflict', delivered: !!existing.deliveredAt };
    }
  }

  async markDelivered(id: string): Promise<void> {
    await this.orm.em.fork().nativeUpdate(InboxEventSchema, { id }, { deliveredAt: new Date() });
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
    const em = this.orm.em.fork();
    await em.upsert(LinkSchema, { ...link, updatedAt: new Date() }, { onConflictFields: ['subscriberId', 'platform'] });
  }

  async removeLink(subscriberId: string, platform: string): Promise<void> {
    await this.orm.em.fork().nativeDelete(LinkSchema, { subscriberId, platform });
  }

  async links(subscriberId: string): Promise<Link[]> {
    return this.orm.em.fork().find(LinkSchema, { subscriberId }, { orderBy: { platform: 'asc' } });
  }

  async linksByLogin(login: string): Promise<Link[]> {
    return this.orm.em.fork().find(LinkSchema, { login }, { orderBy: { subscriberId: 'asc' } });
  }

  async recordCharge(entry: Omit<LedgerEntry, 'createdAt' | 'updatedAt'>): Promise<void> {
    const em = this.orm.em.fork();
    const now = new Date();
    await em.upsert(LedgerEntrySchema, { ...entry, createdAt: now, updatedAt: now }, { onConflictFields: ['idempotencyKey'], onConflictExcludeFields: ['createdAt'] });
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
    try {
      await this.orm.em.fork().insert(AuditEntrySchema, { actor: null, credentialId: null, ...entry, round: entry.round ?? 1, at: new Date() });
      return true;
    } catch (err) {
      if (err instanceof UniqueConstraintViolationException) return false;
      throw err;
    }
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
    // Two operators acting at the same moment race for one round: the loser takes the next.
    for (let attempt = 0; ; attempt++) {
      const [last] = await this.orm.em.fork().find(
        AuditEntrySchema,
        { subscriberId: entry.subscriberId, eventId: entry.eventId, action: entry.action },
        { orderBy: { round: 'desc' }, limit: 1, fields: ['round'] },
      );
      if (await this.audit({ ...entry, round: (last?.round ?? 0) + 1 })) return;
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
