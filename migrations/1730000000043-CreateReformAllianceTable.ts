import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createRegistryTable, dropRegistryTable, registryView, UNKNOWN, type RegistryTable } from './support/registry-table';

/** Reform alliances (产改联盟): src/modules/reform-alliance. */
const TABLE: RegistryTable = {
  name: 'reform_alliance',
  recordType: 'ReformAlliance',
  scope: 'CITY',
  columns: [
    'name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200)',
    'area text CHECK (length(btrim(area)) BETWEEN 1 AND 200)',
    'founded_on date',
    'member_enterprises integer CHECK (member_enterprises >= 0)',
    'member_units integer CHECK (member_units >= 0)',
  ],
  indexes: [
    ['reform_alliance_name_idx', 'name, id'],
    ['reform_alliance_founded_on_idx', 'founded_on, id'],
  ],
  searched: ['name'],
  biView: registryView({
    table: 'reform_alliance',
    comment: 'Reform alliances (产改联盟) with their members and place; active records only.',
    select: 't.name, t.area, t.founded_on, t.member_enterprises, t.member_units',
    columns: {
      name: 'Name of the alliance (联盟名称)',
      area: `The park or area it serves (所在园区/区域); ${UNKNOWN}`,
      founded_on: `Date founded (成立日期); ${UNKNOWN}`,
      member_enterprises: `Member enterprises (成员企业数); ${UNKNOWN}`,
      member_units: `Member units other than enterprises (成员单位数); ${UNKNOWN}`,
    },
  }),
  goalMetrics: { REFORM_ALLIANCES: 'Reform alliances (产改联盟).' },
};

export class CreateReformAllianceTable1730000000043 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await createRegistryTable(q, TABLE);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropRegistryTable(q, TABLE);
  }
}
