import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Info, Int, Query, Resolver, type ClassType } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { CreditCodeScalar } from '../../graphql/scalars';
import { columnOf, enumColumn, integer, localDate, text } from '../../registry/columns';
import { groupBy, monthOf, yearOf } from '../../registry/dimensions';
import { filterBy } from '../../registry/filters';
import { rowByKey } from '../../registry/lists';
import { byName, sortBy } from '../../registry/orderings';
import type { TableSpec } from '../../registry/table';
import { field } from '../../registry/writes/fields';
import { recordType } from '../record-type';
import { enterpriseStoredRules } from './enterprise.rules';
import { Ownership } from './ownership';

/** The largest workforce an enterprise may report: above China's largest employers (about 1.5 million). */
export const MAX_EMPLOYEE_COUNT = 5_000_000;

const columns = {
  // First: a unique-violation from the database is reported under the first written field its constraint names (creditCode).
  creditCode: columnOf<string>(() => CreditCodeScalar)(
    't.credit_code',
    'Unified social credit code (统一社会信用代码): 18 characters with a valid GB 32100-2015 check character; unique in the registry, archived enterprises included.',
  ).writtenAs((column) => field.creditCode(column)),
  name: text('t.name', 'Registered name in Chinese (企业名称).').written({ max: 200 }),
  nameEn: text('t.name_en', 'English name (英文名称), where known.').orNull().written({ max: 200 }),
  ownership: enumColumn(Ownership)('t.ownership', 'Ownership (所有制); null where it is not known (the published reports do not state it).').orNull().written(),
  industry: text('t.industry', 'Industry (行业), e.g. 装备制造.').orNull().written({ max: 100 }),
  employeeCount: integer('t.employee_count', 'Number of employees (职工人数), where known.').orNull().written({ min: 0, max: MAX_EMPLOYEE_COUNT }),
  establishedOn: localDate('t.established_on', 'Date founded or registered with the market regulator (成立日期), where known; what enterprise trends are dated by.').orNull().written(),
};

/** The day an enterprise was entered in the registry, on the registry's calendar (China time): deprecated dimensions only. */
const REGISTERED_ON = "(t.created_at AT TIME ZONE 'Asia/Shanghai')::date";

/** The root field `enterprise(creditCode:)`: one enterprise by its credit code, with what it folds (src/registry/fold-planner.ts). */
function byCreditCode(Type: ClassType, table: TableSpec<any, any>): ClassType {
  @Resolver(() => Type)
  class EnterpriseByCreditCode {
    @Query(() => Type, { nullable: true, description: 'One enterprise by its unified social credit code, archived or not; null if not registered.' })
    enterprise(
      @Ctx() ctx: RequestContext,
      @Arg('creditCode', () => CreditCodeScalar, { description: 'The 18-character unified social credit code (统一社会信用代码).' }) creditCode: string,
      @Info() info: GraphQLResolveInfo,
    ) {
      return rowByKey(ctx, table, 't.credit_code', creditCode, info);
    }
  }
  return EnterpriseByCreditCode;
}

/**
 * Enterprises (企业): the hub the studios, contracts and craftsmen lie under (their city is its city).
 * Kept by city editors; ADMIN may register a province-level enterprise with a province and no city.
 * Credit codes are checked (GB 32100-2015) and unique; the rules that read other rows are in enterprise.rules.ts.
 */
export const enterprise = recordType({
  typename: 'Enterprise',
  table: 'enterprise',
  noun: { one: 'enterprise', many: 'enterprises', zh: '企业' },
  description: 'An enterprise (企业), identified by its unified social credit code.',
  listField: 'enterprises',
  slug: 'enterprises',
  // Released with text credit codes in its inputs (the CreditCode scalar came later, on the object type).
  published: { inputTypes: { creditCode: () => String } },
  columns,
  provinceLevel: true,
  filters: (c) => ({
    ownerships: filterBy.anyOf(c.ownership, 'Any of these ownerships.'),
    industry: filterBy.equalTo(c.industry, 'Industry, exactly (行业).'),
    establishedFrom: filterBy.atLeast(c.establishedOn, 'Founded on or after this date.'),
    establishedTo: filterBy.atMost(c.establishedOn, 'Founded on or before this date.'),
    nameContains: filterBy.contains([c.name, c.nameEn], 'Name contains this text (Chinese or English), case-insensitive.'),
    minEmployeeCount: filterBy.atLeast(c.employeeCount, 'At least this many employees.'),
  }),
  orderings: {
    NAME_ASC: byName(columns.name, 'By name in pinyin order (按拼音排序), A to Z.'),
    CREDIT_CODE_ASC: { spec: { expression: 't.credit_code::text', direction: 'ASC', type: 'text' }, description: 'By unified social credit code, ascending.' },
    EMPLOYEE_COUNT_DESC: sortBy(columns.employeeCount, 'DESC', 'integer', 'Largest first; unknown counts last.', '-1'),
  },
  dimensions: {
    OWNERSHIP: groupBy.column(columns, 'ownership', 'Ownership (所有制).', 'Ownership, when grouped by OWNERSHIP.'),
    INDUSTRY: groupBy.column(columns, 'industry', 'Industry (行业); unknown industries form their own group.', 'Industry, when grouped by INDUSTRY; null also where unknown.'),
    YEAR_ESTABLISHED: groupBy.year(
      columns,
      'establishedOn',
      'The year the enterprise was founded (成立年份); enterprises with no known date form their own group.',
      'Year founded, when grouped by YEAR_ESTABLISHED (null also for unknown dates); or year entered in the registry, when grouped by YEAR_REGISTERED.',
    ),
    MONTH_ESTABLISHED: groupBy.month(columns, 'establishedOn', 'The month the enterprise was founded; enterprises with no known date form their own group.'),
    YEAR_REGISTERED: groupBy.expression(yearOf(REGISTERED_ON), 'The year the enterprise was entered in this registry (登记入库), China time.', {
      deprecationReason: 'When a record was typed in says nothing about the enterprise (a load enters thousands at once); group by YEAR_ESTABLISHED.',
    }),
    MONTH_REGISTERED: groupBy.expression(monthOf(REGISTERED_ON), 'The month the enterprise was entered in this registry, China time.', {
      deprecationReason: 'When a record was typed in says nothing about the enterprise; group by MONTH_ESTABLISHED.',
    }),
  },
  measures: {
    employees: {
      expression: 'sum(t.employee_count)::integer',
      type: () => Int,
      description: 'Employees (职工人数), summed over the enterprises of the group that report a count; null when none does (unknown, not 0).',
    },
    withEmployeeCount: {
      expression: 'count(t.employee_count)::integer',
      type: () => Int,
      nullable: false,
      description: 'How many enterprises of the group report an employee count, so that `employees` can be read fairly.',
    },
  },
  datedBy: { column: 'establishedOn', what: 'the day it was founded (成立日期), where known' },
  write: {
    required: ['credit_code', 'name'],
    requiredOnCreate: ['ownership'],
    checkStored: enterpriseStoredRules,
    inputs: {
      ownership: 'Ownership (所有制).',
      cityCode:
        'City division code (所在城市): a city editor’s own city when not given. An enterprise with studios, craftsmen or contracts recorded under it may not move to another city: they lie in its city.',
      employeeCount: 'Number of employees (职工人数); not below the workers an active collective innovation contract of the enterprise covers.',
    },
  },
  relations: ({ Type, table }) => [byCreditCode(Type, table)],
});

/** The enterprise's object type and table spec, for the relations of the types under it (enterprise-relations.ts). */
export const { Type: Enterprise, table: enterpriseTable } = enterprise;

export default enterprise.module;
