import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Collective innovation contracts (技术创新集体合同), one enterprise each. */
export class CreateCollectiveInnovationContractTable1730000000007 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE collective_innovation_contract (
        id serial PRIMARY KEY,
        enterprise_id integer NOT NULL REFERENCES enterprise (id),
        -- copied from the enterprise so that contracts filter and group by place without a join
        province_code char(6) NOT NULL REFERENCES province (code),
        city_code char(6),
        signed_on date NOT NULL,
        term_months integer NOT NULL CHECK (term_months > 0 AND term_months <= 120),
        workers_covered integer NOT NULL CHECK (workers_covered >= 0),
        projects_planned integer NOT NULL DEFAULT 0 CHECK (projects_planned >= 0),
        projects_completed integer NOT NULL DEFAULT 0 CHECK (projects_completed >= 0),
        is_sample boolean NOT NULL DEFAULT false,
        source_id integer REFERENCES source (id),
        FOREIGN KEY (city_code, province_code) REFERENCES city (code, province_code)
      )`);
    await q.query(`CREATE INDEX collective_innovation_contract_enterprise_id_idx ON collective_innovation_contract (enterprise_id, id)`);
    await q.query(`CREATE INDEX collective_innovation_contract_province_code_idx ON collective_innovation_contract (province_code, id)`);
    await q.query(`CREATE INDEX collective_innovation_contract_city_code_idx ON collective_innovation_contract (city_code, id)`);
    await q.query(`CREATE INDEX collective_innovation_contract_signed_on_idx ON collective_innovation_contract (signed_on, id)`);
    await q.query(`CREATE INDEX collective_innovation_contract_source_id_idx ON collective_innovation_contract (source_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE collective_innovation_contract`);
  }
}
