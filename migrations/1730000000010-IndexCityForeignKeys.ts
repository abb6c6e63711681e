import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables that point at a city through the composite key (city_code, province_code). */
const CITY_SCOPED_TABLES = [
  'enterprise',
  'craftsman',
  'innovation_studio',
  'craftsman_academy',
  'collective_innovation_contract',
  'goal',
  'reported_figure',
];

/**
 * House rule: every foreign key is backed by an index whose leading columns are its columns. The
 * (city_code, province_code) → city keys had only (city_code, id) indexes; these complete them.
 */
export class IndexCityForeignKeys1730000000010 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    for (const table of CITY_SCOPED_TABLES) {
      await q.query(`CREATE INDEX ${table}_city_province_idx ON ${table} (city_code, province_code)`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [...CITY_SCOPED_TABLES].reverse()) {
      await q.query(`DROP INDEX ${table}_city_province_idx`);
    }
  }
}
