import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APPLICATION_ROLE } from './1730000000016-CreateApplicationRoleWithRowLevelSecurity';

/** The writable tables, their record type (the GraphQL type, as the audit log names it) and their personal columns. */
const AUDITED: Array<[table: string, recordType: string, personal: string[]]> = [
  ['enterprise', 'Enterprise', []],
  ['craftsman', 'Craftsman', ['national_id_number', 'phone']],
  ['innovation_studio', 'InnovationStudio', []],
  ['craftsman_academy', 'CraftsmanAcademy', []],
  ['collective_innovation_contract', 'CollectiveInnovationContract', []],
  ['source', 'Source', []],
  ['goal', 'Goal', []],
  ['reported_figure', 'ReportedFigure', []],
];

const PERSONAL = `'{national_id_number,phone}'::text[]`;

/**
 * The audit log is written by the database on every change the application role makes, with the caller
 * registry_begin established for the transaction (key, role, city, request id): the role itself may no
 * longer insert entries, so it cannot forge one. The operation follows from the change (a row inserted is
 * CREATE; archived_at set is ARCHIVE, cleared RESTORE; any other UPDATE). Writes by the owner (seeds,
 * migrations, the CLI) are not requests and are not logged, as before.
 *
 * Personal values (a craftsman's national ID number and phone) leave the snapshots the application role
 * can read: they are kept in audit_personal, which only registry_audit_personal (migration 33) reads for
 * a caller allowed to see them now. Entries written before this migration are split the same way.
 */
export class WriteTheAuditLogInTheDatabase1730000000032 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE audit_personal (
      audit_entry_id bigint PRIMARY KEY REFERENCES audit_entry (id) ON DELETE CASCADE,
      before jsonb,
      after jsonb
    )`);
    await q.query(`REVOKE ALL ON audit_personal FROM PUBLIC, ${APPLICATION_ROLE}`);
    // Which personal columns a change altered (their names, not their values), for everyone who reads the entry.
    await q.query(`ALTER TABLE audit_entry ADD COLUMN changed_personal text[] NOT NULL DEFAULT '{}'`);
    await q.query(`
      CREATE FUNCTION registry_audit() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
        DECLARE
          caller request_context := registry_context();
          personal text[] := TG_ARGV[1]::text[];
          before_doc jsonb;
          after_doc jsonb := to_jsonb(NEW);
          operation text := 'CREATE';
          entry bigint;
        BEGIN
          IF caller.api_key_id IS NULL THEN
            RAISE EXCEPTION 'a change by the application needs its caller (registry_begin)' USING ERRCODE = 'insufficient_privilege';
          END IF;
          IF TG_OP = 'UPDATE' THEN
            before_doc := to_jsonb(OLD);
            operation := CASE
              WHEN OLD.archived_at IS NULL AND NEW.archived_at IS NOT NULL THEN 'ARCHIVE'
              WHEN OLD.archived_at IS NOT NULL AND NEW.archived_at IS NULL THEN 'RESTORE'
              ELSE 'UPDATE' END;
          END IF;
          INSERT INTO audit_entry (api_key_id, actor_role, actor_city_code, request_id, operation, record_type, record_id, record_city_code, before, after, changed_personal)
            VALUES (caller.api_key_id, caller.role, caller.city_code, caller.request_id, operation, TG_ARGV[0], NEW.id,
              after_doc ->> 'city_code', before_doc - personal, after_doc - personal,
              ARRAY(SELECT c FROM unnest(personal) AS c WHERE (after_doc -> c) IS DISTINCT FROM coalesce(before_doc -> c, 'null'::jsonb) ORDER BY c))
            RETURNING id INTO entry;
          IF cardinality(personal) > 0 THEN
            INSERT INTO audit_personal (audit_entry_id, before, after) VALUES (entry,
              (SELECT jsonb_object_agg(e.key, e.value) FROM jsonb_each(before_doc) e WHERE e.key = ANY (personal)),
              (SELECT jsonb_object_agg(e.key, e.value) FROM jsonb_each(after_doc) e WHERE e.key = ANY (personal)));
          END IF;
          RETURN NULL;
        END $$`);
    await q.query(`REVOKE ALL ON FUNCTION registry_audit() FROM PUBLIC`);
    for (const [table, recordType, personal] of AUDITED) {
      await q.query(`CREATE TRIGGER ${table}_audit AFTER INSERT OR UPDATE ON ${table} FOR EACH ROW
        WHEN (current_user = '${APPLICATION_ROLE}') EXECUTE FUNCTION registry_audit('${recordType}', '{${personal.join(',')}}')`);
    }
    await q.query(`REVOKE INSERT ON audit_entry FROM ${APPLICATION_ROLE}`);
    await q.query(`REVOKE ALL ON SEQUENCE audit_entry_id_seq FROM ${APPLICATION_ROLE}`);
    // Entries already written keep their personal values apart from now on.
    await q.query(`INSERT INTO audit_personal (audit_entry_id, before, after)
      SELECT a.id,
        (SELECT jsonb_object_agg(e.key, e.value) FROM jsonb_each(a.before) e WHERE e.key = ANY (${PERSONAL})),
        (SELECT jsonb_object_agg(e.key, e.value) FROM jsonb_each(a.after) e WHERE e.key = ANY (${PERSONAL}))
      FROM audit_entry a WHERE a.record_type = 'Craftsman'`);
    await q.query(`UPDATE audit_entry a SET changed_personal = ARRAY(SELECT c FROM unnest(${PERSONAL}) AS c
        WHERE (a.after -> c) IS DISTINCT FROM coalesce(a.before -> c, 'null'::jsonb) ORDER BY c),
      before = before - ${PERSONAL}, after = after - ${PERSONAL} WHERE record_type = 'Craftsman'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE audit_entry a SET before = CASE WHEN a.before IS NULL THEN NULL ELSE a.before || coalesce(p.before, '{}') END,
      after = a.after || coalesce(p.after, '{}') FROM audit_personal p WHERE p.audit_entry_id = a.id`);
    await q.query(`ALTER TABLE audit_entry DROP COLUMN changed_personal`);
    await q.query(`GRANT INSERT ON audit_entry TO ${APPLICATION_ROLE}`);
    await q.query(`GRANT USAGE ON SEQUENCE audit_entry_id_seq TO ${APPLICATION_ROLE}`);
    for (const [table] of [...AUDITED].reverse()) await q.query(`DROP TRIGGER ${table}_audit ON ${table}`);
    await q.query(`DROP FUNCTION registry_audit()`);
    await q.query(`DROP TABLE audit_personal`);
  }
}
