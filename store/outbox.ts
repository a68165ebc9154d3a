import type { MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { FeedChange, OutgoingMessage } from '../domain/outbox';
import {
  ChangeFeedCursorSchema,
  DeliveryAttempt,
  DeliveryAttemptSchema,
  DeliveryStatus,
  NotificationEndpointSchema,
  NotificationEndpointState,
  OutboxDelivery,
  OutboxDeliverySchema,
  OutboxMessageRow,
  OutboxMessageSchema,
  ReceivedChangeSchema,
} from './outbox-entities';

/** A message built from changes, with the ids of the changes it covers. */
export type BuiltMessage = OutgoingMessage;

/** A delivery that is due, with its message. */
export interface DueDelivery {
  seq: number;
  attempts: number;
  retryStep: number;
  message: OutboxMessageRow;
}

/** What one attempt did to one delivery, written after a batch. */
export type DeliveryUpdate = { seq: number; attempt: number; at: Date; durationMs: number; status?: number } & (
  | { result: 'delivered'; receipt?: string }
  | { result: 'retry'; outcome: DeliveryAttempt['outcome']; error: string; nextAttemptAt: number; retryStep: number }
  | { result: 'failed'; outcome: DeliveryAttempt['outcome']; error: string; retryStep: number }
);

export interface EndpointBacklog {
  endpoint: string;
  pending: number;
  /** Pending whose next attempt time has come (waiting for a batch, or behind the endpoint's pause). */
  due: number;
  failed: number;
  delivered: number;
  oldestPendingAt?: Date;
}

export interface DeliveryView {
  endpoint: string;
  seq: number;
  messageId: string;
  type: string;
  orderKey: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt?: Date;
  lastAttemptAt?: Date | null;
  deliveredAt?: Date | null;
  lastStatus?: number | null;
  lastError?: string | null;
  createdAt: Date;
}

const CHUNK = 200;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/**
 * The outbox's queries: what the change-feed poller stores and what the delivery loop reads and
 * writes. Every statement binds its values; each call uses its own EntityManager fork.
 */
export class OutboxStore {
  constructor(private readonly orm: MikroORM) {}

  private em(): SqlEntityManager {
    return this.orm.em.fork() as unknown as SqlEntityManager;
  }

  /** A Date as the driver stores it (SQLite: epoch ms; PostgreSQL: timestamptz), for raw statements. */
  private date(em: SqlEntityManager, d: Date): unknown {
    return em.getPlatform().processDateProperty(d);
  }

  /**
   * A multi-row insert through knex's builder (values bound, one statement per chunk): the hot
   * paths write thousands of rows a second, and entity bookkeeping would cost more than the write.
   */
  private async insertRows(em: SqlEntityManager, table: string, rows: Record<string, unknown>[]): Promise<void> {
    for (const part of chunks(rows, 500)) await em.execute(em.getKnex().insert(part).into(table), [], 'run');
  }

  async cursor(source: string, feed: string): Promise<string | undefined> {
    return (await this.em().findOne(ChangeFeedCursorSchema, { source, feed }))?.cursor;
  }

  /** Changes received but not yet in a message (a transaction still open at the end of the last page), oldest first. */
  async heldChanges(source: string, feed: string): Promise<FeedChange[]> {
    const rows = await this.em().find(ReceivedChangeSchema, { source, feed, messageId: null }, { orderBy: { id: 'asc' } });
    return rows.map((r) => ({ changeId: r.changeId, type: r.type, at: r.occurredAt.toISOString(), data: r.data }));
  }

  /** The changes of a page not received before (a source may report one twice), in page order, each once. */
  async newChanges(source: string, changes: FeedChange[]): Promise<FeedChange[]> {
    const unique = [...new Map(changes.map((c) => [c.changeId, c])).values()];
    const em = this.em();
    const known = new Set<string>();
    for (const part of chunks(unique.map((c) => c.changeId), 500)) {
      const rows = await em.execute<{ change_id: string }[]>(`select change_id from received_changes where source = ? and change_id in (${marks(part.length)})`, [source, ...part], 'all');
      for (const r of rows) known.add(r.change_id);
    }
    return unique.filter((c) => !known.has(c.changeId));
  }

  /**
   * Stores one page in one transaction: the new changes as received, the messages built from them
   * (a message id stored before is not stored again), one pending delivery per message and
   * endpoint, and only then the cursor. A crash before the commit leaves everything as it was, so
   * the same page is read again and nothing is lost or stored twice.
   */
  async storePage(input: {
    source: string;
    feed: string;
    received: FeedChange[];
    messages: BuiltMessage[];
    endpoints: string[];
    nextCursor: string;
    now: Date;
  }): Promise<{ messages: number; deliveries: number; superseded: number }> {
    const { source, feed, now } = input;
    return this.em().transactional(async (tx) => {
      const em = tx as SqlEntityManager;
      // Each change names the message it went into; a held one (null) waits for the rest of its transaction.
      const messageOf = new Map<string, string>();
      for (const m of input.messages) for (const id of m.changeIds) messageOf.set(id, m.messageId);
      const receivedIds = new Set(input.received.map((c) => c.changeId));
      const receivedAt = this.date(em, now);
      await this.insertRows(
        em,
        'received_changes',
        input.received.map((c) => ({ source, feed, change_id: c.changeId, type: c.type, occurred_at: this.date(em, new Date(c.at)), data: JSON.stringify(c.data), received_at: receivedAt, message_id: messageOf.get(c.changeId) ?? null })),
      );
      // Changes held back by an earlier poll that a message now covers.
      const released = new Map<string, string[]>();
      for (const [changeId, messageId] of messageOf) if (!receivedIds.has(changeId)) released.set(messageId, [...(released.get(messageId) ?? []), changeId]);
      for (const [messageId, changeIds] of released) {
        for (const part of chunks(changeIds)) await em.nativeUpdate(ReceivedChangeSchema, { source, changeId: { $in: part } }, { messageId });
      }
      const messageIds = async (ids: string[]) => {
        const found = new Map<string, number>();
        for (const part of chunks(ids, 500)) {
          const rows = await em.execute<{ id: number | string; message_id: string }[]>(`select id, message_id from outbox_messages where message_id in (${marks(part.length)})`, part, 'all');
          for (const r of rows) found.set(r.message_id, Number(r.id));
        }
        return found;
      };
      const existing = await messageIds(input.messages.map((m) => m.messageId));
      const fresh = input.messages.filter((m) => !existing.has(m.messageId));
      const createdAt = this.date(em, now);
      await this.insertRows(
        em,
        'outbox_messages',
        fresh.map((m) => ({ message_id: m.messageId, source, feed, type: m.type, order_key: m.orderKey, occurred_at: this.date(em, new Date(m.occurredAt)), data: JSON.stringify(m.data), created_at: createdAt })),
      );
      // SQLite answers a multi-row insert with the last id only: read the ids back by message id.
      const ids = await messageIds(fresh.map((m) => m.messageId));
      const seqs = fresh.map((m) => ids.get(m.messageId)!);
      // The lowest new seq bounds what a superseding message replaces: everything stored before this page.
      let superseded = 0;
      const superseding = [...new Set(fresh.filter((m) => m.supersedesOlder).map((m) => m.orderKey))];
      if (superseding.length && seqs.length) {
        const first = Math.min(...seqs);
        for (const part of chunks(superseding)) {
          const res = await em.execute<{ affectedRows: number }>(
            `update outbox_deliveries set status = ? where status = ? and message_seq < ? and order_key in (${marks(part.length)})`,
            ['superseded', 'pending', first, ...part],
            'run',
          );
          superseded += res.affectedRows ?? 0;
        }
      }
      const deliveries: Record<string, unknown>[] = [];
      fresh.forEach((m, i) => {
        for (const endpoint of input.endpoints) {
          deliveries.push({ endpoint, message_seq: seqs[i]!, order_key: m.orderKey, status: 'pending', attempts: 0, retry_step: 0, next_attempt_at: now.getTime(), created_at: createdAt });
        }
      });
      await this.insertRows(em, 'outbox_deliveries', deliveries);
      await em.upsert(ChangeFeedCursorSchema, { source, feed, cursor: input.nextCursor, updatedAt: now });
      return { messages: fresh.length, deliveries: deliveries.length, superseded };
    });
  }

  // -------------------------------------------------------------------------------------------
  // Endpoints

  /** The endpoint's state, created (enabled, healthy) the first time it is asked for. */
  async endpoint(name: string): Promise<NotificationEndpointState> {
    const em = this.em();
    const found = await em.findOne(NotificationEndpointSchema, { name });
    if (found) return found;
    await em.upsert(NotificationEndpointSchema, { name, enabled: true, failureStreak: 0, pausedUntil: 0, updatedAt: new Date() }, { onConflictAction: 'ignore' });
    return (await this.em().findOne(NotificationEndpointSchema, { name }))!;
  }

  async endpoints(): Promise<NotificationEndpointState[]> {
    return this.em().find(NotificationEndpointSchema, {}, { orderBy: { name: 'asc' } });
  }

  async updateEndpoint(name: string, change: Partial<Omit<NotificationEndpointState, 'name' | 'updatedAt'>>): Promise<NotificationEndpointState> {
    await this.endpoint(name);
    await this.em().nativeUpdate(NotificationEndpointSchema, { name }, { ...change, updatedAt: new Date() });
    return (await this.em().findOne(NotificationEndpointSchema, { name }))!;
  }

  /** Enables an endpoint and forgets its trouble: its pending messages are tried at once. */
  async enableEndpoint(name: string): Promise<NotificationEndpointState> {
    return this.updateEndpoint(name, { enabled: true, disabledReason: null, disabledAt: null, failingSince: null, failureStreak: 0, pausedUntil: 0, alertedAt: null });
  }

  async disableEndpoint(name: string, reason: string): Promise<NotificationEndpointState> {
    return this.updateEndpoint(name, { enabled: false, disabledReason: reason, disabledAt: new Date() });
  }

  // -------------------------------------------------------------------------------------------
  // Delivery

  /**
   * Pending deliveries of one endpoint whose time has come, oldest first, at most `limit`. A
   * message whose key has an earlier message still waiting for a later retry is not due: per
   * key, messages reach the endpoint in order. Every earlier due message of a key is in the same
   * answer (it is older), so the caller delivers a key's messages one after another.
   */
  async dueDeliveries(endpoint: string, now: number, limit: number): Promise<DueDelivery[]> {
    const em = this.em();
    const rows = await em.execute<Record<string, unknown>[]>(
      `select d.message_seq, d.attempts, d.retry_step, m.message_id, m.source, m.feed, m.type, m.order_key, m.occurred_at, m.data, m.created_at
         from outbox_deliveries d join outbox_messages m on m.id = d.message_seq
        where d.endpoint = ? and d.status = ? and d.next_attempt_at <= ?
          and not exists (select 1 from outbox_deliveries e
                           where e.endpoint = d.endpoint and e.order_key = d.order_key and e.status = ?
                             and e.message_seq < d.message_seq and e.next_attempt_at > ?)
        order by d.message_seq limit ?`,
      [endpoint, 'pending', now, 'pending', now, limit],
      'all',
    );
    return rows.map((r) => ({
      seq: Number(r.message_seq),
      attempts: Number(r.attempts),
      retryStep: Number(r.retry_step),
      message: {
        id: Number(r.message_seq),
        messageId: String(r.message_id),
        source: String(r.source),
        feed: String(r.feed),
        type: String(r.type),
        orderKey: String(r.order_key),
        occurredAt: toDate(r.occurred_at)!,
        data: (typeof r.data === 'string' ? JSON.parse(r.data) : r.data) as Record<string, unknown>,
        createdAt: toDate(r.created_at)!,
      },
    }));
  }

  /**
   * When the endpoint's next pending delivery is due (epoch ms), or undefined when nothing is
   * pending. Only the first pending message of each key counts: the others wait for it.
   */
  async nextAttemptAt(endpoint: string): Promise<number | undefined> {
    const rows = await this.em().execute<{ next: number | string | null }[]>(
      `select min(d.next_attempt_at) as next from outbox_deliveries d
        where d.endpoint = ? and d.status = ?
          and not exists (select 1 from outbox_deliveries e
                           where e.endpoint = d.endpoint and e.order_key = d.order_key and e.status = ? and e.message_seq < d.message_seq)`,
      [endpoint, 'pending', 'pending'],
      'all',
    );
    const next = rows[0]?.next;
    return next === null || next === undefined ? undefined : Number(next);
  }

  /** Writes a batch's outcomes and the attempt log in one transaction. */
  async recordAttempts(endpoint: string, updates: DeliveryUpdate[]): Promise<void> {
    if (updates.length === 0) return;
    await this.em().transactional(async (tx) => {
      const em = tx as SqlEntityManager;
      const delivered = updates.filter((u): u is Extract<DeliveryUpdate, { result: 'delivered' }> => u.result === 'delivered');
      // Delivered ones share one statement per chunk; their attempt time differs by milliseconds only.
      for (const part of chunks(delivered, 500)) {
        const at = part[part.length - 1]!.at;
        await em.execute(
          `update outbox_deliveries set status = ?, attempts = attempts + 1, delivered_at = ?, last_attempt_at = ?, last_error = null
            where endpoint = ? and message_seq in (${marks(part.length)})`,
          ['delivered', this.date(em, at), this.date(em, at), endpoint, ...part.map((u) => u.seq)],
          'run',
        );
      }
      for (const u of updates) {
        if (u.result === 'delivered') continue;
        await em.execute(
          `update outbox_deliveries set status = ?, attempts = attempts + 1, retry_step = ?, next_attempt_at = ?, last_attempt_at = ?, last_status = ?, last_error = ?
            where endpoint = ? and message_seq = ?`,
          [u.result === 'failed' ? 'failed' : 'pending', u.retryStep, u.result === 'retry' ? u.nextAttemptAt : 0, this.date(em, u.at), u.status ?? null, u.error.slice(0, 2000), endpoint, u.seq],
          'run',
        );
      }
      await this.insertRows(
        em,
        'delivery_attempts',
        updates.map((u) => ({
          endpoint,
          message_seq: u.seq,
          attempt: u.attempt,
          at: this.date(em, u.at),
          duration_ms: Math.round(u.durationMs),
          outcome: u.result === 'delivered' ? 'delivered' : u.outcome,
          status_code: u.status ?? null,
          error: u.result === 'delivered' ? null : u.error.slice(0, 2000),
          receipt: u.result === 'delivered' ? (u.receipt?.slice(0, 200) ?? null) : null,
        })),
      );
    });
  }

  // -------------------------------------------------------------------------------------------
  // Operators

  async message(messageId: string): Promise<OutboxMessageRow | null> {
    return this.em().findOne(OutboxMessageSchema, { messageId });
  }

  async deliveriesOf(seq: number): Promise<OutboxDelivery[]> {
    return this.em().find(OutboxDeliverySchema, { messageSeq: seq }, { orderBy: { endpoint: 'asc' } });
  }

  async attemptsOf(seq: number, endpoint?: string): Promise<DeliveryAttempt[]> {
    return this.em().find(DeliveryAttemptSchema, { messageSeq: seq, ...(endpoint ? { endpoint } : {}) }, { orderBy: { id: 'asc' } });
  }

  /**
   * Delivers a message again (also one delivered before): its delivery to `endpoint` (or to every
   * endpoint that has one) is pending and due now, with the same message id. Returns the endpoints.
   */
  async resend(messageId: string, endpoint?: string): Promise<string[]> {
    const message = await this.message(messageId);
    if (!message) return [];
    const em = this.em();
    const where = { messageSeq: message.id!, ...(endpoint ? { endpoint } : {}) };
    const rows = await em.find(OutboxDeliverySchema, where);
    if (rows.length === 0) return [];
    await em.nativeUpdate(OutboxDeliverySchema, where, { status: 'pending', retryStep: 0, nextAttemptAt: Date.now() });
    return rows.map((r) => r.endpoint);
  }

  /** Every delivery of the endpoint that gave up, stored since `since`, is pending again and due now. */
  async recover(endpoint: string, since: Date): Promise<number> {
    return this.em().nativeUpdate(OutboxDeliverySchema, { endpoint, status: 'failed', createdAt: { $gte: since } }, { status: 'pending', retryStep: 0, nextAttemptAt: Date.now() });
  }

  /** Pending deliveries of each endpoint named (0 for one with none): one indexed count each, cheap enough for every scrape. */
  async pendingByEndpoint(endpoints: string[]): Promise<Record<string, number>> {
    const em = this.em();
    const counts: Record<string, number> = {};
    for (const endpoint of endpoints) counts[endpoint] = await em.count(OutboxDeliverySchema, { endpoint, status: 'pending' });
    return counts;
  }

  /** Per endpoint: pending (and how many are due), failed (gave up) and delivered counts. */
  async backlog(now = Date.now()): Promise<EndpointBacklog[]> {
    const em = this.em();
    const rows = await em.execute<{ endpoint: string; status: string; n: number | string; oldest: unknown; due: number | string | null }[]>(
      `select endpoint, status, count(*) as n, min(created_at) as oldest, sum(case when next_attempt_at <= ? then 1 else 0 end) as due
         from outbox_deliveries group by endpoint, status`,
      [now],
      'all',
    );
    const by = new Map<string, EndpointBacklog>();
    for (const r of rows) {
      const b = by.get(r.endpoint) ?? { endpoint: r.endpoint, pending: 0, due: 0, failed: 0, delivered: 0 };
      const n = Number(r.n);
      if (r.status === 'pending') {
        b.pending = n;
        b.due = Number(r.due ?? 0);
        b.oldestPendingAt = toDate(r.oldest);
      } else if (r.status === 'failed') b.failed = n;
      else if (r.status === 'delivered') b.delivered = n;
      by.set(r.endpoint, b);
    }
    return [...by.values()].sort((a, b) => a.endpoint.localeCompare(b.endpoint));
  }

  /** Deliveries of one status (newest first), for the backlog and failure lists. */
  async deliveries(filter: { endpoint?: string; status: DeliveryStatus; limit: number; since?: Date }): Promise<DeliveryView[]> {
    const em = this.em();
    const rows = await em.find(
      OutboxDeliverySchema,
      { status: filter.status, ...(filter.endpoint ? { endpoint: filter.endpoint } : {}), ...(filter.since ? { createdAt: { $gte: filter.since } } : {}) },
      { orderBy: { messageSeq: filter.status === 'pending' ? 'asc' : 'desc' }, limit: filter.limit },
    );
    const messages = new Map<number, Pick<OutboxMessageRow, 'messageId' | 'type'>>();
    for (const part of chunks([...new Set(rows.map((r) => r.messageSeq))], 500)) {
      for (const m of await em.find(OutboxMessageSchema, { id: { $in: part } }, { fields: ['id', 'messageId', 'type'] })) messages.set(m.id!, m);
    }
    return rows.map((r) => ({
      endpoint: r.endpoint,
      seq: r.messageSeq,
      messageId: messages.get(r.messageSeq)?.messageId ?? '',
      type: messages.get(r.messageSeq)?.type ?? '',
      orderKey: r.orderKey,
      status: r.status,
      attempts: r.attempts,
      nextAttemptAt: r.status === 'pending' ? new Date(r.nextAttemptAt) : undefined,
      lastAttemptAt: r.lastAttemptAt,
      deliveredAt: r.deliveredAt,
      lastStatus: r.lastStatus,
      lastError: r.lastError,
      createdAt: r.createdAt,
    }));
  }

  /** Received changes of one source in [from, to), counted by feed and type (the report's figures). */
  async changeCounts(source: string, from: Date, to: Date): Promise<{ feed: string; type: string; count: number }[]> {
    const em = this.em();
    const rows = await em.execute<{ feed: string; type: string; n: number | string }[]>(
      'select feed, type, count(*) as n from received_changes where source = ? and occurred_at >= ? and occurred_at < ? group by feed, type order by feed, type',
      [source, this.date(em, from), this.date(em, to)],
      'all',
    );
    return rows.map((r) => ({ feed: r.feed, type: r.type, count: Number(r.n) }));
  }

  /** Received changes of one source and feed in [from, to), oldest first (the report groups activation transactions). */
  async receivedChanges(source: string, feed: string, from: Date, to: Date): Promise<FeedChange[]> {
    const rows = await this.em().find(ReceivedChangeSchema, { source, feed, occurredAt: { $gte: from, $lt: to } }, { orderBy: { id: 'asc' } });
    return rows.map((r) => ({ changeId: r.changeId, type: r.type, at: r.occurredAt.toISOString(), data: r.data }));
  }
}

function toDate(v: unknown): Date | undefined {
  if (v === null || v === undefined) return undefined;
  if (v instanceof Date) return v;
  const n = Number(v);
  return new Date(Number.isFinite(n) ? n : String(v));
}
