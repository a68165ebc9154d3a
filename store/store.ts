import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { MikroORM, Options, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { LibSqlDriver } from '@mikro-orm/libsql';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { AuditEntry, AuditEntrySchema, entities, InboxEvent, InboxEventSchema, LedgerEntry, LedgerEntrySchema, Link, LinkSchema, WatchCursorSchema } from './entities';
import { Migration20261121000000_initial } from './migrations/Migration20261121000000_initial';
import { Migration20261201000000_audit_once } from './migrations/Migration20261201000000_audit_once';

const migrationsList = [
  { name: 'Migration20261121000000_initial', class: Migration20261121000000_initial },
  { name: 'Migration20261201000000_audit_once', class: Migration20261201000000_audit_once },
];

/** `sqlite:<file>` (or a bare path) → SQLite via libsql; `postgres://…` → PostgreSQL. */
export function ormOptions(databaseUrl: string): Options {
  const common = { entities, extensions: [Migrator], migrations: { migrationsList, transactional: true, silent: true }, allowGlobalContext: false, debug: false, discovery: { warnWhenNoEntities: false } };
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
  private constructor(readonly orm: MikroORM) {}

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
  async recordInbox(event: { id: string; subscriberId: string; type: string; payload: Record<string, unknown> }): Promise<{ outcome: InboxOutcome; delivered: boolean }> {
    const em = this.orm.em.fork();
    const hash = payloadHash(event.payload);
    const existing = await em.findOne(InboxEventSchema, { id: event.id });
    if (existing) return { outcome: existing.payloadHash === hash ? 'duplicate' : 'conflict', delivered: !!existing.deliveredAt };
    try {
      em.create(InboxEventSchema, { ...event, payloadHash: hash, receivedAt: new Date(), deliveredAt: null });
      await em.flush();
      return { outcome: 'new', delivered: false };
    } catch (err) {
      if (err instanceof UniqueConstraintViolationException) return this.recordInbox(event);
      throw err;
    }
  }

  async markDelivered(id: string): Promise<void> {
    await this.orm.em.fork().nativeUpdate(InboxEventSchema, { id }, { deliveredAt: new Date() });
  }

  /** Whether an older event of this subscriber still waits for delivery (then a newer one must wait behind it). */
  async hasUndeliveredBefore(subscriberId: string, id: string): Promise<boolean> {
    const em = this.orm.em.fork();
    const self = await em.findOne(InboxEventSchema, { id });
    if (!self) return false;
    return (await em.count(InboxEventSchema, { subscriberId, deliveredAt: null, receivedAt: { $lt: self.receivedAt } })) > 0;
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

  async ledger(subscriberId: string): Promise<LedgerEntry[]> {
    return this.orm.em.fork().find(LedgerEntrySchema, { subscriberId }, { orderBy: { createdAt: 'asc', period: 'asc' } });
  }

  /**
   * Records an audit row once per (subscriber, event, action, round): a retried activity that
   * already wrote it writes nothing. False when the row was already there.
   */
  async audit(entry: Omit<AuditEntry, 'id' | 'at'>): Promise<boolean> {
    try {
      await this.orm.em.fork().insert(AuditEntrySchema, { ...entry, round: entry.round ?? 1, at: new Date() });
      return true;
    } catch (err) {
      if (err instanceof UniqueConstraintViolationException) return false;
      throw err;
    }
  }

  async auditTrail(subscriberId: string, limit = 100): Promise<AuditEntry[]> {
    return this.orm.em.fork().find(AuditEntrySchema, { subscriberId }, { orderBy: { id: 'desc' }, limit });
  }

  async cursors(billing: string): Promise<Map<string, string>> {
    const rows = await this.orm.em.fork().find(WatchCursorSchema, { billing });
    return new Map(rows.map((r) => [r.account, r.fingerprint]));
  }

  async saveCursors(billing: string, changes: { account: string; fingerprint: string | null }[]): Promise<void> {
    if (changes.length === 0) return;
    const em = this.orm.em.fork();
    await em.transactional(async (tx) => {
      for (const c of changes) {
        if (c.fingerprint === null) await tx.nativeDelete(WatchCursorSchema, { billing, account: c.account });
        else await tx.upsert(WatchCursorSchema, { billing, account: c.account, fingerprint: c.fingerprint, updatedAt: new Date() });
      }
    });
  }
}
