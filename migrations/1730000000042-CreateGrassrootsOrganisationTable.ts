import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createRegistryTable, dropRegistryTable, registryView, UNKNOWN, type RegistryTable } from './support/registry-table';

/** Grassroots trade unions and party branches (基层工会、党支部): src/modules/grassroots-organisation. */
const TABLE: RegistryTable = {
  name: 'grassroots_organisation',
  recordType: 'GrassrootsOrganisation',
  scope: 'CITY',
  underEnterprise: true,
  columns: [
    'name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200)',
    `kind text NOT NULL CHECK (kind IN ('TRADE_UNION', 'PARTY_BRANCH'))`,
    'park text CHECK (length(btrim(park)) BETWEEN 1 AND 200)',
    'founded_on date',
    'members integer CHECK (members >= 0)',
    'members_joined_this_year integer CHECK (members_joined_this_year >= 0)',
    'members_counted_on date',
    'CHECK (members_counted_on IS NOT NULL OR (members IS NULL AND members_joined_this_year IS NULL))',
  ],
  indexes: [
    ['grassroots_organisation_name_idx', 'name, id'],
    ['grassroots_organisation_founded_on_idx', 'founded_on, id'],
    ['grassroots_organisation_kind_idx', 'kind, city_code'],
  ],
  searched: ['name'],
  biView: registryView({
    table: 'grassroots_organisation',
    comment: 'Grassroots trade unions (基层工会) and party branches (党支部) with their enterprise, park and place; active records only.',
    select: `t.name, t.kind, t.park, t.founded_on, t.members, t.members_joined_this_year, t.members_counted_on, t.enterprise_id, e.name AS enterprise_name`,
    joins: 'LEFT JOIN enterprise e ON e.id = t.enterprise_id',
    columns: {
      name: 'Name of the organisation (组织名称)',
      kind: 'Kind (组织类型): TRADE_UNION 基层工会, PARTY_BRANCH 党支部',
      park: `The industrial park it lies in (所在园区); ${UNKNOWN}`,
      founded_on: `Date founded (成立日期); ${UNKNOWN}`,
      members: `Members (人数) on members_counted_on; ${UNKNOWN}`,
      members_joined_this_year: `Members who joined in the year of members_counted_on (当年新发展会员); ${UNKNOWN}`,
      members_counted_on: `The day the membership was counted (统计日期); ${UNKNOWN}`,
      enterprise_id: `The enterprise it is founded in (所在企业): bi.enterprise.id; ${UNKNOWN}`,
    },
  }),
  goalMetrics: {
    TRADE_UNIONS: 'Grassroots trade unions (基层工会).',
    PARTY_BRANCHES: 'Party branches (党支部) counted beside the unions.',
    TRADE_UNION_MEMBERS: 'Members of grassroots trade unions (工会会员), summed where known.',
  },
};

export class CreateGrassrootsOrganisationTable1730000000042 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await createRegistryTable(q, TABLE);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropRegistryTable(q, TABLE);
  }
}
