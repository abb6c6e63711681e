import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Innovation studios (创新工作室). */
export class CreateInnovationStudioTable1730000000005 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE innovation_studio (
        id serial PRIMARY KEY,
        name text NOT NULL CHECK (length(btrim(name)) > 0),
        kind text NOT NULL CHECK (kind IN ('MODEL_WORKER', 'EMPLOYEE', 'CRAFTSMAN', 'SPECIALISED_TECHNICAL')),
        demonstration_level text NOT NULL DEFAULT 'NONE' CHECK (demonstration_level IN ('NATIONAL', 'PROVINCIAL', 'MUNICIPAL', 'NONE')),
        enterprise_id integer NOT NULL REFERENCES enterprise (id),
        province_code char(6) NOT NULL REFERENCES province (code),
        city_code char(6),
        established_on date,
        lead_craftsman_id integer REFERENCES craftsman (id),
        is_sample boolean NOT NULL DEFAULT false,
        source_id integer REFERENCES source (id),
        FOREIGN KEY (city_code, province_code) REFERENCES city (code, province_code)
      )`);
    await q.query(`CREATE INDEX innovation_studio_province_code_idx ON innovation_studio (province_code, id)`);
    await q.query(`CREATE INDEX innovation_studio_city_code_idx ON innovation_studio (city_code, id)`);
    await q.query(`CREATE INDEX innovation_studio_enterprise_id_idx ON innovation_studio (enterprise_id, id)`);
    await q.query(`CREATE INDEX innovation_studio_lead_craftsman_id_idx ON innovation_studio (lead_craftsman_id)`);
    await q.query(`CREATE INDEX innovation_studio_established_on_idx ON innovation_studio (established_on, id)`);
    await q.query(`CREATE INDEX innovation_studio_source_id_idx ON innovation_studio (source_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE innovation_studio`);
  }
}
