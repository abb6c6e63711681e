import type { MigrationInterface, QueryRunner } from 'typeorm';
import { BI_SCHEMA } from './1730000000018-CreateBiViews';

/** The login BI tools connect as (README, "Connect a BI tool"); its password comes from BI_READER_PASSWORD at start. */
export const BI_READER_ROLE = 'bi_reader';

/**
 * `bi_reader` may read the bi views and nothing else: the views run with their owner's rights, so it
 * needs, and gets, no right on any table (the tables grant nothing to PUBLIC). It is created without
 * a password, so it cannot log in until src/db/bi-reader.ts sets one.
 *
 * Its settings guard the registry's server against a heavy dashboard: at most 10 connections, a
 * 60-second statement limit, no transaction left open for more than 5 minutes, and read-only
 * transactions by default. A session may change the last three itself; they are guards, not the
 * boundary: the privileges are.
 */
export class CreateBiReaderRole1730000000019 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    // Roles are per server, not per database: another database on the server may have made it.
    await q.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${BI_READER_ROLE}') THEN
        CREATE ROLE ${BI_READER_ROLE} LOGIN NOINHERIT CONNECTION LIMIT 10;
        ALTER ROLE ${BI_READER_ROLE} SET statement_timeout = '60s';
        ALTER ROLE ${BI_READER_ROLE} SET idle_in_transaction_session_timeout = '5min';
        ALTER ROLE ${BI_READER_ROLE} SET default_transaction_read_only = on;
        ALTER ROLE ${BI_READER_ROLE} SET search_path = ${BI_SCHEMA};
      END IF;
    END $$`);
    await q.query(`GRANT USAGE ON SCHEMA ${BI_SCHEMA} TO ${BI_READER_ROLE}`);
    await q.query(`GRANT SELECT ON ALL TABLES IN SCHEMA ${BI_SCHEMA} TO ${BI_READER_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA ${BI_SCHEMA} FROM ${BI_READER_ROLE}`);
    await q.query(`REVOKE ALL ON SCHEMA ${BI_SCHEMA} FROM ${BI_READER_ROLE}`);
    // The role itself stays: it is shared by every database on the server and owns nothing.
  }
}
