import { Migration } from '@mikro-orm/migrations';

/** Written with knex's schema builder so the same migration runs on SQLite and PostgreSQL. */
export class Migration20261121000000_initial extends Migration {
  override async up(): Promise<void> {
    // A knex SchemaBuilder accumulates statements, so take a fresh one per table.
    const schema = () => this.getKnex().schema;
    // One addSql per statement: knex renders a table with its indexes as several statements.
    const add = (q: { toSQL(): { sql: string }[] | { sql: string } }) => {
      const statements = q.toSQL();
      for (const s of Array.isArray(statements) ? statements : [statements]) this.addSql(s.sql);
    };
    add(
      schema().createTable('inbox_events', (t) => {
        t.string('id', 200).primary();
        t.string('subscriber_id', 220).notNullable().index();
        t.string('type', 50).notNullable();
        t.string('payload_hash', 64).notNullable();
        t.json('payload').notNullable();
        t.datetime('received_at').notNullable();
        t.datetime('delivered_at').nullable();
      }),
    );
    add(
      schema().createTable('links', (t) => {
        t.increments('id').primary();
        t.string('subscriber_id', 220).notNullable();
        t.string('platform', 100).notNullable();
        t.string('login', 200).notNullable().index();
        t.string('profile_id', 200).notNullable();
        t.string('attachment_id', 200).notNullable();
        t.datetime('updated_at').notNullable();
        t.unique(['subscriber_id', 'platform']);
      }),
    );
    add(
      schema().createTable('ledger', (t) => {
        t.string('idempotency_key', 300).primary();
        t.string('subscriber_id', 220).notNullable().index();
        t.string('service', 100).notNullable();
        t.string('period', 40).notNullable();
        t.decimal('amount', 14, 2).notNullable();
        t.string('status', 30).notNullable();
        t.string('charge_id', 200).nullable();
        t.datetime('created_at').notNullable();
        t.datetime('updated_at').notNullable();
      }),
    );
    add(
      schema().createTable('audit', (t) => {
        t.increments('id').primary();
        t.string('subscriber_id', 220).notNullable().index();
        t.string('event_id', 200).nullable();
        t.string('action', 100).notNullable();
        t.json('detail').nullable();
        t.datetime('at').notNullable();
      }),
    );
    add(
      schema().createTable('watch_cursors', (t) => {
        t.string('billing', 100).notNullable();
        t.string('account', 100).notNullable();
        t.text('fingerprint').notNullable();
        t.datetime('updated_at').notNullable();
        t.primary(['billing', 'account']);
      }),
    );
  }

  override async down(): Promise<void> {
    // A knex SchemaBuilder accumulates statements, so take a fresh one per table.
    const schema = () => this.getKnex().schema;
    for (const table of ['watch_cursors', 'audit', 'ledger', 'links', 'inbox_events']) this.addSql(this.getKnex().schema.dropTableIfExists(table).toQuery());
  }
}
