import { Int } from 'type-graphql';
import { describedEnum } from '../../graphql/enums';
import { enumColumn, integer, localDate, text } from '../../registry/columns';
import { groupBy } from '../../registry/dimensions';
import { filterBy } from '../../registry/filters';
import { byName, EARLIEST_DATE, sortBy } from '../../registry/orderings';
import { ENTERPRISE_KEYS_RELEASED_AS_ID, recordType } from '../record-type';

export const GrassrootsOrganisationKind = describedEnum('GrassrootsOrganisationKind', 'What kind of grassroots organisation (基层组织类型).', {
  TRADE_UNION: 'A grassroots trade union (基层工会), e.g. an enterprise union.',
  PARTY_BRANCH: 'A party branch (党支部), as reform reports count them beside the unions.',
});

const columns = {
  name: text('t.name', 'Name of the organisation (组织名称).').written({ max: 200 }),
  kind: enumColumn(GrassrootsOrganisationKind)('t.kind', 'Trade union or party branch (组织类型).').written(),
  park: text('t.park', 'The industrial park it lies in (所在园区), e.g. 镇江经开区新材料产业园; null where not in one or not stated.').orNull().written({ max: 200 }),
  foundedOn: localDate('t.founded_on', 'Date founded (成立日期), where known.').orNull().written(),
  members: integer('t.members', 'Members (会员/党员人数), where known.').orNull().written({ min: 0, max: 10_000_000 }),
  membersJoinedThisYear: integer('t.members_joined_this_year', 'Members who joined in membersCountedOn\'s year (当年新发展会员), where known.').orNull().written({ min: 0, max: 10_000_000 }),
  membersCountedOn: localDate('t.members_counted_on', 'The day members and membersJoinedThisYear were counted (统计日期), where known.').orNull().written(),
};

/** Grassroots trade unions (基层工会) and party branches, with their membership. */
export const grassrootsOrganisation = recordType({
  typename: 'GrassrootsOrganisation',
  table: 'grassroots_organisation',
  noun: { one: 'grassroots organisation', many: 'grassroots organisations', zh: '基层组织' },
  description:
    'A grassroots organisation (基层组织): a trade union (基层工会) or a party branch (党支部), in an enterprise or a park, with its membership and the members who joined in the year counted.',
  listField: 'grassrootsOrganisations',
  slug: 'grassroots-organisations',
  published: { inputTypes: ENTERPRISE_KEYS_RELEASED_AS_ID },
  columns,
  enterprise: {
    field: 'The enterprise the organisation is founded in (所在企业); null for one that spans a park or where the source does not name it.',
    list: 'Grassroots trade unions and party branches of the enterprise.',
  },
  filters: (c) => ({
    kinds: filterBy.anyOf(c.kind, 'Any of these kinds.'),
    park: filterBy.equalTo(c.park, 'In this park, as named.'),
    foundedFrom: filterBy.atLeast(c.foundedOn, 'Founded on or after this date.'),
    foundedTo: filterBy.atMost(c.foundedOn, 'Founded on or before this date.'),
    nameContains: filterBy.contains([c.name, c.park], 'Name or park contains this text, case-insensitive.'),
  }),
  orderings: {
    NAME_ASC: byName(columns.name, 'By name in pinyin order (按拼音排序), A to Z.'),
    FOUNDED_ON_ASC: sortBy(columns.foundedOn, 'ASC', 'date', 'Oldest first; unknown dates first.', EARLIEST_DATE),
    FOUNDED_ON_DESC: sortBy(columns.foundedOn, 'DESC', 'date', 'Newest first; unknown dates last.', EARLIEST_DATE),
  },
  dimensions: {
    KIND: groupBy.column(columns, 'kind', 'Trade union or party branch.', 'Kind, when grouped by KIND.'),
    PARK: groupBy.column(columns, 'park', 'The park; organisations in no park form their own group.', 'Park, when grouped by PARK.'),
    YEAR_FOUNDED: groupBy.year(columns, 'foundedOn', 'The year founded; organisations with no known date form their own group.', 'Year founded, when grouped by YEAR_FOUNDED (null also for unknown dates).'),
    MONTH_FOUNDED: groupBy.month(columns, 'foundedOn', 'The month founded; organisations with no known date form their own group.'),
  },
  measures: {
    members: { expression: 'sum(t.members)::integer', type: () => Int, description: 'Members of the organisations whose membership is known (人数合计); null when none is known.' },
    withMembers: { expression: 'count(t.members)::integer', type: () => Int, description: 'Organisations whose membership is known: members is a lower bound while this is below count.' },
    membersJoinedThisYear: { expression: 'sum(t.members_joined_this_year)::integer', type: () => Int, description: 'New members in the year counted (新发展会员合计), where known.' },
  },
  datedBy: { column: 'foundedOn', what: 'the day it was founded' },
  write: {
    required: ['name', 'kind'],
    check: (r) =>
      (r.members_joined_this_year != null || r.members != null) && r.members_counted_on == null
        ? [['members_counted_on', 'membersCountedOn is required with members or membersJoinedThisYear: a membership is counted on a day (会员人数需注明统计日期).']]
        : [],
  },
  goalMetrics: {
    TRADE_UNIONS: { label: { zh: '基层工会', en: 'Grassroots trade unions' }, description: 'Grassroots trade unions (基层工会).', condition: `t.kind = 'TRADE_UNION'`, publishedAs: 'TRADE_UNION_ORGANISATIONS' },
    PARTY_BRANCHES: { label: { zh: '党支部', en: 'Party branches' }, description: 'Party branches (党支部) counted beside the unions.', condition: `t.kind = 'PARTY_BRANCH'`, publishedAs: 'PARTY_BRANCHES' },
    TRADE_UNION_MEMBERS: { label: { zh: '工会会员', en: 'Trade union members' }, description: 'Members of grassroots trade unions (工会会员), summed where known.', condition: `t.kind = 'TRADE_UNION'`, summed: 't.members' },
  },
});

export default grassrootsOrganisation.module;
