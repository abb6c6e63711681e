import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APPLICATION_ROLE } from './1730000000016-CreateApplicationRoleWithRowLevelSecurity';

/**
 * Row-level security no longer trusts what the session says about itself. Migration 16's policies read
 * `registry.role` and `registry.city`, which any session may set with set_config: SQL that reaches a
 * request connection could claim to be ADMIN. Now the caller of a write transaction is established by
 * `registry_begin(api_key, request_id)`, which checks the key itself and records the caller for this
 * backend and this transaction in `request_context`, a table the application role can neither read nor
 * write; the policies read it through `registry_context()`. A session can only act as a caller whose
 * key it holds.
 *
 * API keys: the application role may read a key's public columns (never its hash) and write nothing;
 * requests authenticate with `registry_authenticate(key)`, ADMIN keys administer keys through
 * `registry_create_api_key` and `registry_revoke_api_key`, which ask the transaction's caller.
 *
 * Every function here runs with its owner's rights (SECURITY DEFINER) and a fixed search_path, and may
 * be called by the application role only.
 */
const DEFINER = `SECURITY DEFINER SET search_path = pg_catalog, public`;

/** The columns of api_key the application role may read: everything but the hash. */
const API_KEY_PUBLIC = 'id, prefix, role, city_code, label, created_at, last_used_at, revoked_at';

const FUNCTIONS: Array<[signature: string, body: string]> = [
  ['registry_key_hash(key text)', `RETURNS text LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT encode(sha256(convert_to(key, 'UTF8')), 'hex') $$`],
  [
    'registry_authenticate(key text)',
    // One round trip: the key's caller, and a mark that it was used, at most once a minute.
    `RETURNS TABLE (id integer, role text, city_code char(6), label text, revoked boolean) LANGUAGE sql ${DEFINER} AS $$
      WITH found AS (SELECT k.id, k.role, k.city_code, k.label, k.revoked_at FROM api_key k WHERE k.key_hash = registry_key_hash(key)),
      touched AS (UPDATE api_key k SET last_used_at = now() FROM found
        WHERE k.id = found.id AND found.revoked_at IS NULL AND (k.last_used_at IS NULL OR k.last_used_at < now() - interval '1 minute'))
      SELECT found.id, found.role::text, found.city_code, found.label, found.revoked_at IS NOT NULL FROM found $$`,
  ],
  [
    'registry_begin(key text, caller_request_id text)',
    `RETURNS TABLE (api_key_id integer, role text, city_code char(6)) LANGUAGE plpgsql ${DEFINER} AS $$
      #variable_conflict use_column
      DECLARE k record;
      BEGIN
        SELECT a.id, a.role, a.city_code INTO k FROM api_key a WHERE a.key_hash = registry_key_hash(key) AND a.revoked_at IS NULL;
        IF NOT FOUND THEN RAISE EXCEPTION 'unknown or revoked API key' USING ERRCODE = 'invalid_authorization_specification'; END IF;
        INSERT INTO request_context AS c (backend_pid, xact, api_key_id, role, city_code, request_id)
          VALUES (pg_backend_pid(), pg_current_xact_id(), k.id, k.role, k.city_code, caller_request_id)
          ON CONFLICT (backend_pid) DO UPDATE SET xact = excluded.xact, api_key_id = excluded.api_key_id, role = excluded.role,
            city_code = excluded.city_code, request_id = excluded.request_id;
        RETURN QUERY SELECT k.id, k.role::text, k.city_code;
      END $$`,
  ],
  [
    'registry_context()',
    // Only this backend's row, and only for the transaction that registry_begin was called in.
    `RETURNS request_context LANGUAGE sql STABLE ${DEFINER} AS $$
      SELECT c.* FROM request_context c WHERE c.backend_pid = pg_backend_pid() AND c.xact = pg_current_xact_id_if_assigned() $$`,
  ],
  [
    'registry_require_admin()',
    `RETURNS void LANGUAGE plpgsql STABLE ${DEFINER} AS $$
      BEGIN
        IF (registry_context()).role IS DISTINCT FROM 'ADMIN' THEN
          RAISE EXCEPTION 'only an ADMIN key may administer API keys' USING ERRCODE = 'insufficient_privilege';
        END IF;
      END $$`,
  ],
  [
    'registry_create_api_key(new_key_hash text, new_prefix text, new_role text, new_city_code char(6), new_label text)',
    `RETURNS TABLE (id integer, prefix text, role text, city_code char(6), label text, created_at timestamptz, last_used_at timestamptz, revoked_at timestamptz)
      LANGUAGE plpgsql ${DEFINER} AS $$
      BEGIN
        PERFORM registry_require_admin();
        RETURN QUERY INSERT INTO api_key AS k (key_hash, prefix, role, city_code, label) VALUES (new_key_hash, new_prefix, new_role, new_city_code, new_label)
          RETURNING k.id, k.prefix::text, k.role::text, k.city_code, k.label, k.created_at, k.last_used_at, k.revoked_at;
      END $$`,
  ],
  [
    'registry_revoke_api_key(key_id integer)',
    `RETURNS TABLE (id integer, prefix text, role text, city_code char(6), label text, created_at timestamptz, last_used_at timestamptz, revoked_at timestamptz)
      LANGUAGE plpgsql ${DEFINER} AS $$
      BEGIN
        PERFORM registry_require_admin();
        RETURN QUERY UPDATE api_key k SET revoked_at = coalesce(k.revoked_at, now()) WHERE k.id = key_id
          RETURNING k.id, k.prefix::text, k.role::text, k.city_code, k.label, k.created_at, k.last_used_at, k.revoked_at;
      END $$`,
  ],
  [
    'registry_caller_may_write(record_city_code char(6))',
    // Migration 16's rule, on the caller registry_begin established: ADMIN anywhere, a city editor in its city.
    `RETURNS boolean LANGUAGE sql STABLE ${DEFINER} AS $$
      SELECT coalesce((SELECT c.role = 'ADMIN' OR (c.role = 'CITY_EDITOR' AND record_city_code IS NOT NULL AND c.city_code = record_city_code)
        FROM request_context c WHERE c.backend_pid = pg_backend_pid() AND c.xact = pg_current_xact_id_if_assigned()), false) $$`,
  ],
];

