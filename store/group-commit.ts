import type { MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';

/** One write statement (`?` placeholders) and its values. */
export interface Write {
  sql: string;
  params: readonly unknown[];
}

/** Where a batch of writes is committed. */
export interface WriteBackend {
  /** Runs the writes in one transaction: each one's changed rows, or a throw (and none of them kept). */
  transaction(batch: readonly Write[]): Promise<number[]>;
  close(): Promise<void>;
}

interface Pending extends Write {
  resolve(affectedRows: number): void;
  reject(err: unknown): void;
}

/**
 * Group commit: the writes the API and the activities make in one turn of the event loop, and
 * those made while a commit is under way, are committed together in one transaction, so one sync
 * of the journal covers all of them. Each caller's promise settles only once its own statement
 * is committed, so a caller that awaits it knows its row is durable, exactly as with a commit of
 * its own. Statements run in the order they were given, one batch at a time. Should the shared
 * transaction fail, each statement is tried again on its own, so one bad write fails only its caller.
 */
export class GroupCommit {
  private queue: Pending[] = [];
  private scheduled = false;
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly backend: WriteBackend) {}

  /** Runs one write statement; resolves with the rows it changed once it is committed. */
  run(sql: string, params: readonly unknown[]): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      this.queue.push({ sql, params, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      // After this turn's I/O callbacks, so the writes they make join; one batch commits at a time.
      setImmediate(() => {
        this.running = this.running.then(() => this.flush());
      });
    });
  }

  /** Waits for what is queued, then closes the backend. */
  async close(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    await this.running;
    await this.backend.close();
  }

  private async flush(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    this.scheduled = false;
    if (batch.length === 0) return;
    try {
      const changed = await this.backend.transaction(batch);
      batch.forEach((w, i) => w.resolve(changed[i]!));
      return;
    } catch (err) {
      if (batch.length === 1) return batch[0]!.reject(err);
    }
    for (const w of batch) {
      try {
        const [changed] = await this.backend.transaction([w]);
        w.resolve(changed!);
      } catch (err) {
        w.reject(err);
      }
    }
  }
}

/**
 * Through MikroORM's own connection, on every database. On SQLite that connection is the only one
 * the process has, so a batch never waits for a lock another of our connections holds: a second
 * connection was tried (committing off the main thread) and deadlocked against MikroORM's, whose
 * statements wait for the lock on the main thread while the other's commit needs that thread.
 */
export function ormWrites(orm: MikroORM): WriteBackend {
  const execute = async (em: SqlEntityManager, w: Write) => (await em.execute<{ affectedRows: number }>(w.sql, [...w.params], 'run')).affectedRows;
  return {
    async transaction(batch) {
      const em = orm.em.fork() as SqlEntityManager;
      if (batch.length === 1) return [await execute(em, batch[0]!)];
      return em.transactional(async (tx) => {
        const rows: number[] = [];
        for (const w of batch) rows.push(await execute(tx as SqlEntityManager, w));
        return rows;
      });
    },
    async close() {},
  };
}
