import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APPLICATION_ROLE } from './1730000000016-CreateApplicationRoleWithRowLevelSecurity';

const DEFINER = `SECURITY DEFINER SET search_path = pg_catalog, public`;

/** Who may see a craftsman's personal data (src/auth/policy.ts, maySeePersonalData): ADMIN, or the editor of the craftsman's city. */
const MAY_SEE = (role: string, city: string, craftsmanCity: string) =>
  `(${role} = 'ADMIN' OR (${role} = 'CITY_EDITOR' AND ${craftsmanCity} IS NOT NULL AND ${craftsmanCity} = ${city}))`;

const FUNCTIONS: Array<[signature: string, body: string]> = [
  [
    'registry_craftsman_personal(key text, ids integer[])',
    // Reads outside a transaction name the caller by its key: the personal values of those craftsmen it may see.
    `RETURNS TABLE (id integer, city_code char(6), national_id_number text, phone text) LANGUAGE sql STABLE ${DEFINER} AS $$
      SELECT c.id, c.city_code, c.national_id_number::text, c.phone FROM craftsman c
        JOIN api_key k ON k.key_hash = registry_key_hash(key) AND k.revoked_at IS NULL
      WHERE c.id = ANY (ids) AND ${MAY_SEE('k.role', 'k.city_code', 'c.city_code')} $$`,
  ],
  [
    'registry_craftsman_personal_to_write(ids integer[])',
    // The write engine, inside the transaction registry_begin opened: the values of the craftsmen the caller may change.
    `RETURNS TABLE (id integer, national_id_number text, phone text) LANGUAGE sql STABLE ${DEFINER} AS $$
      SELECT c.id, c.national_id_number::text, c.phone FROM craftsman c
      WHERE c.id = ANY (ids) AND registry_caller_may_write(c.city_code) $$`,
  ],
  [
    'registry_national_ids_in_use(numbers text[], except_ids integer[])',
    // Which of these national ID numbers an active craftsman other than `except_ids` holds; not who holds it.
    `RETURNS SETOF text LANGUAGE sql STABLE ${DEFINER} AS $$
      SELECT DISTINCT c.national_id_number::text FROM craftsman c
      WHERE c.national_id_number = ANY (numbers) AND c.archived_at IS NULL AND NOT (c.id = ANY (coalesce(except_ids, '{}'))) $$`,
  ],
  [
    'registry_audit_personal(key text, entry_ids bigint[])',
    // The personal values of audit entries, for a caller who may see the craftsman's personal data now (its current city).
    `RETURNS TABLE (audit_entry_id bigint, before jsonb, after jsonb) LANGUAGE sql STABLE ${DEFINER} AS $$
      SELECT p.audit_entry_id, p.before, p.after FROM audit_personal p
        JOIN audit_entry e ON e.id = p.audit_entry_id AND e.record_type = 'Craftsman'
        JOIN craftsman c ON c.id = e.record_id
        JOIN api_key k ON k.key_hash = registry_key_hash(key) AND k.revoked_at IS NULL
      WHERE p.audit_entry_id = ANY (entry_ids) AND ${MAY_SEE('k.role', 'k.city_code', 'c.city_code')} $$`,
  ],
];

/**
 * A craftsman's national ID number and phone are readable by the application role only through these
 * functions, which return them to a caller allowed to see them: whatever SQL reaches a request
 * connection, `SELECT national_id_number FROM craftsman` is refused. The role may still write them (a
 * city editor keeps its craftsmen's), and may read every other column. A column added to craftsman later
 * must be granted to the role in its own migration.
 */
export class HidePersonalColumnsFromTheApplicationRole1730000000033 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`REVOKE SELECT ON craftsman FROM ${APPLICATION_ROLE}`);
    const [{ columns }] = await q.query(`SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) AS columns
      FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'craftsman' AND column_name NOT IN ('national_id_number', 'phone')`);
    await q.query(`GRANT SELECT (${columns}) ON craftsman TO ${APPLICATION_ROLE}`);
    for (const [signature, body] of FUNCTIONS) {
      await q.query(`CREATE FUNCTION ${signature} ${body}`);
      await q.query(`REVOKE ALL ON FUNCTION ${signature} FROM PUBLIC`);
      await q.query(`GRANT EXECUTE ON FUNCTION ${signature} TO ${APPLICATION_ROLE}`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [signature] of [...FUNCTIONS].reverse()) await q.query(`DROP FUNCTION ${signature}`);
    await q.query(`REVOKE SELECT ON craftsman FROM ${APPLICATION_ROLE}`);
    await q.query(`GRANT SELECT ON craftsman TO ${APPLICATION_ROLE}`);
  }
}
