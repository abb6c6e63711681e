import { integer, internal, localDate, text } from '../../registry/columns';
import { filterBy } from '../../registry/filters';
import { EARLIEST_DATE, sortBy } from '../../registry/orderings';
import { childListField, toOneField } from '../../registry/relations';
import { field } from '../../registry/writes/fields';
import { Craftsman, craftsmanTable } from '../craftsman/craftsman.module';
import { recordType } from '../record-type';
import { skillCompetition } from '../skill-competition/skill-competition.module';
import { groupBy } from '../../registry/dimensions';

const columns = {
  skillCompetitionId: internal<number>('t.skill_competition_id').writtenAs((column) => field.reference(column, 'SkillCompetition', 'skill_competition')),
  winnerName: text('t.winner_name', 'The winner as the results name them (获奖者), a worker or a team.').written({ max: 200 }),
  craftsmanId: internal<number | null>('t.craftsman_id').writtenAs((column) => field.reference(column, 'Craftsman', 'craftsman')),
  award: text('t.award', 'The award as given (奖项), e.g. 一等奖, 技术能手; null where not stated.').orNull().written({ max: 100 }),
  rank: integer('t.rank', 'Place in the results (名次), 1 for first, where ranked.').orNull().written({ min: 1, max: 100_000 }),
  awardedOn: localDate('t.awarded_on', 'Day awarded (获奖日期), where known.').orNull().written(),
};

/** Winners of skill competitions (竞赛获奖), linked to the craftsman where the winner is registered. */
export const competitionAward = recordType({
  typename: 'CompetitionAward',
  table: 'competition_award',
  noun: { one: 'competition award', many: 'competition awards', zh: '竞赛获奖' },
  description: 'An award won at a skill competition (竞赛获奖): who won it, as named, and the registered craftsman where the winner is one, the award and the place.',
  listField: 'competitionAwards',
  slug: 'competition-awards',
  columns,
  filters: (c) => ({
    awardedFrom: filterBy.atLeast(c.awardedOn, 'Awarded on or after this date.'),
    awardedTo: filterBy.atMost(c.awardedOn, 'Awarded on or before this date.'),
    nameContains: filterBy.contains([c.winnerName, c.award], 'Winner or award contains this text, case-insensitive.'),
  }),
  orderings: {
    RANK_ASC: sortBy(columns.rank, 'ASC', 'integer', 'Best placed first; unranked last.', '2147483647'),
    AWARDED_ON_DESC: sortBy(columns.awardedOn, 'DESC', 'date', 'Newest first; unknown dates last.', EARLIEST_DATE),
  },
  dimensions: {
    YEAR_AWARDED: groupBy.year(columns, 'awardedOn', 'The year awarded; awards with no known date form their own group.', 'Year awarded, when grouped by YEAR_AWARDED (null also for unknown dates).'),
  },
  datedBy: { column: 'awardedOn', what: 'the day it was awarded' },
  write: {
    required: ['skill_competition_id', 'winner_name'],
    inputs: {
      skillCompetitionId: 'ID of the skill competition the award was given in (技能竞赛ID).',
      craftsmanId: 'ID of the craftsman who won, where the winner is one in the registry (工匠ID).',
    },
  },
  relations: ({ Type, Connection, ListArgs, table, defaultOrder }) => [
    toOneField(Type, 'skillCompetition', () => skillCompetition.Type, {
      table: () => skillCompetition.table,
      keyColumn: 't.id',
      parentColumn: 'skillCompetitionId',
      nullable: false,
      description: 'The competition the award was won at (所属竞赛).',
    }),
    toOneField(Type, 'craftsman', () => Craftsman, {
      table: () => craftsmanTable,
      keyColumn: 't.id',
      parentColumn: 'craftsmanId',
      description: 'The winner as a registered craftsman (获奖工匠), where the winner is one.',
    }),
    childListField(skillCompetition.Type, 'awards', Connection, ListArgs, {
      table: () => table,
      childColumn: 't.skill_competition_id',
      parentKey: 'id',
      defaultOrder,
      description: 'Awards won at the competition, its winners (获奖名单).',
    }),
    childListField(Craftsman, 'competitionAwards', Connection, ListArgs, {
      table: () => table,
      childColumn: 't.craftsman_id',
      parentKey: 'id',
      defaultOrder,
      description: 'Competition awards the craftsman won (竞赛获奖).',
    }),
  ],
  goalMetrics: {
    COMPETITION_AWARDS: { label: { zh: '竞赛获奖', en: 'Competition awards' }, description: 'Awards won at skill competitions (竞赛获奖).' },
  },
});

export default competitionAward.module;
