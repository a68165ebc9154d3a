import { Migration } from '@mikro-orm/migrations';

/**
 * The change-feed poller and the outbox (see store/outbox-entities.ts). Written with knex's
 * schema builder, like the initial migration, so it runs on SQLite and PostgreSQL alike.
 */
export class Migration20261201000002_outbox extends Migration {
  override async up(): Promise<void> {
    const schema = () => this.getKnex().schema;
    const add = (q: { toSQL(): { sql: string }[] | { sql: string } }) => {
      const statements = q.toSQL();
      for (const s of Array.isArray(statements) ? statements : [statements]) this.addSql(s.sql);
    };
    add(
      schema().createTable('change_feed_cursors', (t) => {
        t.string('source', 100).notNullable();
        t.string('feed', 50).notNullable();
        t.text('cursor').notNullable();
        t.datetime('updated_at').notNullable();
        t.primary(['source', 'feed']);
      }),
    );
    add(
      schema().createTable('received_changes', (t) => {
        t.increments('id').primary();
        t.string('source', 100).notNullable();
        t.string('feed', 50).notNullable();
        t.string('change_id', 200).notNullable();
        t.string('type', 100).notNullable();
        t.datetime('occurred_at').notNullable();
        t.json('data').notNullable();
        t.datetime('received_at').notNullable();
        t.string('message_id', 200).nullable();
        t.unique(['source', 'change_id']);
        t.index(['source', 'feed', 'message_id']);
        t.index(['occurred_at']);
      }),
    );
    add(
      schema().createTable('outbox_messages', (t) => {
        t.increments('id').primary();
        t.string('message_id', 200).notNullable().unique();
        t.string('source', 100).notNullable();
        t.string('feed', 50).notNullable();
        t.string('type', 100).notNullable();
        t.string('order_key', 300).notNullable();
        t.datetime('occurred_at').notNullable();
        t.json('data').notNullable();
        t.datetime('created_at').notNullable().index();
      }),
    );
    add(
      schema().createTable('outbox_deliveries', (t) => {
        t.string('endpoint', 100).notNullable();
        t.integer('message_seq').notNullable();
        t.string('order_key', 300).notNullable();
        t.string('status', 20).notNullable();
        t.integer('attempts').notNullable();
        t.integer('retry_step').notNullable();
        t.bigInteger('next_attempt_at').notNullable();
        t.datetime('last_attempt_at').nullable();
        t.datetime('delivered_at').nullable();
        t.integer('last_status').nullable();
        t.text('last_error').nullable();
        t.datetime('created_at').notNullable();
        t.primary(['endpoint', 'message_seq']);
        t.index(['endpoint', 'status', 'next_attempt_at']);
        t.index(['endpoint', 'order_key', 'message_seq']);
        t.index(['endpoint', 'created_at']);
      }),
    );
    add(
      schema().createTable('delivery_attempts', (t) => {
        t.increments('id').primary();
        t.string('endpoint', 100).notNullable();
        t.integer('message_seq').notNullable();
        t.integer('attempt').notNullable();
        t.datetime('at').notNullable();
        t.integer('duration_ms').notNullable();
        t.string('outcome', 20).notNullable();
        t.integer('status_code').nullable();
        t.text('error').nullable();
        t.string('receipt', 200).nullable();
        t.index(['endpoint', 'message_seq']);
      }),
    );
    add(
      schema().createTable('notification_endpoints', (t) => {
        t.string('name', 100).primary();
        t.boolean('enabled').notNullable();
        t.text('disabled_reason').nullable();
        t.datetime('disabled_at').nullable();
        t.datetime('failing_since').nullable();
        t.integer('failure_streak').notNullable();
        t.bigInteger('paused_until').notNullable();
        t.datetime('alerted_at').nullable();
        t.datetime('updated_at').notNullable();
      }),
    );
  }

  override async down(): Promise<void> {
    for (const table of ['notification_endpoints', 'delivery_attempts', 'outbox_deliveries', 'outbox_messages', 'received_changes', 'change_feed_cursors']) {
      this.addSql(this.getKnex().schema.dropTableIfExists(table).toQuery());
    }
  }
}
