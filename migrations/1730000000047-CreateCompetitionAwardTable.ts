import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createRegistryTable, dropRegistryTable, registryView, UNKNOWN, type RegistryTable } from './support/registry-table';

/** Winners of skill competitions (竞赛获奖): src/modules/competition-award. */
const TABLE: RegistryTable = {
  name: 'competition_award',
  recordType: 'CompetitionAward',
  scope: 'CITY',
  columns: [
    'skill_competition_id integer NOT NULL REFERENCES skill_competition (id)',
    'winner_name text NOT NULL CHECK (length(btrim(winner_name)) BETWEEN 1 AND 200)',
    'craftsman_id integer REFERENCES craftsman (id)',
    'award text CHECK (length(btrim(award)) BETWEEN 1 AND 100)',
    'rank integer CHECK (rank >= 1)',
    'awarded_on date',
  ],
  indexes: [
    ['competition_award_skill_competition_id_idx', 'skill_competition_id, id'],
    ['competition_award_craftsman_id_idx', 'craftsman_id, id'],
    ['competition_award_awarded_on_idx', 'awarded_on, id'],
  ],
  searched: ['winner_name'],
  biView: registryView({
    table: 'competition_award',
    comment: 'Awards won at skill competitions (竞赛获奖), with the competition and the registered craftsman; active records only.',
    select: `t.skill_competition_id, s.name AS skill_competition_name, t.winner_name, t.craftsman_id, t.award, t.rank, t.awarded_on`,
    joins: 'JOIN skill_competition s ON s.id = t.skill_competition_id',
    columns: {
      skill_competition_id: 'The competition (所属竞赛): bi.skill_competition.id',
      skill_competition_name: 'Name of the competition (竞赛名称)',
      winner_name: 'The winner as named (获奖者)',
      craftsman_id: `The winner as a registered craftsman (获奖工匠): bi.craftsman.id; ${UNKNOWN}`,
      award: `The award (奖项); ${UNKNOWN}`,
      rank: `Place in the results (名次); ${UNKNOWN}`,
      awarded_on: `Day awarded (获奖日期); ${UNKNOWN}`,
    },
  }),
  goalMetrics: { COMPETITION_AWARDS: 'Awards won at skill competitions (竞赛获奖).' },
};

export class CreateCompetitionAwardTable1730000000047 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await createRegistryTable(q, TABLE);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropRegistryTable(q, TABLE);
  }
}
