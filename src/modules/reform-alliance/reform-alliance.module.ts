import { Int } from 'type-graphql';
import { integer, localDate, text } from '../../registry/columns';
import { groupBy } from '../../registry/dimensions';
import { filterBy } from '../../registry/filters';
import { byName, EARLIEST_DATE, sortBy } from '../../registry/orderings';
import { recordType } from '../record-type';

const columns = {
  name: text('t.name', 'Name of the alliance (联盟名称).').written({ max: 200 }),
  area: text('t.area', 'The park or area it serves (所在园区/区域), e.g. 镇江经开区新材料产业园; null where not stated.').orNull().written({ max: 200 }),
  foundedOn: localDate('t.founded_on', 'Date founded (成立日期), where known.').orNull().written(),
  memberEnterprises: integer('t.member_enterprises', 'Member enterprises (成员企业数), where known.').orNull().written({ min: 0, max: 1_000_000 }),
  memberUnits: integer('t.member_units', 'Member units other than enterprises: schools, agencies, unions (成员单位数), where known.').orNull().written({ min: 0, max: 1_000_000 }),
};

/** Reform alliances (产改联盟): enterprises and units of a park or chain working on the reform together. */
export const reformAlliance = recordType({
  typename: 'ReformAlliance',
  table: 'reform_alliance',
  noun: { one: 'reform alliance', many: 'reform alliances', zh: '产改联盟' },
  description: 'A reform alliance (产改联盟): enterprises and units of a park, an industry chain or a city that take the reform forward together, with how many members it has.',
  listField: 'reformAlliances',
  slug: 'reform-alliances',
  columns,
  filters: (c) => ({
    foundedFrom: filterBy.atLeast(c.foundedOn, 'Founded on or after this date.'),
    foundedTo: filterBy.atMost(c.foundedOn, 'Founded on or before this date.'),
    nameContains: filterBy.contains([c.name, c.area], 'Name or area contains this text, case-insensitive.'),
  }),
  orderings: {
    NAME_ASC: byName(columns.name, 'By name in pinyin order (按拼音排序), A to Z.'),
    FOUNDED_ON_ASC: sortBy(columns.foundedOn, 'ASC', 'date', 'Oldest first; unknown dates first.', EARLIEST_DATE),
    FOUNDED_ON_DESC: sortBy(columns.foundedOn, 'DESC', 'date', 'Newest first; unknown dates last.', EARLIEST_DATE),
  },
  dimensions: {
    YEAR_FOUNDED: groupBy.year(columns, 'foundedOn', 'The year founded; alliances with no known date form their own group.', 'Year founded, when grouped by YEAR_FOUNDED (null also for unknown dates).'),
    MONTH_FOUNDED: groupBy.month(columns, 'foundedOn', 'The month founded; alliances with no known date form their own group.'),
  },
  measures: {
    memberEnterprises: { expression: 'sum(t.member_enterprises)::integer', type: () => Int, description: 'Member enterprises of the alliances where known (成员企业合计); null when none is known.' },
    memberUnits: { expression: 'sum(t.member_units)::integer', type: () => Int, description: 'Member units of the alliances where known (成员单位合计); null when none is known.' },
  },
  datedBy: { column: 'foundedOn', what: 'the day it was founded' },
  write: { required: ['name'] },
  goalMetrics: {
    REFORM_ALLIANCES: { label: { zh: '产改联盟', en: 'Reform alliances' }, description: 'Reform alliances (产改联盟).' },
  },
});

export default reformAlliance.module;
