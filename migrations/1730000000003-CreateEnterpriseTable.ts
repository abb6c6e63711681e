import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Enterprises (企业) by unified social credit code (统一社会信用代码). */
export class CreateEnterpriseTable1730000000003 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE enterprise (
        id serial PRIMARY KEY,
        credit_code char(18) NOT NULL UNIQUE CHECK (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
        name text NOT NULL CHECK (length(btrim(name)) > 0),
        name_en text,
        ownership text NOT NULL CHECK (ownership IN ('STATE_OWNED', 'PRIVATE', 'FOREIGN_INVESTED', 'OTHER')),
        industry text,
        province_code char(6) NOT NULL REFERENCES province (code),
        city_code char(6),
        employee_count integer CHECK (employee_count >= 0),
        is_sample boolean NOT NULL DEFAULT false,
        source_id integer REFERENCES source (id),
        FOREIGN KEY (city_code, province_code) REFERENCES city (code, province_code)
      )`);
    await q.query(`CREATE INDEX enterprise_province_code_idx ON enterprise (province_code, id)`);
    await q.query(`CREATE INDEX enterprise_city_code_idx ON enterprise (city_code, id)`);
    await q.query(`CREATE INDEX enterprise_name_idx ON enterprise (name, id)`);
    await q.query(`CREATE INDEX enterprise_source_id_idx ON enterprise (source_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE enterprise`);
  }
}
