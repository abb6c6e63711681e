import { Int } from 'type-graphql';
import { describedEnum } from '../../graphql/enums';
import { enumColumn, integer, internal, localDate, text } from '../../registry/columns';
import { groupBy } from '../../registry/dimensions';
import { filterBy } from '../../registry/filters';
import { byName, EARLIEST_DATE, sortBy } from '../../registry/orderings';
import { toOneField } from '../../registry/relations';
import { field } from '../../registry/writes/fields';
import { CraftsmanAcademy, craftsmanAcademyTable } from '../craftsman-academy/craftsman-academy.module';
import { recordType } from '../record-type';

export const TrainingProvider = describedEnum('TrainingProvider', 'Who provides a training programme (培训主体).', {
  ACADEMY: 'A craftsman academy (工匠学院).',
  UNIVERSITY: 'A university, open university or vocational school (高校/职业院校).',
  TRADE_UNION: 'A trade union (工会).',
  ENTERPRISE: 'An enterprise, for its workers (企业).',
  GOVERNMENT: 'A government department (政府部门).',
  OTHER: 'Another provider (其他).',
});

const columns = {
  name: text('t.name', 'Name of the programme (培训项目名称), e.g. 工匠小课堂.').written({ max: 200 }),
  providerKind: enumColumn(TrainingProvider)('t.provider_kind', 'Who provides it (培训主体); null where the source does not say.').orNull().written(),
  providerName: text('t.provider_name', 'The provider as named (承办单位); null where not stated.').orNull().written({ max: 200 }),
  craftsmanAcademyId: internal<number | null>('t.craftsman_academy_id').writtenAs((column) => field.reference(column, 'CraftsmanAcademy', 'craftsman_academy')),
  startedOn: localDate('t.started_on', 'Date the programme began (开班日期), where known.').orNull().written(),
  sessionsHeld: integer('t.sessions_held', 'Sessions or courses held so far (开课场次), where known.').orNull().written({ min: 0, max: 1_000_000 }),
  participants: integer('t.participants', 'Worker attendances so far (参训人次), where known.').orNull().written({ min: 0, max: 100_000_000 }),
  tradeUnionsInvolved: integer('t.trade_unions_involved', 'Trade unions that took part (参与工会数), where known.').orNull().written({ min: 0, max: 1_000_000 }),
};

const known = (column: string, what: string) => ({
  expression: `sum(t.${column})::integer`,
  type: () => Int,
  description: `${what} of the programmes where it is known; null when none is known.`,
});

/** Training programmes and their sessions (培训项目, e.g. 工匠小课堂), run by academies, universities, unions. */
export const trainingProgramme = recordType({
  typename: 'TrainingProgramme',
  table: 'training_programme',
  noun: { one: 'training programme', many: 'training programmes', zh: '培训项目' },
  description: 'A training programme for workers (培训项目), e.g. 南京开放大学“工匠小课堂”: who provides it, how many sessions it has held, how many took part, how many unions were involved.',
  listField: 'trainingProgrammes',
  slug: 'training-programmes',
  columns,
  filters: (c) => ({
    providerKinds: filterBy.anyOf(c.providerKind, 'Any of these providers.'),
    startedFrom: filterBy.atLeast(c.startedOn, 'Began on or after this date.'),
    startedTo: filterBy.atMost(c.startedOn, 'Began on or before this date.'),
    nameContains: filterBy.contains([c.name, c.providerName], 'Name or provider contains this text, case-insensitive.'),
  }),
  orderings: {
    NAME_ASC: byName(columns.name, 'By name in pinyin order (按拼音排序), A to Z.'),
    STARTED_ON_ASC: sortBy(columns.startedOn, 'ASC', 'date', 'Oldest first; unknown dates first.', EARLIEST_DATE),
    STARTED_ON_DESC: sortBy(columns.startedOn, 'DESC', 'date', 'Newest first; unknown dates last.', EARLIEST_DATE),
  },
  dimensions: {
    PROVIDER_KIND: groupBy.column(columns, 'providerKind', 'Who provides the programme.', 'Provider, when grouped by PROVIDER_KIND.'),
    YEAR_STARTED: groupBy.year(columns, 'startedOn', 'The year the programme began; programmes with no known date form their own group.', 'Year started, when grouped by YEAR_STARTED (null also for unknown dates).'),
    MONTH_STARTED: groupBy.month(columns, 'startedOn', 'The month the programme began; programmes with no known date form their own group.'),
  },
  measures: {
    sessionsHeld: known('sessions_held', 'Sessions held (开课场次合计)'),
    participants: known('participants', 'Worker attendances (参训人次合计)'),
    tradeUnionsInvolved: known('trade_unions_involved', 'Trade unions involved (参与工会数合计; a union in two programmes counts twice)'),
  },
  datedBy: { column: 'startedOn', what: 'the day it began' },
  write: {
    required: ['name'],
    inputs: { craftsmanAcademyId: 'ID of the craftsman academy that runs the programme, where it is one (工匠学院ID).' },
  },
  relations: ({ Type }) => [
    toOneField(Type, 'craftsmanAcademy', () => CraftsmanAcademy, {
      table: () => craftsmanAcademyTable,
      keyColumn: 't.id',
      parentColumn: 'craftsmanAcademyId',
      description: 'The craftsman academy that runs the programme (承办工匠学院), where it is one.',
    }),
  ],
  goalMetrics: {
    TRAINING_SESSIONS: { label: { zh: '培训场次', en: 'Training sessions' }, description: 'Training sessions held (培训场次), summed over programmes.', summed: 't.sessions_held', publishedAs: 'TRAINING_COURSES' },
    TRAINING_PARTICIPANTS: { label: { zh: '参训人次', en: 'Training attendances' }, description: 'Worker attendances at training (参训人次), summed over programmes.', summed: 't.participants', publishedAs: 'TRAINING_PARTICIPANTS' },
  },
});

export default trainingProgramme.module;
