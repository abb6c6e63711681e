import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log (变更记录): one entry per changed record, written in the same transaction as the
 * change: who (key, role, city), what (operation, record, before and after) and when.
 */
export class CreateAuditEntryTable1730000000014 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_entry (
        id bigserial PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        api_key_id integer REFERENCES api_key (id),
        actor_role text NOT NULL CHECK (actor_role IN ('ADMIN', 'ANALYST', 'CITY_EDITOR')),
        actor_city_code char(6),
        request_id text,
        operation text NOT NULL CHECK (operation IN ('CREATE', 'UPDATE', 'ARCHIVE', 'RESTORE')),
        record_type text NOT NULL,
        record_id integer NOT NULL,
        record_city_code char(6),
        before jsonb,
        after jsonb NOT NULL
      )`);
    await q.query(`CREATE INDEX audit_entry_record_idx ON audit_entry (record_type, record_id, id)`);
    await q.query(`CREATE INDEX audit_entry_api_key_id_idx ON audit_entry (api_key_id, id)`);
    await q.query(`CREATE INDEX audit_entry_occurred_at_idx ON audit_entry (occurred_at, id)`);
    await q.query(`CREATE INDEX audit_entry_record_city_code_idx ON audit_entry (record_city_code, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_entry`);
  }
}
