import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APPLICATION_ROLE } from './1730000000016-CreateApplicationRoleWithRowLevelSecurity';

/**
 * Goal progress and rankings counted every record of their scope on every request (issue 21). The goal
 * tally holds those counts as records change: per goal metric and scope (a province, city or district: a
 * record counts in each of its three), per sample flag and per event date: a row per exact (earliest,
 * latest) day pair ('D'), per pair of months ('M') and per pair of years ('Y'). A goal reads the year rows,
 * and the month and day rows only of the years and months its window and period start fall in: about a
 * hundred rows at any scale.
 *
 * What the rows hold follows from the registry types' declarations (their goal metrics), so the triggers
 * that keep them are made at start-up from those (src/registry/goal-tally.ts), not here: `tally_definition`
 * records what each tally was made from, so that a changed declaration rebuilds its rows once. The same
 * goes for the statistics tallies (`<table>_stats_tally`, src/registry/stats-tally.ts), which are tables of
 * their own, made at start-up with the columns their type's statistics group by.
 */
export class KeepGoalCountsAsRecordsChange1730000000052 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE goal_tally (
      metric text NOT NULL REFERENCES goal_metric (name) ON DELETE CASCADE,
      scope_code char(6) NOT NULL,
      grain char(1) NOT NULL CHECK (grain IN ('D', 'M', 'Y')),
      earliest date,
      latest date,
      is_sample boolean NOT NULL,
      records bigint NOT NULL,
      value_sum numeric NOT NULL,
      unknown_values bigint NOT NULL
    )`);
    await q.query(`COMMENT ON TABLE goal_tally IS 'Active records per goal metric, scope, sample flag and event date (by day: D, month: M, year: Y), kept by triggers as records change (src/registry/goal-tally.ts). 目标计数汇总'`);
    // A goal reads its rows from the indexes alone (the counts are included): the month rows of its scope, and the
    // day rows of a boundary month by either date.
    await q.query(`CREATE UNIQUE INDEX goal_tally_key ON goal_tally (metric, scope_code, grain, earliest, latest, is_sample)
      INCLUDE (records, value_sum, unknown_values) NULLS NOT DISTINCT`);
    await q.query(`CREATE INDEX goal_tally_latest_idx ON goal_tally (metric, scope_code, grain, latest) INCLUDE (earliest, is_sample, records, value_sum, unknown_values)`);
    await q.query(`CREATE TABLE tally_definition (
      name text PRIMARY KEY CHECK (name ~ '^(goal|stats):[a-z_]+$'),
      definition text NOT NULL,
      built_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`COMMENT ON TABLE tally_definition IS 'What each tally''s triggers and rows were made from: goal:<table> (its goal metrics), stats:<table> (its statistics columns).'`);
    // Written by the owner's triggers (SECURITY DEFINER) only; requests read.
    await q.query(`GRANT SELECT ON goal_tally TO ${APPLICATION_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    const made: Array<{ name: string }> = await q.query(`SELECT name FROM tally_definition`);
    for (const { name } of made) {
      const [kind, table] = name.split(':');
      for (const suffix of ['insert', 'update', 'delete', 'truncate']) await q.query(`DROP TRIGGER IF EXISTS ${table}_${kind}_tally_${suffix} ON ${table}`);
      await q.query(`DROP FUNCTION IF EXISTS ${table}_${kind}_tally()`);
      await q.query(`DROP FUNCTION IF EXISTS ${table}_${kind}_tally_truncate()`);
      if (kind === 'stats') await q.query(`DROP TABLE IF EXISTS ${table}_stats_tally`);
    }
    await q.query(`DROP TABLE tally_definition`);
    await q.query(`DROP TABLE goal_tally`);
  }
}
