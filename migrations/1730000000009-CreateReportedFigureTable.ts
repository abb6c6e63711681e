import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Published statistics that are not counts of registry rows (公开统计数据). */
export class CreateReportedFigureTable1730000000009 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reported_figure (
        id serial PRIMARY KEY,
        province_code char(6) NOT NULL REFERENCES province (code),
        city_code char(6),
        subject text,
        metric text NOT NULL,
        value numeric NOT NULL,
        unit text NOT NULL CHECK (unit IN ('PERSONS', 'ENTERPRISES', 'ORGANISATIONS', 'EVENTS', 'PERCENT', 'COUNT')),
        as_of date NOT NULL,
        source_id integer NOT NULL REFERENCES source (id),
        FOREIGN KEY (city_code, province_code) REFERENCES city (code, province_code)
      )`);
    await q.query(`CREATE INDEX reported_figure_province_code_idx ON reported_figure (province_code, id)`);
    await q.query(`CREATE INDEX reported_figure_city_code_idx ON reported_figure (city_code, id)`);
    await q.query(`CREATE INDEX reported_figure_source_id_idx ON reported_figure (source_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE reported_figure`);
  }
}
