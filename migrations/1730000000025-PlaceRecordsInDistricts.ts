import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables that lie in a province and, where known, a city (migration 10's list). */
const PLACED_TABLES = ['enterprise', 'craftsman', 'innovation_studio', 'craftsman_academy', 'collective_innovation_contract', 'goal', 'reported_figure'];

/**
 * A record, goal or published figure may lie in a county-level district (区/县), e.g. Nanjing's district
 * craftsman academies. The district must lie in the record's city: (district_code, city_code) refers to
 * the district's own pair, and a district needs a city (a NULL city would let PostgreSQL skip the key).
 */
export class PlaceRecordsInDistricts1730000000025 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    for (const table of PLACED_TABLES) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN district_code char(6),
        ADD CONSTRAINT ${table}_district_in_city FOREIGN KEY (district_code, city_code) REFERENCES district (code, city_code),
        ADD CONSTRAINT ${table}_district_has_city CHECK (district_code IS NULL OR city_code IS NOT NULL)`);
      // Leads with the key's columns (house rule), and serves a district's list in id order.
      await q.query(`CREATE INDEX ${table}_district_code_idx ON ${table} (district_code, city_code, id)`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [...PLACED_TABLES].reverse()) await q.query(`ALTER TABLE ${table} DROP COLUMN district_code`);
  }
}
