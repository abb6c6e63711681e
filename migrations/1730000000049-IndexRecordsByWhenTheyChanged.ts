import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables of records that clients write made before registry-table.ts made this index with the table. */
const OLDER_TABLES = ['enterprise', 'innovation_studio', 'craftsman_academy', 'collective_innovation_contract', 'craftsman', 'source', 'goal', 'reported_figure'];

/** Those registry-table.ts made (migrations 40–47); a database that ran them before it made the index gets it here. */
const SUPPORT_TABLES = [
  'skill_competition',
  'training_programme',
  'grassroots_organisation',
  'reform_alliance',
  'enterprise_service_request',
  'reform_demonstration',
  'competition_award',
];

/**
 * A portal or BI tool that keeps a copy asks for what changed since its last pull (`filter: { updatedFrom }`):
 * an index range scan on when each record last changed, not a scan of the whole table.
 */
export class IndexRecordsByWhenTheyChanged1730000000049 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    for (const table of [...OLDER_TABLES, ...SUPPORT_TABLES]) await q.query(`CREATE INDEX IF NOT EXISTS ${table}_updated_at_idx ON ${table} (updated_at, id)`);
  }

  // The support tables' indexes belong to their tables now (registry-table.ts), dropped with them.
  async down(q: QueryRunner): Promise<void> {
    for (const table of OLDER_TABLES) await q.query(`DROP INDEX ${table}_updated_at_idx`);
  }
}
