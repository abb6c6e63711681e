import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Craftsman academies (工匠学院). */
export class CreateCraftsmanAcademyTable1730000000006 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE craftsman_academy (
        id serial PRIMARY KEY,
        name text NOT NULL CHECK (length(btrim(name)) > 0),
        level text NOT NULL CHECK (level IN ('PROVINCIAL', 'MUNICIPAL', 'DISTRICT')),
        host_institution text,
        province_code char(6) NOT NULL REFERENCES province (code),
        city_code char(6),
        on_provincial_support_list boolean NOT NULL DEFAULT false,
        is_sample boolean NOT NULL DEFAULT false,
        source_id integer REFERENCES source (id),
        FOREIGN KEY (city_code, province_code) REFERENCES city (code, province_code)
      )`);
    await q.query(`CREATE INDEX craftsman_academy_province_code_idx ON craftsman_academy (province_code, id)`);
    await q.query(`CREATE INDEX craftsman_academy_city_code_idx ON craftsman_academy (city_code, id)`);
    await q.query(`CREATE INDEX craftsman_academy_source_id_idx ON craftsman_academy (source_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE craftsman_academy`);
  }
}