/** Migration 16's version of the policy function, for down(). */
const TRUSTING_POLICY_FUNCTION = `CREATE OR REPLACE FUNCTION registry_caller_may_write(record_city_code char(6)) RETURNS boolean
  LANGUAGE sql STABLE SECURITY INVOKER AS $$
    SELECT coalesce(current_setting('registry.role', true), '') = 'ADMIN'
      OR (coalesce(current_setting('registry.role', true), '') = 'CITY_EDITOR'
          AND record_city_code IS NOT NULL
          AND record_city_code = nullif(current_setting('registry.city', true), ''))
  $$`;

export class TakeTheCallerFromItsApiKey1730000000031 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    // Unlogged: a caller lives for one transaction; nothing of it needs to survive a crash.
    await q.query(`CREATE UNLOGGED TABLE request_context (
      backend_pid integer PRIMARY KEY,
      xact xid8 NOT NULL,
      api_key_id integer NOT NULL,
      role text NOT NULL,
      city_code char(6),
      request_id text
    )`);
    await q.query(`REVOKE ALL ON request_context FROM PUBLIC, ${APPLICATION_ROLE}`);
    for (const [signature, body] of FUNCTIONS) {
      await q.query(`CREATE OR REPLACE FUNCTION ${signature} ${body}`);
      await q.query(`REVOKE ALL ON FUNCTION ${signature} FROM PUBLIC`);
      await q.query(`GRANT EXECUTE ON FUNCTION ${signature} TO ${APPLICATION_ROLE}`);
    }
    await q.query(`REVOKE ALL ON api_key FROM ${APPLICATION_ROLE}`);
    await q.query(`REVOKE ALL ON SEQUENCE api_key_id_seq FROM ${APPLICATION_ROLE}`);
    await q.query(`GRANT SELECT (${API_KEY_PUBLIC}) ON api_key TO ${APPLICATION_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`REVOKE ALL ON api_key FROM ${APPLICATION_ROLE}`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON api_key TO ${APPLICATION_ROLE}`);
    await q.query(`GRANT USAGE ON SEQUENCE api_key_id_seq TO ${APPLICATION_ROLE}`);
    await q.query(TRUSTING_POLICY_FUNCTION);
    await q.query(`GRANT EXECUTE ON FUNCTION registry_caller_may_write(char) TO PUBLIC`);
    for (const [signature] of [...FUNCTIONS].reverse()) {
      if (!signature.startsWith('registry_caller_may_write')) await q.query(`DROP FUNCTION ${signature}`);
    }
    await q.query(`DROP TABLE request_context`);
  }
}
