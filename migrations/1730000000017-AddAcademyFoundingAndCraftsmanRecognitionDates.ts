import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dates that time series and goal trends count by: when an academy was founded (成立日期) and
 * when a craftsman was recognised (认定日期). Both are optional: the published reports rarely give
 * them. A craftsman's recognition date must fall in the craftsman's year when both are known.
 */
export class AddAcademyFoundingAndCraftsmanRecognitionDates1730000000017 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE craftsman_academy ADD COLUMN established_on date`);
    await q.query(`ALTER TABLE craftsman ADD COLUMN recognized_on date`);
    await q.query(`ALTER TABLE craftsman ADD CONSTRAINT craftsman_recognized_in_year
      CHECK (recognized_on IS NULL OR year IS NULL OR extract(year FROM recognized_on) = year)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE craftsman DROP COLUMN recognized_on`);
    await q.query(`ALTER TABLE craftsman_academy DROP COLUMN established_on`);
  }
}
