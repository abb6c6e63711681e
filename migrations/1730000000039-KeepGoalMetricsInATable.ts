import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The metrics of migration 8's CHECK, with their descriptions. */
const METRICS_OF_MIGRATION_8: Record<string, string> = {
  INNOVATION_STUDIOS: 'Innovation studios (创新工作室), all kinds.',
  CRAFTSMAN_ACADEMIES: 'Craftsman academies (工匠学院), all levels.',
  COLLECTIVE_CONTRACTS: 'Collective innovation contracts (技术创新集体合同).',
  WORKERS_COVERED: 'Workers covered by collective innovation contracts (覆盖职工人数).',
  CRAFTSMEN: 'Certified craftsmen of any level (已认定工匠).',
  NATIONAL_CRAFTSMEN: 'Certified national craftsmen (国家工匠).',
  PROVINCIAL_CRAFTSMEN: 'Certified provincial craftsmen (省级工匠).',
  MUNICIPAL_CRAFTSMEN: 'Certified municipal craftsmen (市级工匠).',
};

/**
 * What a goal may count was a CHECK listing the metrics (migration 8); it is now a table the goal
 * refers to, so that a new registry type's migration adds its own metrics
 * (migrations/support/registry-table.ts) without rewriting the goal table's constraint.
 */
export class KeepGoalMetricsInATable1730000000039 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE goal_metric (name text PRIMARY KEY CHECK (name ~ '^[A-Z][A-Z0-9_]*$'), description text NOT NULL)`);
    for (const [name, description] of Object.entries(METRICS_OF_MIGRATION_8)) {
      await q.query(`INSERT INTO goal_metric (name, description) VALUES ($1, $2)`, [name, description]);
    }
    await q.query(`ALTER TABLE goal DROP CONSTRAINT goal_metric_check`);
    await q.query(`ALTER TABLE goal ADD CONSTRAINT goal_metric_fkey FOREIGN KEY (metric) REFERENCES goal_metric (name)`);
    await q.query(`CREATE INDEX goal_metric_idx ON goal (metric)`);
    await q.query(`GRANT SELECT ON goal_metric TO registry_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX goal_metric_idx`);
    await q.query(`ALTER TABLE goal DROP CONSTRAINT goal_metric_fkey`);
    await q.query(`ALTER TABLE goal ADD CONSTRAINT goal_metric_check CHECK (metric IN (${Object.keys(METRICS_OF_MIGRATION_8).map((m) => `'${m}'`).join(', ')}))`);
    await q.query(`DROP TABLE goal_metric`);
  }
}
