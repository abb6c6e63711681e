import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APPLICATION_ROLE } from './1730000000016-CreateApplicationRoleWithRowLevelSecurity';
import { API_KEY_CHANNEL } from './1730000000021-NotifyApiKeyChanges';

const DEFINER = `SECURITY DEFINER SET search_path = pg_catalog, public`;

const FUNCTIONS: Array<[signature: string, body: string]> = [
  [
    'registry_try_idempotency_lock(idempotency_key text)',
    // The transaction's caller and the key, salted: 64 bits no other role can name in advance.
    `RETURNS boolean LANGUAGE plpgsql ${DEFINER} AS $$
      DECLARE caller integer := (registry_context()).api_key_id; salt text;
      BEGIN
        IF caller IS NULL THEN RAISE EXCEPTION 'an idempotency key needs the caller (registry_begin)' USING ERRCODE = 'insufficient_privilege'; END IF;
        SELECT s.value INTO salt FROM registry_secret s WHERE s.name = 'salt';
        RETURN pg_try_advisory_xact_lock(('x' || left(encode(sha256(convert_to(salt || ':' || caller || ':' || idempotency_key, 'UTF8')), 'hex'), 16))::bit(64)::bigint);
      END $$`,
  ],
  [
    'registry_api_key_channel()',
    `RETURNS text LANGUAGE sql STABLE ${DEFINER} AS $$
      SELECT '${API_KEY_CHANNEL}_' || left(s.value, 32) FROM registry_secret s WHERE s.name = 'salt' $$`,
  ],
];

/**
 * What other roles of the server (bi_reader, a BI tool's login) could guess, they could disturb: the
 * advisory lock of a portal's idempotency key (a held lock answers the portal IN_PROGRESS), and the
 * channel that tells instances an API key changed. Both are now keyed with a secret of this database
 * (registry_secret, readable by its owner only): the lock by registry_try_idempotency_lock, the channel
 * by registry_api_key_channel, both for the application role only. The stored results of idempotent
 * requests are the caller's own: row-level security keeps each API key to its rows.
 */
export class KeyLocksAndNotificationsWithASecret1730000000035 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE registry_secret (name text PRIMARY KEY, value text NOT NULL)`);
    await q.query(`REVOKE ALL ON registry_secret FROM PUBLIC, ${APPLICATION_ROLE}`);
    // gen_random_uuid draws from the operating system's strong random source.
    await q.query(`INSERT INTO registry_secret VALUES ('salt', replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''))`);
    for (const [signature, body] of FUNCTIONS) {
      await q.query(`CREATE FUNCTION ${signature} ${body}`);
      await q.query(`REVOKE ALL ON FUNCTION ${signature} FROM PUBLIC`);
      await q.query(`GRANT EXECUTE ON FUNCTION ${signature} TO ${APPLICATION_ROLE}`);
    }
    await q.query(`
      CREATE OR REPLACE FUNCTION registry_api_key_changed() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
        BEGIN
          PERFORM pg_notify(registry_api_key_channel(), OLD.id::text);
          RETURN NULL;
        END
      $$`);
    await q.query(`ALTER TABLE idempotency_request ENABLE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY idempotency_request_own ON idempotency_request TO ${APPLICATION_ROLE}
      USING (api_key_id = (registry_context()).api_key_id) WITH CHECK (api_key_id = (registry_context()).api_key_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP POLICY idempotency_request_own ON idempotency_request`);
    await q.query(`ALTER TABLE idempotency_request DISABLE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE OR REPLACE FUNCTION registry_api_key_changed() RETURNS trigger
      LANGUAGE plpgsql SECURITY INVOKER AS $$
        BEGIN
          PERFORM pg_notify('${API_KEY_CHANNEL}', OLD.id::text);
          RETURN NULL;
        END
      $$`);
    for (const [signature] of [...FUNCTIONS].reverse()) await q.query(`DROP FUNCTION ${signature}`);
    await q.query(`DROP TABLE registry_secret`);
  }
}
