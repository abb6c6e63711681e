import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API keys (接口密钥): only a SHA-256 hash of each key is kept; the key itself is shown once.
 * A CITY_EDITOR key belongs to exactly one city; other roles to none.
 */
export class CreateApiKeyTable1730000000011 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE api_key (
        id serial PRIMARY KEY,
        key_hash char(64) NOT NULL UNIQUE,
        prefix text NOT NULL,
        role text NOT NULL CHECK (role IN ('ADMIN', 'ANALYST', 'CITY_EDITOR')),
        city_code char(6) REFERENCES city (code),
        label text NOT NULL CHECK (length(btrim(label)) BETWEEN 1 AND 200),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz,
        CHECK ((role = 'CITY_EDITOR') = (city_code IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX api_key_city_code_idx ON api_key (city_code)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE api_key`);
  }
}
