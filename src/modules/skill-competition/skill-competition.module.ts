import { Int } from 'type-graphql';
import { describedEnum } from '../../graphql/enums';
import { enumColumn, integer, localDate, text } from '../../registry/columns';
import { groupBy } from '../../registry/dimensions';
import { filterBy } from '../../registry/filters';
import { byName, EARLIEST_DATE, sortBy } from '../../registry/orderings';
import { ActivityLevel } from '../activity-level';
import { ENTERPRISE_KEYS_RELEASED_AS_ID, recordType } from '../record-type';

export const CompetitionOrganiser = describedEnum('CompetitionOrganiser', 'Who organises a competition (主办方类型).', {
  ENTERPRISE: 'An enterprise, for its own workers (企业).',
  TRADE_UNION: 'A trade union (工会).',
  GOVERNMENT: 'A government department (政府部门).',
  OTHER: 'Another organiser: an association, a school (其他).',
});

const columns = {
  name: text('t.name', 'Name of the competition (竞赛名称).').written({ max: 200 }),
  organiserKind: enumColumn(CompetitionOrganiser)('t.organiser_kind', 'Who organised it (主办方类型); null where the source does not say.').orNull().written(),
  organiserName: text('t.organiser_name', 'The organiser as named (主办单位), where it is not the enterprise; null where not stated.').orNull().written({ max: 200 }),
  level: enumColumn(ActivityLevel)('t.level', 'The level at which it is held (竞赛级别); null where the source does not say.').orNull().written(),
  trade: text('t.trade', 'The trade or field competed in (工种/领域), e.g. 焊工; null where not stated.').orNull().written({ max: 100 }),
  heldFrom: localDate('t.held_from', 'First day of the competition (开始日期), where known.').orNull().written(),
  heldTo: localDate('t.held_to', 'Last day of the competition (结束日期), where known; not before heldFrom.').orNull().written(),
  participants: integer('t.participants', 'Workers who took part (参赛人数), where known.').orNull().written({ min: 0, max: 10_000_000 }),
  participatingUnits: integer('t.participating_units', 'Units (workshops, enterprises) that took part (参赛单位数), where known.').orNull().written({ min: 0, max: 1_000_000 }),
};

/** Labour and skill competitions (劳动和技能竞赛), organised by an enterprise, a union or a government. */
export const skillCompetition = recordType({
  typename: 'SkillCompetition',
  table: 'skill_competition',
  noun: { one: 'skill competition', many: 'skill competitions', zh: '劳动和技能竞赛' },
  description: 'A labour or vocational skill competition (劳动和技能竞赛): who organised it, at what level, in which trade, when, and how many took part.',
  listField: 'skillCompetitions',
  slug: 'skill-competitions',
  published: { inputTypes: ENTERPRISE_KEYS_RELEASED_AS_ID },
  columns,
  enterprise: {
    field: 'The enterprise that organised the competition (主办企业); null where another organiser held it or the source does not name one.',
    list: 'Skill competitions the enterprise organised.',
  },
  filters: (c) => ({
    organiserKinds: filterBy.anyOf(c.organiserKind, 'Any of these organisers.'),
    levels: filterBy.anyOf(c.level, 'Any of these levels.'),
    beganFrom: filterBy.atLeast(c.heldFrom, 'Began (heldFrom) on or after this date.'),
    beganTo: filterBy.atMost(c.heldFrom, 'Began (heldFrom) on or before this date.'),
    nameContains: filterBy.contains([c.name, c.trade], 'Name or trade contains this text, case-insensitive.'),
  }),
  orderings: {
    NAME_ASC: byName(columns.name, 'By name in pinyin order (按拼音排序), A to Z.'),
    HELD_FROM_ASC: sortBy(columns.heldFrom, 'ASC', 'date', 'Earliest first; unknown dates first.', EARLIEST_DATE),
    HELD_FROM_DESC: sortBy(columns.heldFrom, 'DESC', 'date', 'Latest first; unknown dates last.', EARLIEST_DATE),
  },
  dimensions: {
    ORGANISER_KIND: groupBy.column(columns, 'organiserKind', 'Who organised the competition.', 'Organiser, when grouped by ORGANISER_KIND.'),
    LEVEL: groupBy.column(columns, 'level', 'The level of the competition.', 'Level, when grouped by LEVEL.'),
    YEAR_HELD: groupBy.year(columns, 'heldFrom', 'The year the competition began; competitions with no known date form their own group.', 'Year held, when grouped by YEAR_HELD (null also for unknown dates).'),
    MONTH_HELD: groupBy.month(columns, 'heldFrom', 'The month the competition began; competitions with no known date form their own group.'),
  },
  measures: {
    participants: { expression: 'sum(t.participants)::integer', type: () => Int, description: 'Participants of the competitions whose count is known (参赛人数合计); null when none is known.' },
    withParticipants: { expression: 'count(t.participants)::integer', type: () => Int, description: 'Competitions whose participant count is known: participants is a lower bound while this is below count.' },
  },
  datedBy: { column: 'heldFrom', what: 'the first day it was held' },
  write: {
    required: ['name'],
    check: (r) => (typeof r.held_from === 'string' && typeof r.held_to === 'string' && r.held_to < r.held_from ? [['held_to', 'heldTo must not be before heldFrom (结束日期不能早于开始日期).']] : []),
  },
  goalMetrics: {
    SKILL_COMPETITIONS: { label: { zh: '劳动和技能竞赛', en: 'Skill competitions' }, description: 'Labour and skill competitions held (劳动和技能竞赛).', publishedAs: 'SKILL_COMPETITIONS' },
  },
});

export default skillCompetition.module;
