import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createRegistryTable, dropRegistryTable, registryView, UNKNOWN, type RegistryTable } from './support/registry-table';

const LEVELS = `NATIONAL 全国, PROVINCIAL 省级, MUNICIPAL 市级, DISTRICT 区县级, ENTERPRISE 企业/园区级`;

/** Labour and skill competitions (劳动和技能竞赛): src/modules/skill-competition. */
const TABLE: RegistryTable = {
  name: 'skill_competition',
  recordType: 'SkillCompetition',
  scope: 'CITY',
  underEnterprise: true,
  columns: [
    'name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200)',
    `organiser_kind text CHECK (organiser_kind IN ('ENTERPRISE', 'TRADE_UNION', 'GOVERNMENT', 'OTHER'))`,
    'organiser_name text CHECK (length(btrim(organiser_name)) BETWEEN 1 AND 200)',
    `level text CHECK (level IN ('NATIONAL', 'PROVINCIAL', 'MUNICIPAL', 'DISTRICT', 'ENTERPRISE'))`,
    'trade text CHECK (length(btrim(trade)) BETWEEN 1 AND 100)',
    'held_from date',
    'held_to date CHECK (held_to >= held_from)',
    'participants integer CHECK (participants >= 0)',
    'participating_units integer CHECK (participating_units >= 0)',
  ],
  indexes: [
    ['skill_competition_name_idx', 'name, id'],
    ['skill_competition_held_from_idx', 'held_from, id'],
  ],
  searched: ['name'],
  biView: registryView({
    table: 'skill_competition',
    comment: 'Labour and skill competitions (劳动和技能竞赛) with their organising enterprise and place; active records only.',
    select: `t.name, t.organiser_kind, t.organiser_name, t.level, t.trade, t.held_from, t.held_to, t.participants, t.participating_units,
      t.enterprise_id, e.name AS enterprise_name`,
    joins: 'LEFT JOIN enterprise e ON e.id = t.enterprise_id',
    columns: {
      name: 'Name of the competition (竞赛名称)',
      organiser_kind: `Who organised it (主办方类型): ENTERPRISE 企业, TRADE_UNION 工会, GOVERNMENT 政府部门, OTHER 其他; ${UNKNOWN}`,
      organiser_name: `The organiser as named (主办单位); ${UNKNOWN}`,
      level: `Level (竞赛级别): ${LEVELS}; ${UNKNOWN}`,
      trade: `Trade or field (工种/领域); ${UNKNOWN}`,
      held_from: `First day (开始日期); ${UNKNOWN}`,
      held_to: `Last day (结束日期); ${UNKNOWN}`,
      participants: `Workers who took part (参赛人数); ${UNKNOWN}`,
      participating_units: `Units that took part (参赛单位数); ${UNKNOWN}`,
      enterprise_id: `The organising enterprise (主办企业): bi.enterprise.id; ${UNKNOWN}`,
    },
  }),
  goalMetrics: { SKILL_COMPETITIONS: 'Labour and skill competitions held (劳动和技能竞赛).' },
};

export class CreateSkillCompetitionTable1730000000040 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await createRegistryTable(q, TABLE);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropRegistryTable(q, TABLE);
  }
}
