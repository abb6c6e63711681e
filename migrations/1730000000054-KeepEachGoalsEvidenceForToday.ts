import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APPLICATION_ROLE } from './1730000000016-CreateApplicationRoleWithRowLevelSecurity';

const DEFINER = `SECURITY DEFINER SET search_path = pg_catalog, public`;

/**
 * A goal's evidence (its counts, gains in the last 12 months, undated and sample records) read from the goal tally
 * still took a few hundred tally rows and five index lookups per goal: about 0.3 ms each, 4 ms for a province's
 * ranking, and the larger the tally the more of it falls outside memory (issue 21). `goal_evidence` keeps each goal's
 * evidence as of one day, China time: the goal tally's triggers add every write's contributions to it in the same
 * statement as to the tally (src/registry/goal-tally.ts), and the server counts it again from the tally at start, for
 * each new day and for a goal without one (src/registry/goal-evidence.ts). A read takes a goal's row only if it is kept
 * for that read's day, and counts from the tally otherwise: the row makes the answer faster, never different.
 *
 * A goal whose scope, metric or first day changes loses its row here (the refresh counts it again). Requests read the
 * rows; only the owner's triggers and refresh write them.
 */
export class KeepEachGoalsEvidenceForToday1730000000054 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE goal_evidence (
      goal_id integer PRIMARY KEY REFERENCES goal (id) ON DELETE CASCADE,
      as_of date NOT NULL,
      records bigint NOT NULL,
      value_sum numeric NOT NULL,
      unknown_values bigint NOT NULL,
      gained_last_12_months numeric NOT NULL,
      undated bigint NOT NULL,
      samples bigint NOT NULL,
      outside_period bigint NOT NULL
    )`);
    await q.query(`COMMENT ON TABLE goal_evidence IS 'Each goal''s evidence as of one day (China time), kept by the goal tally''s triggers and counted again from the tally for each new day (src/registry/goal-tally.ts, goal-evidence.ts). 目标进展依据'`);
    await q.query(`CREATE FUNCTION goal_evidence_forget() RETURNS trigger LANGUAGE plpgsql ${DEFINER} AS $$
      BEGIN
        DELETE FROM goal_evidence WHERE goal_id = NEW.id;
        RETURN NULL;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION goal_evidence_forget() FROM PUBLIC`);
    await q.query(`CREATE TRIGGER goal_evidence_forget AFTER UPDATE OF metric, province_code, city_code, district_code, counts_from ON goal
      FOR EACH ROW WHEN ((OLD.metric, OLD.province_code, OLD.city_code, OLD.district_code, OLD.counts_from)
        IS DISTINCT FROM (NEW.metric, NEW.province_code, NEW.city_code, NEW.district_code, NEW.counts_from))
      EXECUTE FUNCTION goal_evidence_forget()`);
    await q.query(`GRANT SELECT ON goal_evidence TO ${APPLICATION_ROLE}`);
    // The goal tallies' triggers are made again at the next start, now keeping this table too (a changed definition).
  }

  async down(q: QueryRunner): Promise<void> {
    // The goal tallies' triggers write to this table: they go first, and are made again (without it) at the next start.
    const made: Array<{ name: string }> = await q.query(`SELECT name FROM tally_definition WHERE name LIKE 'goal:%'`);
    for (const { name } of made) {
      const table = name.slice('goal:'.length);
      for (const suffix of ['insert', 'update', 'delete', 'truncate']) await q.query(`DROP TRIGGER IF EXISTS ${table}_goal_tally_${suffix} ON ${table}`);
      await q.query(`DROP FUNCTION IF EXISTS ${table}_goal_tally()`);
      await q.query(`DROP FUNCTION IF EXISTS ${table}_goal_tally_truncate()`);
    }
    await q.query(`DELETE FROM tally_definition WHERE name LIKE 'goal:%'`);
    await q.query(`DROP TRIGGER goal_evidence_forget ON goal`);
    await q.query(`DROP FUNCTION goal_evidence_forget()`);
    await q.query(`DROP TABLE goal_evidence`);
  }
}
