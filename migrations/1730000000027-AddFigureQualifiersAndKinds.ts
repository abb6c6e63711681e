import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A published number is as exact as the report wrote it: "598" is EXACT, "over 20,800" (超过/以上) AT_LEAST,
 * "about 100" (约/左右) ABOUT, "no more than" (不超过/以内) AT_MOST. And a figure is either something
 * achieved (ACHIEVEMENT) or something planned or targeted (PLAN: Foshan's 266 new unions planned for
 * 2024). Goals' targets carry the same qualifier ("more than 1,000 studios", "about 100 craftsmen").
 * Rows already stored keep EXACT and ACHIEVEMENT, what they were taken to mean.
 */
export class AddFigureQualifiersAndKinds1730000000027 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reported_figure
      ADD COLUMN qualifier text NOT NULL DEFAULT 'EXACT' CHECK (qualifier IN ('EXACT', 'AT_LEAST', 'ABOUT', 'AT_MOST')),
      ADD COLUMN kind text NOT NULL DEFAULT 'ACHIEVEMENT' CHECK (kind IN ('ACHIEVEMENT', 'PLAN'))`);
    await q.query(`ALTER TABLE goal
      ADD COLUMN target_qualifier text NOT NULL DEFAULT 'EXACT' CHECK (target_qualifier IN ('EXACT', 'AT_LEAST', 'ABOUT', 'AT_MOST'))`);
    // Goal evidence looks up the published figures of a metric in a place.
    await q.query(`CREATE INDEX reported_figure_metric_idx ON reported_figure (metric, province_code, as_of)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX reported_figure_metric_idx`);
    await q.query(`ALTER TABLE goal DROP COLUMN target_qualifier`);
    await q.query(`ALTER TABLE reported_figure DROP COLUMN kind, DROP COLUMN qualifier`);
  }
}
