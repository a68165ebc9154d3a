import { MikroORM, UniqueConstraintViolationException } from '@mikro-orm/core';
import { WatchCursor, WatchCursorSchema } from './entities';

/** What the watcher knows of one account. */
export type WatchCursorRow = Pick<WatchCursor, 'account' | 'fingerprint' | 'changes'> & { digest: string | null; seenPass: string | null; checkedAt: Date | null };

/** A recorded change, or a look that found none: the state the row is to hold afterwards. */
export interface CursorUpdate {
  fingerprint: string;
  changes: number;
  /** The page read's digest; absent keeps the stored one (a full read alone does not know it). */
  digest?: string | null;
  /** The pass that saw the account in billing's list; absent keeps the stored one. */
  seenPass?: string | null;
  checkedAt: Date;
}

const FIELDS = ['account', 'fingerprint', 'changes', 'digest', 'seenPass', 'checkedAt'] as const;

/**
 * The billing watcher's cursors, one row per billing account: read a page of rows at a time and
 * changed one row at a time, so the watcher's memory does not grow with the number of accounts.
 * A recorded change moves `changes` on by one, compare-and-set: the watcher and a hook's look
 * (`observe`) racing for one change cannot both count it.
 */
export class WatchCursors {
  constructor(private readonly orm: MikroORM) {}

  async get(billing: string, account: string): Promise<WatchCursorRow | null> {
    const row = await this.orm.em.fork().findOne(WatchCursorSchema, { billing, account }, { fields: [...FIELDS] });
    return row ? toRow(row) : null;
  }

  /** The rows of these accounts (one page of billing's list); accounts without a row are absent. */
  async page(billing: string, accounts: readonly string[]): Promise<Map<string, WatchCursorRow>> {
    if (accounts.length === 0) return new Map();
    const rows = await this.orm.em.fork().find(WatchCursorSchema, { billing, account: { $in: [...accounts] } }, { fields: [...FIELDS] });
    return new Map(rows.map((r) => [r.account, toRow(r)]));
  }

  /**
   * Records a change when the row still holds `expected` changes (null: no row yet). False when
   * someone else recorded one first: the caller reads the row again.
   */
  async record(billing: string, account: string, expected: number | null, next: CursorUpdate): Promise<boolean> {
    const em = this.orm.em.fork();
    const values = { ...definedOnly(next), fingerprint: next.fingerprint, changes: next.changes, updatedAt: new Date() };
    if (expected === null) {
      try {
        await em.insert(WatchCursorSchema, { billing, account, digest: null, seenPass: null, ...values });
        return true;
      } catch (err) {
        if (err instanceof UniqueConstraintViolationException) return false;
        throw err;
      }
    }
    return (await em.nativeUpdate(WatchCursorSchema, { billing, account, changes: expected }, values)) === 1;
  }

  /** A look that found no change: remembers the digest, the pass and when it was read in full. */
  async touch(billing: string, account: string, seen: { digest?: string | null; seenPass?: string | null; checkedAt?: Date }): Promise<void> {
    const values = definedOnly(seen);
    if (Object.keys(values).length === 0) return;
    await this.orm.em.fork().nativeUpdate(WatchCursorSchema, { billing, account }, values);
  }

  /** Marks the accounts of one page as seen in this pass (one statement). */
  async markSeen(billing: string, accounts: readonly string[], pass: string): Promise<void> {
    if (accounts.length === 0) return;
    await this.orm.em.fork().nativeUpdate(WatchCursorSchema, { billing, account: { $in: [...accounts] } }, { seenPass: pass });
  }

  /** Accounts known to be in billing's list that this pass did not see: gone from the list. */
  async unseen(billing: string, pass: string, limit: number): Promise<string[]> {
    const rows = await this.orm.em
      .fork()
      .find(WatchCursorSchema, { billing, seenPass: { $ne: null, $nin: [pass] } }, { fields: ['account'], orderBy: { account: 'asc' }, limit });
    return rows.map((r) => r.account);
  }

  /** The account left billing's list: no pass looks for it again until a page shows it anew. */
  async markGone(billing: string, account: string): Promise<void> {
    await this.orm.em.fork().nativeUpdate(WatchCursorSchema, { billing, account }, { seenPass: null, digest: null });
  }

  /** Accounts in billing's list read in full longest ago (never first), not since `before`: the full sweep's next slice. */
  async stalest(billing: string, pass: string, before: Date, limit: number): Promise<string[]> {
    if (limit <= 0) return [];
    const rows = await this.orm.em.fork().find(
      WatchCursorSchema,
      { billing, seenPass: pass, $or: [{ checkedAt: null }, { checkedAt: { $lt: before } }] },
      { fields: ['account'], orderBy: { checkedAt: 'asc nulls first', account: 'asc' }, limit },
    );
    return rows.map((r) => r.account);
  }

  /** Accounts this billing system's list showed at the last pass. */
  async count(billing: string): Promise<number> {
    return this.orm.em.fork().count(WatchCursorSchema, { billing, seenPass: { $ne: null } });
  }
}

function toRow(r: Pick<WatchCursor, (typeof FIELDS)[number]>): WatchCursorRow {
  return { account: r.account, fingerprint: r.fingerprint, changes: r.changes, digest: r.digest ?? null, seenPass: r.seenPass ?? null, checkedAt: r.checkedAt ?? null };
}

function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}
