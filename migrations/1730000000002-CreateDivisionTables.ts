import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Provinces and cities by their 6-digit administrative division codes (行政区划代码). */
export class CreateDivisionTables1730000000002 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE province (
        code char(6) PRIMARY KEY CHECK (code ~ '^[1-8][0-9]0000$'),
        name text NOT NULL UNIQUE,
        name_en text
      )`);
    await q.query(`
      CREATE TABLE city (
        code char(6) PRIMARY KEY CHECK (code ~ '^[1-8][0-9][0-9]{2}00$' AND substr(code, 3, 2) <> '00'),
        province_code char(6) NOT NULL REFERENCES province (code),
        name text NOT NULL,
        name_en text,
        CHECK (substr(code, 1, 2) = substr(province_code, 1, 2)),
        -- lets city-scoped tables check that a record's city lies in its province
        UNIQUE (code, province_code)
      )`);
    await q.query(`CREATE INDEX city_province_code_idx ON city (province_code)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE city`);
    await q.query(`DROP TABLE province`);
  }
}
