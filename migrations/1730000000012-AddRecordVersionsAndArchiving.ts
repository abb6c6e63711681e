import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every table a client can write: each record gets a version, timestamps and an archive mark. */
const WRITABLE_TABLES = [
  'source',
  'enterprise',
  'craftsman',
  'innovation_studio',
  'craftsman_academy',
  'collective_innovation_contract',
  'goal',
  'reported_figure',
];

/**
 * `version` drives optimistic concurrency (an update names the version it read); archived records
 * are hidden from lists by default but kept, so that an archive can be undone.
 */
export class AddRecordVersionsAndArchiving1730000000012 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    for (const table of WRITABLE_TABLES) {
      await q.query(`
        ALTER TABLE ${table}
          ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version > 0),
          ADD COLUMN created_at timestamptz NOT NULL DEFAULT now(),
          ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
          ADD COLUMN archived_at timestamptz`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [...WRITABLE_TABLES].reverse()) {
      await q.query(`ALTER TABLE ${table} DROP COLUMN archived_at, DROP COLUMN updated_at, DROP COLUMN created_at, DROP COLUMN version`);
    }
  }
}
