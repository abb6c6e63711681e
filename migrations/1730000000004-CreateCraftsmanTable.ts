import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Craftsmen (工匠) at national, provincial and municipal level; holds personal fields. */
export class CreateCraftsmanTable1730000000004 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE craftsman (
        id serial PRIMARY KEY,
        name text NOT NULL CHECK (length(btrim(name)) > 0),
        level text NOT NULL CHECK (level IN ('NATIONAL', 'PROVINCIAL', 'MUNICIPAL')),
        honorary_title text,
        status text NOT NULL CHECK (status IN ('CANDIDATE', 'IN_TRAINING', 'CERTIFIED', 'NOT_CERTIFIED')),
        year integer CHECK (year BETWEEN 1949 AND 2100),
        enterprise_id integer REFERENCES enterprise (id),
        province_code char(6) NOT NULL REFERENCES province (code),
        city_code char(6),
        national_id_number text,
        phone text,
        is_sample boolean NOT NULL DEFAULT false,
        source_id integer REFERENCES source (id),
        FOREIGN KEY (city_code, province_code) REFERENCES city (code, province_code)
      )`);
    await q.query(`CREATE INDEX craftsman_province_code_idx ON craftsman (province_code, id)`);
    await q.query(`CREATE INDEX craftsman_city_code_idx ON craftsman (city_code, id)`);
    await q.query(`CREATE INDEX craftsman_enterprise_id_idx ON craftsman (enterprise_id, id)`);
    await q.query(`CREATE INDEX craftsman_source_id_idx ON craftsman (source_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE craftsman`);
  }
}
