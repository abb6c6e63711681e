import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The change feed (`changes`, src/modules/audit/change-feed.ts) must never skip an entry. Entry ids come from
 * a sequence when the row is written, not when its transaction commits: a transaction that took id 100
 * may commit after one that took 101, and a reader that had moved past 101 would never see 100. Each entry
 * notes its transaction (`pg_current_xact_id()`, the same for every entry of one write); the feed orders by
 * it and gives only entries of transactions older than every one still running
 * (`pg_snapshot_xmin(pg_current_snapshot())`), so whatever commits later sorts after what was given.
 * Entries written before this migration all get its transaction: they are older than anything after it.
 */
export class NoteEachAuditEntrysTransaction1730000000050 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_entry ADD COLUMN transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id()`);
    await q.query(`COMMENT ON COLUMN audit_entry.transaction_id IS 'The writing transaction (pg_current_xact_id): the change feed''s order, safe against late commits'`);
    await q.query(`CREATE INDEX audit_entry_transaction_idx ON audit_entry (transaction_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_entry DROP COLUMN transaction_id`);
  }
}
