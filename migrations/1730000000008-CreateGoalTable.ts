import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Published goals (目标): a target for a metric in a province or city by a deadline. */
export class CreateGoalTable1730000000008 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE goal (
        id serial PRIMARY KEY,
        province_code char(6) NOT NULL REFERENCES province (code),
        city_code char(6),
        metric text NOT NULL CHECK (metric IN ('INNOVATION_STUDIOS', 'CRAFTSMAN_ACADEMIES', 'COLLECTIVE_CONTRACTS',
          'WORKERS_COVERED', 'CRAFTSMEN', 'NATIONAL_CRAFTSMEN', 'PROVINCIAL_CRAFTSMEN', 'MUNICIPAL_CRAFTSMEN')),
        target integer NOT NULL CHECK (target > 0),
        deadline date NOT NULL,
        baseline_value integer CHECK (baseline_value >= 0),
        baseline_on date,
        description text,
        source_id integer NOT NULL REFERENCES source (id),
        FOREIGN KEY (city_code, province_code) REFERENCES city (code, province_code),
        CHECK ((baseline_value IS NULL) = (baseline_on IS NULL)),
        CHECK (baseline_on IS NULL OR baseline_on < deadline)
      )`);
    await q.query(`CREATE INDEX goal_province_code_idx ON goal (province_code, id)`);
    await q.query(`CREATE INDEX goal_city_code_idx ON goal (city_code, id)`);
    await q.query(`CREATE INDEX goal_source_id_idx ON goal (source_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE goal`);
  }
}
