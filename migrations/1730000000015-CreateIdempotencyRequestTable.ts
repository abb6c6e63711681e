import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bulk imports by idempotency key, per API key: the payload's hash, whether it is still running,
 * and the first result, returned again to a replay.
 */
export class CreateIdempotencyRequestTable1730000000015 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotency_request (
        api_key_id integer NOT NULL REFERENCES api_key (id),
        key text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
        operation text NOT NULL,
        payload_hash char(64) NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        result jsonb,
        PRIMARY KEY (api_key_id, key),
        CHECK ((completed_at IS NULL) = (result IS NULL))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_request`);
  }
}
