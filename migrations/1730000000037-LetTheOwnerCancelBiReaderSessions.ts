import type { MigrationInterface, QueryRunner } from 'typeorm';
import { BI_READER_ROLE } from './1730000000019-CreateBiReaderRole';

/**
 * bi_reader's limits (60 s a statement, 5 minutes idle in a transaction) are role settings it may lift
 * in its own session with SET. src/db/bi-reader.ts enforces them from outside: as the owner, it cancels
 * a statement and ends a session that outlast them, which PostgreSQL allows a member of the session's
 * role (or a superuser). The owner becomes that member here.
 */
export class LetTheOwnerCancelBiReaderSessions1730000000037 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`DO $$ BEGIN
      IF NOT pg_has_role(current_user, '${BI_READER_ROLE}', 'MEMBER') THEN EXECUTE format('GRANT ${BI_READER_ROLE} TO %I', current_user); END IF;
    END $$`);
  }

  async down(): Promise<void> {
    // The membership stays: another database on the server may rely on it, and it lets the owner do nothing it should not.
  }
}
