import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APPLICATION_ROLE } from './1730000000016-CreateApplicationRoleWithRowLevelSecurity';

const DEFINER = `SECURITY DEFINER SET search_path = pg_catalog, public`;

/**
 * Every instance keeps a response cache that a committed write must empty, its own writes and every other
 * instance's (issue 22): each change to the registry writes audit entries, so a statement-level trigger on
 * audit_entry notifies on a channel named with the database's secret (as the API-key channel, migration 35),
 * which only the application role can learn. The notification is sent at commit, never for a rolled-back
 * write, and one per transaction (PostgreSQL folds identical notifications of a transaction into one).
 */
export class NotifyInstancesOfRegistryChanges1730000000051 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION registry_changes_channel() RETURNS text LANGUAGE sql STABLE ${DEFINER} AS $$
      SELECT 'registry_changes_' || left(s.value, 32) FROM registry_secret s WHERE s.name = 'salt' $$`);
    await q.query(`REVOKE ALL ON FUNCTION registry_changes_channel() FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION registry_changes_channel() TO ${APPLICATION_ROLE}`);
    await q.query(`CREATE FUNCTION registry_changes_notify() RETURNS trigger LANGUAGE plpgsql ${DEFINER} AS $$
      BEGIN
        PERFORM pg_notify(registry_changes_channel(), '');
        RETURN NULL;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION registry_changes_notify() FROM PUBLIC`);
    await q.query(`CREATE TRIGGER audit_entry_notify AFTER INSERT ON audit_entry FOR EACH STATEMENT EXECUTE FUNCTION registry_changes_notify()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER audit_entry_notify ON audit_entry`);
    await q.query(`DROP FUNCTION registry_changes_notify()`);
    await q.query(`DROP FUNCTION registry_changes_channel()`);
  }
}
