import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * County-level divisions (县级: districts 区, counties 县, county-level cities 县级市, banners 旗) by their
 * GB/T 2260 code, each in one city. Read-only reference data, like provinces and cities.
 */
export class CreateDistrictTable1730000000023 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE district (
        code char(6) PRIMARY KEY CHECK (code ~ '^[1-8][0-9]{5}$' AND substr(code, 5, 2) <> '00'),
        city_code char(6) NOT NULL,
        province_code char(6) NOT NULL,
        name text NOT NULL,
        full_name text NOT NULL,
        name_en text,
        pinyin text,
        CHECK (substr(code, 1, 2) = substr(province_code, 1, 2)),
        FOREIGN KEY (city_code, province_code) REFERENCES city (code, province_code),
        -- lets registry tables check that a record's district lies in its city
        UNIQUE (code, city_code)
      )`);
    await q.query(`CREATE INDEX district_city_code_idx ON district (city_code, province_code, code)`);
    await q.query(`CREATE INDEX district_province_code_idx ON district (province_code, code)`);
    await q.query(`GRANT SELECT ON district TO registry_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE district`);
  }
}
