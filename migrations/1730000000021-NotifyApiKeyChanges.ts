import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The channel src/auth/api-key-cache.ts listens on; the payload is the key's id. */
export const API_KEY_CHANNEL = 'registry_api_key_changed';

/**
 * Every instance keeps the keys it has authenticated for a minute (src/auth/api-key-cache.ts), so a
 * change to who a key is (revoked, re-roled, moved to another city, relabelled, rehashed or deleted)
 * is announced to all of them at commit. Marking a key used (last_used_at) is not announced: it
 * happens on requests and changes nothing a cached caller holds.
 */
export class NotifyApiKeyChanges1730000000021 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION registry_api_key_changed() RETURNS trigger
      LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM pg_notify('${API_KEY_CHANNEL}', OLD.id::text);
          RETURN NULL;
        END
      $$`);
    await q.query(`
      CREATE TRIGGER api_key_changed
      AFTER UPDATE OF revoked_at, role, city_code, label, key_hash OR DELETE ON api_key
      FOR EACH ROW EXECUTE FUNCTION registry_api_key_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER api_key_changed ON api_key`);
    await q.query(`DROP FUNCTION registry_api_key_changed()`);
  }
}
