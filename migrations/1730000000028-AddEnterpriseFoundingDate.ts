import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When an enterprise was founded or registered with the market regulator (成立日期), where known: what
 * enterprise trends are dated by, instead of the day a record was entered in the registry (a seed loads
 * twenty thousand enterprises in one second; that is not when they came to be).
 */
export class AddEnterpriseFoundingDate1730000000028 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE enterprise ADD COLUMN established_on date`);
    await q.query(`CREATE INDEX enterprise_established_on_idx ON enterprise (established_on, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE enterprise DROP COLUMN established_on`);
  }
}
