import { Migration } from '@mikro-orm/migrations';

/** Month-end usage billing's summary per month, service and parent (store/usage-summary.ts). */
export class Migration20261201000001_usage_summaries extends Migration {
  override async up(): Promise<void> {
    const statements = this.getKnex()
      .schema.createTable('usage_summaries', (t) => {
        t.string('id', 300).primary();
        t.string('month', 7).notNullable().index();
        t.string('service', 100).notNullable();
        t.string('parent', 100).notNullable();
        t.string('billing', 100).notNullable();
        t.string('account', 100).notNullable();
        t.string('agreement', 100).notNullable();
        t.integer('items').notNullable();
        t.double('sessions').notNullable();
        t.double('seconds').notNullable();
        t.decimal('amount', 16, 2).notNullable();
        t.integer('charged').notNullable();
        t.decimal('charged_amount', 16, 2).notNullable();
        t.integer('existing').notNullable();
        t.decimal('existing_amount', 16, 2).notNullable();
        t.integer('unpaid').notNullable();
        t.decimal('unpaid_amount', 16, 2).notNullable();
        t.integer('zero').notNullable();
        t.integer('failed').notNullable();
        t.text('error').nullable();
        t.string('workflow_id', 300).notNullable();
        t.datetime('finished_at').notNullable();
      })
      .toSQL();
    // One addSql per statement: knex renders the table and its index as two.
    for (const s of statements) this.addSql(s.sql);
  }

  override async down(): Promise<void> {
    this.addSql(this.getKnex().schema.dropTableIfExists('usage_summaries').toQuery());
  }
}
