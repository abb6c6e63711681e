import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Where this migration installs pg_trgm when the database does not have it yet. */
const SCHEMA = 'registry_search';

/** The columns `nameContains` searches (src/registry/filters.ts, when.contains): a trigram index each. */
const SEARCHED: Array<[table: string, column: string]> = [
  ['enterprise', 'name'],
  ['enterprise', 'name_en'],
  ['innovation_studio', 'name'],
  ['craftsman', 'name'],
  ['craftsman_academy', 'name'],
];

/**
 * Name searches are `ILIKE '%…%'`, which a b-tree cannot serve: at scale every search read the whole
 * table. pg_trgm's GIN indexes serve them for a search of three characters or more (the cost model
 * prices shorter ones as the scans they are). pg_trgm ships with PostgreSQL and is a trusted extension
 * (PostgreSQL 13+), so a database owner may create it; where it cannot be created, searches still work,
 * unindexed, and the start logs nothing worse than this migration's notice. A database whose LC_CTYPE
 * is C sees no trigrams in Chinese text: the embedded database is created with C.UTF-8 (src/db/embedded.ts).
 */
export class IndexNamesForSearch1730000000036 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    // In a schema of its own, so that its functions do not mix with the registry's; kept if it was there before.
    await q.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
        CREATE SCHEMA IF NOT EXISTS ${SCHEMA};
        CREATE EXTENSION pg_trgm SCHEMA ${SCHEMA};
      END IF;
    EXCEPTION WHEN insufficient_privilege OR undefined_file OR feature_not_supported THEN
      RAISE NOTICE 'pg_trgm is not available (%): name searches stay unindexed', SQLERRM;
    END $$`);
    const [found] = await q.query(`SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'`);
    if (!found) return;
    for (const [table, column] of SEARCHED) {
      await q.query(`CREATE INDEX IF NOT EXISTS ${table}_${column}_trgm_idx ON ${table} USING gin (${column} ${found.schema}.gin_trgm_ops)`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table, column] of [...SEARCHED].reverse()) await q.query(`DROP INDEX IF EXISTS ${table}_${column}_trgm_idx`);
    await q.query(`DO $$ BEGIN
      IF EXISTS (SELECT 1 FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm' AND n.nspname = '${SCHEMA}') THEN
        DROP EXTENSION pg_trgm;
      END IF;
    END $$`);
    await q.query(`DROP SCHEMA IF EXISTS ${SCHEMA}`);
  }
}
