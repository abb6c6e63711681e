import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Where every goal, figure and seeded record comes from (出处). */
export class CreateSourceTable1730000000001 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE source (
        id serial PRIMARY KEY,
        publisher text NOT NULL CHECK (length(btrim(publisher)) > 0),
        publisher_en text,
        title text NOT NULL CHECK (length(btrim(title)) > 0),
        published_on date NOT NULL,
        url text,
        UNIQUE (publisher, title, published_on)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE source`);
  }
}
