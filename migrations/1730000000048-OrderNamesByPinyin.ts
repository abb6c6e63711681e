import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Names sort as a Chinese reader expects: by pinyin (常州, 南京, 南通, 苏州, 宿迁, 徐州), not by code point
 * (南京, 南通, 宿迁, 常州, 徐州), whatever locale the cluster was created with (the embedded one uses C).
 * `registry_name` is ICU's Chinese collation, pinyin order, where the server was built with ICU (the
 * embedded PostgreSQL is; most distributions' are); on one without ICU it is a copy of "C", so every
 * query stays valid and names sort by code point, as before, and the start-up log says so
 * (src/db/bootstrap.ts). The name orderings' indexes are rebuilt on the collated name, so that a page
 * of a NAME_ASC list, and a keyset cursor deep in it, stay index range scans.
 */
const NAME_INDEXES: Array<[index: string, table: string]> = [
  ['enterprise_name_idx', 'enterprise'],
  ['innovation_studio_name_order_idx', 'innovation_studio'],
  ['craftsman_name_order_idx', 'craftsman'],
  ['craftsman_academy_name_order_idx', 'craftsman_academy'],
  ['skill_competition_name_idx', 'skill_competition'],
  ['training_programme_name_idx', 'training_programme'],
  ['grassroots_organisation_name_idx', 'grassroots_organisation'],
  ['reform_alliance_name_idx', 'reform_alliance'],
  ['reform_demonstration_name_idx', 'reform_demonstration'],
];

export class OrderNamesByPinyin1730000000048 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    const [{ icu }] = await q.query(`SELECT EXISTS (SELECT 1 FROM pg_collation WHERE collprovider = 'i') AS icu`);
    if (icu) await q.query(`CREATE COLLATION registry_name (provider = icu, locale = 'zh-u-co-pinyin')`);
    else await q.query(`CREATE COLLATION registry_name FROM "C"`);
    await q.query(`COMMENT ON COLLATION registry_name IS '${icu ? 'Chinese names in pinyin order (ICU zh-u-co-pinyin)' : 'No ICU on this server: names in code-point order (a copy of C)'}'`);
    for (const [index, table] of NAME_INDEXES) {
      await q.query(`DROP INDEX ${index}`);
      await q.query(`CREATE INDEX ${index} ON ${table} ((name COLLATE registry_name), id)`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [index, table] of NAME_INDEXES) {
      await q.query(`DROP INDEX ${index}`);
      await q.query(`CREATE INDEX ${index} ON ${table} (name, id)`);
    }
    await q.query(`DROP COLLATION registry_name`);
  }
}
