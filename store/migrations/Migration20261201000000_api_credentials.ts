import { Migration } from '@mikro-orm/migrations';

/**
 * API credentials, and who did what: the audit trail names the actor and credential, the inbox
 * the credential that sent each event. Knex's schema builder, so it runs on SQLite and PostgreSQL.
 */
export class Migration20261201000000_api_credentials extends Migration {
  override async up(): Promise<void> {
    const schema = () => this.getKnex().schema;
    const add = (q: { toSQL(): { sql: string }[] | { sql: string } }) => {
      const statements = q.toSQL();
      for (const s of Array.isArray(statements) ? statements : [statements]) this.addSql(s.sql);
    };
    add(
      schema().createTable('api_credentials', (t) => {
        t.string('id', 40).primary();
        t.string('name', 100).notNullable().unique();
        t.string('description', 500).notNullable();
        t.json('permissions').notNullable();
        t.string('secret_hash', 64).notNullable();
        t.datetime('created_at').notNullable();
        t.string('created_by', 200).notNullable();
        t.datetime('expires_at').notNullable();
        t.datetime('revoked_at').nullable();
        t.datetime('rotated_at').nullable();
        t.datetime('last_used_at').nullable();
      }),
    );
    // One statement per column: SQLite's ALTER TABLE adds one column at a time.
    add(schema().alterTable('audit', (t) => void t.string('actor', 200).nullable()));
    add(schema().alterTable('audit', (t) => void t.string('credential_id', 40).nullable().index()));
    add(schema().alterTable('inbox_events', (t) => void t.string('submitted_by', 200).nullable()));
  }

  override async down(): Promise<void> {
    this.addSql(this.getKnex().schema.dropTableIfExists('api_credentials').toQuery());
    for (const [table, column] of [['audit', 'actor'], ['audit', 'credential_id'], ['inbox_events', 'submitted_by']]) {
      for (const s of this.getKnex().schema.alterTable(table, (t) => void t.dropColumn(column)).toSQL()) this.addSql(s.sql);
    }
  }
}
