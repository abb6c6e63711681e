import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The city-scoped tables a city portal keeps in sync with its own system. */
const CITY_PORTAL_TABLES = ['enterprise', 'craftsman', 'innovation_studio', 'craftsman_academy', 'collective_innovation_contract'];

/**
 * A portal's own id for a record (外部编号), unique within a city, so that bulk upserts can match
 * records by it. NULLS NOT DISTINCT: records without a city share one namespace too.
 */
export class AddExternalIds1730000000013 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    for (const table of CITY_PORTAL_TABLES) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN external_id text CHECK (length(btrim(external_id)) BETWEEN 1 AND 100)`);
      await q.query(`CREATE UNIQUE INDEX ${table}_external_id_key ON ${table} (city_code, external_id) NULLS NOT DISTINCT WHERE external_id IS NOT NULL`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [...CITY_PORTAL_TABLES].reverse()) {
      await q.query(`ALTER TABLE ${table} DROP COLUMN external_id`);
    }
  }
}
