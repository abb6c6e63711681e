import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A goal may count only what happens from a day on ("266 new unions in 2024", "N new unions in 2026"):
 * records dated on or after `counts_from` (统计起始日), before its deadline.
 */
export class LetAGoalCountFromADay1730000000046 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE goal ADD COLUMN counts_from date CONSTRAINT goal_counts_from_before_deadline CHECK (counts_from < deadline)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE goal DROP COLUMN counts_from`);
  }
}
