import { enumColumn, localDate, text } from '../../registry/columns';
import { groupBy } from '../../registry/dimensions';
import { filterBy } from '../../registry/filters';
import { byName, EARLIEST_DATE, sortBy } from '../../registry/orderings';
import { ActivityLevel } from '../activity-level';
import { ENTERPRISE_KEYS_RELEASED_AS_ID, recordType } from '../record-type';

const columns = {
  name: text('t.name', 'The project or unit as recognised (示范项目/单位名称).').written({ max: 200 }),
  level: enumColumn(ActivityLevel)('t.level', 'The level of the recognition (示范级别); null where the source does not say.').orNull().written(),
  recognisedBy: text('t.recognised_by', 'Who recognised it (认定单位), e.g. 武汉市总工会; null where not stated.').orNull().written({ max: 200 }),
  recognisedOn: localDate('t.recognised_on', 'Day recognised (认定日期), where known.').orNull().written(),
};

/** Reform demonstration projects and units (产改示范项目 / 示范单位). */
export const reformDemonstration = recordType({
  typename: 'ReformDemonstration',
  table: 'reform_demonstration',
  noun: { one: 'reform demonstration', many: 'reform demonstrations', zh: '产改示范项目' },
  description: 'A reform demonstration project or unit (产改示范项目/示范单位): an enterprise or unit recognised for its industrial-workforce reform, at a level, by whom and when.',
  listField: 'reformDemonstrations',
  slug: 'reform-demonstrations',
  published: { inputTypes: ENTERPRISE_KEYS_RELEASED_AS_ID },
  columns,
  enterprise: {
    field: 'The enterprise recognised (示范企业); null for a unit that is not an enterprise or where the source does not name it.',
    list: 'Reform demonstration recognitions of the enterprise.',
  },
  filters: (c) => ({
    levels: filterBy.anyOf(c.level, 'Any of these levels.'),
    recognisedFrom: filterBy.atLeast(c.recognisedOn, 'Recognised on or after this date.'),
    recognisedTo: filterBy.atMost(c.recognisedOn, 'Recognised on or before this date.'),
    nameContains: filterBy.contains([c.name], 'Name contains this text, case-insensitive.'),
  }),
  orderings: {
    NAME_ASC: byName(columns.name, 'By name in pinyin order (按拼音排序), A to Z.'),
    RECOGNISED_ON_ASC: sortBy(columns.recognisedOn, 'ASC', 'date', 'Oldest first; unknown dates first.', EARLIEST_DATE),
    RECOGNISED_ON_DESC: sortBy(columns.recognisedOn, 'DESC', 'date', 'Newest first; unknown dates last.', EARLIEST_DATE),
  },
  dimensions: {
    LEVEL: groupBy.column(columns, 'level', 'The level of the recognition.', 'Level, when grouped by LEVEL.'),
    YEAR_RECOGNISED: groupBy.year(columns, 'recognisedOn', 'The year recognised; recognitions with no known date form their own group.', 'Year recognised, when grouped by YEAR_RECOGNISED (null also for unknown dates).'),
    MONTH_RECOGNISED: groupBy.month(columns, 'recognisedOn', 'The month recognised; recognitions with no known date form their own group.'),
  },
  datedBy: { column: 'recognisedOn', what: 'the day it was recognised' },
  write: { required: ['name'] },
  goalMetrics: {
    REFORM_DEMONSTRATIONS: { label: { zh: '产改示范项目', en: 'Reform demonstrations' }, description: 'Reform demonstration projects and units (产改示范项目/单位), any level.' },
  },
});

export default reformDemonstration.module;
