import { Migration } from '@mikro-orm/migrations';

/**
 * The watcher's cursors learn the cheap page read (see store/watch-cursors.ts): the digest the
 * page showed, the number of changes recorded (event ids count them), the pass that last saw the
 * account in billing's list and when it was last read in full. Written with knex's schema builder,
 * like the initial migration, so it runs on SQLite and PostgreSQL alike.
 */
export class Migration20261202000000_watch_cursor_digests extends Migration {
  override async up(): Promise<void> {
    const add = (q: { toSQL(): { sql: string }[] | { sql: string } }) => {
      const statements = q.toSQL();
      for (const s of Array.isArray(statements) ? statements : [statements]) this.addSql(s.sql);
    };
    add(
      this.getKnex().schema.alterTable('watch_cursors', (t) => {
        t.string('digest', 64).nullable();
        t.integer('changes').notNullable().defaultTo(0);
        t.string('seen_pass', 64).nullable();
        t.datetime('checked_at').nullable();
        t.index(['billing', 'checked_at']);
      }),
    );
    // Rows from before: known accounts, so that one gone from billing is still noticed.
    this.addSql(this.getKnex()('watch_cursors').update({ seen_pass: 'before-digests' }).toQuery());
  }

  override async down(): Promise<void> {
    this.addSql(
      this.getKnex()
        .schema.alterTable('watch_cursors', (t) => {
          t.dropIndex(['billing', 'checked_at']);
          t.dropColumns('digest', 'changes', 'seen_pass', 'checked_at');
        })
        .toQuery(),
    );
  }
}
