import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Divisions keep their short name (江苏, 南京: how the reports and the dashboard say them), and now also
 * their official full name (江苏省, 南京市) and its toneless pinyin (jiang su sheng), for search and for
 * readers who do not read Chinese. Filled by migration 24.
 */
export class AddDivisionFullNamesAndPinyin1730000000022 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    for (const table of ['province', 'city']) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN full_name text, ADD COLUMN pinyin text`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['city', 'province']) await q.query(`ALTER TABLE ${table} DROP COLUMN pinyin, DROP COLUMN full_name`);
  }
}
