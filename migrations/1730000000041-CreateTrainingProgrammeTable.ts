import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createRegistryTable, dropRegistryTable, registryView, UNKNOWN, type RegistryTable } from './support/registry-table';

/** Training programmes (培训项目, e.g. 工匠小课堂): src/modules/training-programme. */
const TABLE: RegistryTable = {
  name: 'training_programme',
  recordType: 'TrainingProgramme',
  scope: 'CITY',
  columns: [
    'name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200)',
    `provider_kind text CHECK (provider_kind IN ('ACADEMY', 'UNIVERSITY', 'TRADE_UNION', 'ENTERPRISE', 'GOVERNMENT', 'OTHER'))`,
    'provider_name text CHECK (length(btrim(provider_name)) BETWEEN 1 AND 200)',
    'craftsman_academy_id integer REFERENCES craftsman_academy (id)',
    'started_on date',
    'sessions_held integer CHECK (sessions_held >= 0)',
    'participants integer CHECK (participants >= 0)',
    'trade_unions_involved integer CHECK (trade_unions_involved >= 0)',
  ],
  indexes: [
    ['training_programme_craftsman_academy_id_idx', 'craftsman_academy_id'],
    ['training_programme_name_idx', 'name, id'],
    ['training_programme_started_on_idx', 'started_on, id'],
  ],
  searched: ['name'],
  biView: registryView({
    table: 'training_programme',
    comment: 'Training programmes for workers (培训项目) with their academy and place; active records only.',
    select: `t.name, t.provider_kind, t.provider_name, t.craftsman_academy_id, a.name AS craftsman_academy_name, t.started_on,
      t.sessions_held, t.participants, t.trade_unions_involved`,
    joins: 'LEFT JOIN craftsman_academy a ON a.id = t.craftsman_academy_id',
    columns: {
      name: 'Name of the programme (培训项目名称)',
      provider_kind: `Who provides it (培训主体): ACADEMY 工匠学院, UNIVERSITY 高校/职业院校, TRADE_UNION 工会, ENTERPRISE 企业, GOVERNMENT 政府部门, OTHER 其他; ${UNKNOWN}`,
      provider_name: `The provider as named (承办单位); ${UNKNOWN}`,
      craftsman_academy_id: `The academy that runs it (承办工匠学院): bi.craftsman_academy.id; ${UNKNOWN}`,
      craftsman_academy_name: 'Name of the academy (工匠学院名称)',
      started_on: `Date it began (开班日期); ${UNKNOWN}`,
      sessions_held: `Sessions or courses held (开课场次); ${UNKNOWN}`,
      participants: `Worker attendances (参训人次); ${UNKNOWN}`,
      trade_unions_involved: `Trade unions that took part (参与工会数); ${UNKNOWN}`,
    },
  }),
  goalMetrics: {
    TRAINING_SESSIONS: 'Training sessions held (培训场次), summed over programmes.',
    TRAINING_PARTICIPANTS: 'Worker attendances at training (参训人次), summed over programmes.',
  },
};

export class CreateTrainingProgrammeTable1730000000041 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await createRegistryTable(q, TABLE);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropRegistryTable(q, TABLE);
  }
}
