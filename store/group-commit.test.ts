import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MikroORM } from '@mikro-orm/core';
import { GroupCommit, ormWrites, Write, WriteBackend } from './group-commit';
import { ormOptions } from './store';

/** A backend that records each transaction it is asked for; `affected` is the first value of each write. */
function recordingBackend(options: { fail?: (sql: string) => boolean; slowCommit?: Promise<void> } = {}) {
  const transactions: string[][] = [];
  const backend: WriteBackend = {
    async transaction(batch: readonly Write[]) {
      transactions.push(batch.map((w) => w.sql));
      if (batch.some((w) => options.fail?.(w.sql))) throw new Error(`refused: ${batch.map((w) => w.sql).join(', ')}`);
      await options.slowCommit;
      return batch.map((w) => Number(w.params[0]));
    },
    async close() {},
  };
  return { backend, transactions };
}

describe('GroupCommit', () => {
  it('commits the writes made in one turn in one transaction, in order, each answered with its own rows', async () => {
    const { backend, transactions } = recordingBackend();
    const writes = new GroupCommit(backend);
    expect(await Promise.all([writes.run('a', [1]), writes.run('b', [0]), writes.run('c', [2])])).toEqual([1, 0, 2]);
    expect(transactions).toEqual([['a', 'b', 'c']]);
  });

  it('takes the writes made while a batch commits into the next batch, after it', async () => {
    let release!: () => void;
    const { backend, transactions } = recordingBackend({ slowCommit: new Promise<void>((r) => (release = r)) });
    const writes = new GroupCommit(backend);
    const first = Promise.all([writes.run('a', [1]), writes.run('b', [1])]);
    await new Promise((r) => setImmediate(r));
    const second = Promise.all([writes.run('c', [1]), writes.run('d', [1])]);
    await new Promise((r) => setTimeout(r, 20));
    expect(transactions).toEqual([['a', 'b']]);
    let firstDone = false;
    void first.then(() => (firstDone = true));
    expect(firstDone).toBe(false);
    release();
    await Promise.all([first, second]);
    expect(transactions).toEqual([['a', 'b'], ['c', 'd']]);
  });

  it('when the shared transaction fails, commits each write on its own: only the bad one fails', async () => {
    const { backend, transactions } = recordingBackend({ fail: (sql) => sql === 'bad' });
    const writes = new GroupCommit(backend);
    const results = await Promise.allSettled([writes.run('a', [1]), writes.run('bad', [1]), writes.run('c', [1])]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([1, 'refused: bad', 1]);
    expect(transactions).toEqual([['a', 'bad', 'c'], ['a'], ['bad'], ['c']]);
  });

  it('finishes what is queued before it closes', async () => {
    const { backend, transactions } = recordingBackend();
    const writes = new GroupCommit(backend);
    const pending = writes.run('a', [1]);
    await writes.close();
    expect(transactions).toEqual([['a']]);
    expect(await pending).toBe(1);
  });
});

describe('GroupCommit on a SQLite file (ormWrites)', () => {
  let dir: string;
  let writes: GroupCommit;
  let orm: MikroORM;
  let reader: MikroORM;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'subsync-group-commit-'));
    const url = `sqlite:${path.join(dir, 'db.sqlite')}`;
    orm = await MikroORM.init(ormOptions(url));
    await orm.em.getConnection().execute('pragma journal_mode = wal');
    // No unique key on `n`: a statement kept from a rolled-back attempt would show up as a second row.
    await orm.em.getConnection().execute('create table rows (n integer not null, note text not null)');
    writes = new GroupCommit(ormWrites(orm));
    // Another connection to the file: what it reads is committed.
    reader = await MikroORM.init(ormOptions(url));
  });

  afterEach(async () => {
    await writes.close();
    await reader.close(true);
    await orm.close(true);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const insert = (n: number, note: string | null) => writes.run('insert into rows (n, note) values (?, ?)', [n, note]);
  type Row = { n: number; note: string };
  const rows = async (): Promise<Row[]> => ((await reader.em.getConnection().execute('select n, note from rows order by n')) as Row[]).map((r) => ({ n: r.n, note: r.note }));

  it('a failing statement fails only its caller; the others are committed once, none half-applied', async () => {
    const results = await Promise.allSettled([insert(1, 'a'), insert(2, null), insert(3, 'c')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/NOT NULL/i);
    expect(await rows()).toEqual([
      { n: 1, note: 'a' },
      { n: 3, note: 'c' },
    ]);
  });

  it('answers each caller only once its row is readable from another connection', async () => {
    const seen = await Promise.all([1, 2, 3].map((n) => insert(n, 'x').then(async () => (await rows()).some((r: Row) => r.n === n))));
    expect(seen).toEqual([true, true, true]);
  });
});
