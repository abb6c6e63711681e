import type { MigrationInterface, QueryRunner } from 'typeorm';

const DEFINER = `SECURITY DEFINER SET search_path = pg_catalog, public`;

/**
 * The registry-change notification (migration 51) names the API keys whose write committed, from the transaction's new
 * audit entries (a transition table: one notification per statement, as before), so that every instance with read replicas
 * keeps those callers' reads off replicas that have not yet replayed the write (src/db/read-replicas.ts, issue 22). Only the
 * application role can learn the channel's name; key ids are no secret to it.
 */
export class NameTheWritersInRegistryChangeNotifications1730000000053 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER audit_entry_notify ON audit_entry`);
    await q.query(`CREATE OR REPLACE FUNCTION registry_changes_notify() RETURNS trigger LANGUAGE plpgsql ${DEFINER} AS $$
      BEGIN
        PERFORM pg_notify(registry_changes_channel(), coalesce((SELECT string_agg(DISTINCT api_key_id::text, ',') FROM added), ''));
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER audit_entry_notify AFTER INSERT ON audit_entry REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION registry_changes_notify()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER audit_entry_notify ON audit_entry`);
    await q.query(`CREATE OR REPLACE FUNCTION registry_changes_notify() RETURNS trigger LANGUAGE plpgsql ${DEFINER} AS $$
      BEGIN
        PERFORM pg_notify(registry_changes_channel(), '');
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER audit_entry_notify AFTER INSERT ON audit_entry FOR EACH STATEMENT EXECUTE FUNCTION registry_changes_notify()`);
  }
}
