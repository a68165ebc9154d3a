import { Migration } from '@mikro-orm/migrations';

/**
 * One audit row per (subscriber, event, action, round): an activity retried after a crash (it
 * wrote its row, then died before Temporal heard it finished) writes nothing twice. `round`
 * numbers the times an operator cycle repeats for one command (parked, retried, parked again).
 *
 * Rows written before this migration: a second `applied:*` row of one event is such a crash
 * duplicate and goes; repeated parked/operator rows are kept and numbered in the order written.
 * Portable SQL only (correlated subqueries), so it runs on SQLite and PostgreSQL alike.
 */
export class Migration20261203000000_audit_once extends Migration {
  override async up(): Promise<void> {
    const knex = this.getKnex();
    for (const s of [knex.schema.alterTable('audit', (t) => t.integer('round').notNullable().defaultTo(1)).toSQL()].flat()) this.addSql(s.sql);
    this.addSql(
      `delete from audit where event_id is not null and action like 'applied:%' and id > (select min(a2.id) from audit a2 where a2.subscriber_id = audit.subscriber_id and a2.event_id = audit.event_id and a2.action = audit.action)`,
    );
    this.addSql(
      `update audit set round = (select count(*) from audit a2 where a2.subscriber_id = audit.subscriber_id and a2.event_id = audit.event_id and a2.action = audit.action and a2.id <= audit.id) where event_id is not null`,
    );
    for (const s of [knex.schema.alterTable('audit', (t) => t.unique(['subscriber_id', 'event_id', 'action', 'round'])).toSQL()].flat()) this.addSql(s.sql);
  }
}
