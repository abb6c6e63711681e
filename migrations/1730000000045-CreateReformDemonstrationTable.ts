import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createRegistryTable, dropRegistryTable, registryView, UNKNOWN, type RegistryTable } from './support/registry-table';

/** Reform demonstration projects and units (产改示范项目/单位): src/modules/reform-demonstration. */
const TABLE: RegistryTable = {
  name: 'reform_demonstration',
  recordType: 'ReformDemonstration',
  scope: 'CITY',
  underEnterprise: true,
  columns: [
    'name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200)',
    `level text CHECK (level IN ('NATIONAL', 'PROVINCIAL', 'MUNICIPAL', 'DISTRICT', 'ENTERPRISE'))`,
    'recognised_by text CHECK (length(btrim(recognised_by)) BETWEEN 1 AND 200)',
    'recognised_on date',
  ],
  indexes: [
    ['reform_demonstration_name_idx', 'name, id'],
    ['reform_demonstration_recognised_on_idx', 'recognised_on, id'],
  ],
  searched: ['name'],
  biView: registryView({
    table: 'reform_demonstration',
    comment: 'Reform demonstration projects and units (产改示范项目/单位) with their enterprise and place; active records only.',
    select: 't.name, t.level, t.recognised_by, t.recognised_on, t.enterprise_id, e.name AS enterprise_name',
    joins: 'LEFT JOIN enterprise e ON e.id = t.enterprise_id',
    columns: {
      name: 'The project or unit as recognised (示范项目/单位名称)',
      level: `Level (示范级别): NATIONAL 全国, PROVINCIAL 省级, MUNICIPAL 市级, DISTRICT 区县级, ENTERPRISE 企业/园区级; ${UNKNOWN}`,
      recognised_by: `Who recognised it (认定单位); ${UNKNOWN}`,
      recognised_on: `Day recognised (认定日期); ${UNKNOWN}`,
      enterprise_id: `The enterprise recognised (示范企业): bi.enterprise.id; ${UNKNOWN}`,
    },
  }),
  goalMetrics: { REFORM_DEMONSTRATIONS: 'Reform demonstration projects and units (产改示范项目/单位), any level.' },
};

export class CreateReformDemonstrationTable1730000000045 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await createRegistryTable(q, TABLE);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropRegistryTable(q, TABLE);
  }
}
