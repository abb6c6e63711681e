import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The role requests run as (src/db/request-pool.ts); it owns nothing, so row-level security binds it. */
export const APPLICATION_ROLE = 'registry_app';

const CITY_PORTAL_TABLES = ['enterprise', 'craftsman', 'innovation_studio', 'craftsman_academy', 'collective_innovation_contract'];
const ADMIN_ONLY_TABLES = ['source', 'goal', 'reported_figure'];
const READ_ONLY_TABLES = ['province', 'city', 'migration'];

/**
 * The second line of defence behind the application's own checks: requests connect as a role that
 * owns no table, and PostgreSQL itself refuses a write outside the caller's city. The caller is
 * set per transaction with set_config('registry.role' / 'registry.city', …, true).
 */
export class CreateApplicationRoleWithRowLevelSecurity1730000000016 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    // Roles are per server, not per database: another database on the server may have made it.
    await q.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${APPLICATION_ROLE}') THEN CREATE ROLE ${APPLICATION_ROLE} NOLOGIN; END IF;
    END $$`);
    // The owner connects and then acts as the role (`-c role=…`), so it must be a member.
    await q.query(`DO $$ BEGIN
      IF NOT pg_has_role(current_user, '${APPLICATION_ROLE}', 'MEMBER') THEN EXECUTE format('GRANT ${APPLICATION_ROLE} TO %I', current_user); END IF;
    END $$`);
    await q.query(`GRANT USAGE ON SCHEMA public TO ${APPLICATION_ROLE}`);

    await q.query(`
      CREATE FUNCTION registry_caller_may_write(record_city_code char(6)) RETURNS boolean
      LANGUAGE sql STABLE AS $$
        SELECT coalesce(current_setting('registry.role', true), '') = 'ADMIN'
          OR (coalesce(current_setting('registry.role', true), '') = 'CITY_EDITOR'
              AND record_city_code IS NOT NULL
              AND record_city_code = nullif(current_setting('registry.city', true), ''))
      $$`);

    for (const table of [...CITY_PORTAL_TABLES, ...ADMIN_ONLY_TABLES]) {
      const mayWrite = CITY_PORTAL_TABLES.includes(table) ? 'registry_caller_may_write(city_code)' : 'registry_caller_may_write(NULL)';
      await q.query(`GRANT SELECT, INSERT, UPDATE ON ${table} TO ${APPLICATION_ROLE}`);
      await q.query(`GRANT USAGE ON SEQUENCE ${table}_id_seq TO ${APPLICATION_ROLE}`);
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY ${table}_read ON ${table} FOR SELECT TO ${APPLICATION_ROLE} USING (true)`);
      await q.query(`CREATE POLICY ${table}_insert ON ${table} FOR INSERT TO ${APPLICATION_ROLE} WITH CHECK (${mayWrite})`);
      await q.query(`CREATE POLICY ${table}_update ON ${table} FOR UPDATE TO ${APPLICATION_ROLE} USING (${mayWrite}) WITH CHECK (${mayWrite})`);
    }

    // The audit log only grows: entries are inserted by writers and never changed.
    await q.query(`GRANT SELECT, INSERT ON audit_entry TO ${APPLICATION_ROLE}`);
    await q.query(`GRANT USAGE ON SEQUENCE audit_entry_id_seq TO ${APPLICATION_ROLE}`);
    await q.query(`ALTER TABLE audit_entry ENABLE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY audit_entry_read ON audit_entry FOR SELECT TO ${APPLICATION_ROLE} USING (true)`);
    await q.query(`CREATE POLICY audit_entry_insert ON audit_entry FOR INSERT TO ${APPLICATION_ROLE} WITH CHECK (registry_caller_may_write(record_city_code))`);

    // Keys are looked up and marked used on every request; created and revoked by ADMIN.
    await q.query(`GRANT SELECT, INSERT, UPDATE ON api_key TO ${APPLICATION_ROLE}`);
    await q.query(`GRANT USAGE ON SEQUENCE api_key_id_seq TO ${APPLICATION_ROLE}`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON idempotency_request TO ${APPLICATION_ROLE}`);
    for (const table of READ_ONLY_TABLES) await q.query(`GRANT SELECT ON ${table} TO ${APPLICATION_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [...READ_ONLY_TABLES, 'idempotency_request', 'api_key']) await q.query(`REVOKE ALL ON ${table} FROM ${APPLICATION_ROLE}`);
    await q.query(`REVOKE ALL ON SEQUENCE api_key_id_seq FROM ${APPLICATION_ROLE}`);
    for (const table of ['audit_entry', ...CITY_PORTAL_TABLES, ...ADMIN_ONLY_TABLES]) {
      for (const policy of ['read', 'insert', 'update']) await q.query(`DROP POLICY IF EXISTS ${table}_${policy} ON ${table}`);
      await q.query(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
      await q.query(`REVOKE ALL ON ${table} FROM ${APPLICATION_ROLE}`);
      await q.query(`REVOKE ALL ON SEQUENCE ${table}_id_seq FROM ${APPLICATION_ROLE}`);
    }
    await q.query(`DROP FUNCTION registry_caller_may_write(char)`);
    await q.query(`REVOKE ALL ON SCHEMA public FROM ${APPLICATION_ROLE}`);
    // The role itself stays: it is shared by every database on the server and owns nothing.
  }
}
