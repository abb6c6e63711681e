import type { QueryRunner } from 'typeorm';
import type { TestApp } from './test-app';

/**
 * Holds `LOCK TABLE <table> IN ACCESS EXCLUSIVE MODE` on the owner's connection until unlock(): every
 * read and write of the table waits, as production statements wait on a lock held elsewhere.
 */
export async function lockTable(app: TestApp, table: string): Promise<QueryRunner> {
  const runner = app.dataSource.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  await runner.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
  return runner;
}

export async function unlock(runner: QueryRunner): Promise<void> {
  await runner.rollbackTransaction();
  await runner.release();
}
