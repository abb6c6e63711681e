import { ArgsType, Field, InputType } from 'type-graphql';
import { PageArgs } from '../../graphql/relay/page-args';
import { TimeSeriesArgs } from '../../registry/time-series.type';
import { enterpriseColumns, EnterpriseDimension } from './enterprise.type';
import { filterBy, filterFields, type FilterOf } from '../../registry/filters';
import { cityPortalFilters, placeFilters } from '../../registry/registry-record.interface';
import { BY_RECORD_ID, orderingsOf, sortBy } from '../../registry/orderings';

const columns = enterpriseColumns;

/** How Enterprise lists can be ordered, declared once: the GraphQL enum and the table spec's orders. */
export const enterpriseOrderings = orderingsOf('EnterpriseOrderBy', 'Orderings of enterprises; ties are broken by record id.', {
  ID_ASC: BY_RECORD_ID,
  NAME_ASC: sortBy(columns.name, 'ASC', 'text', 'By Chinese name, ascending.'),
  CREDIT_CODE_ASC: { spec: { expression: 't.credit_code::text', direction: 'ASC', type: 'text' }, description: 'By unified social credit code, ascending.' },
  EMPLOYEE_COUNT_DESC: sortBy(columns.employeeCount, 'DESC', 'integer', 'Largest first; unknown counts last.', '-1'),
});
export const EnterpriseOrderBy = enterpriseOrderings.values;
export type EnterpriseOrderBy = keyof typeof EnterpriseOrderBy;

/** What Enterprise lists, counts, statistics and exports filter by, declared once. */
export const enterpriseFilters = {
  ...placeFilters,
  ownerships: filterBy.anyOf(columns.ownership, 'Any of these ownerships.'),
  industry: filterBy.equalTo(columns.industry, 'Industry, exactly (行业).'),
  establishedFrom: filterBy.atLeast(columns.establishedOn, 'Founded on or after this date.'),
  establishedTo: filterBy.atMost(columns.establishedOn, 'Founded on or before this date.'),
  nameContains: filterBy.contains([columns.name, columns.nameEn], 'Name contains this text (Chinese or English), case-insensitive.'),
  minEmployeeCount: filterBy.atLeast(columns.employeeCount, 'At least this many employees.'),
  ...cityPortalFilters('enterprise', 'enterprises'),
};

@InputType({ description: 'Which enterprises to list; all given conditions must hold.' })
@filterFields(enterpriseFilters)
export class EnterpriseFilter {}
export interface EnterpriseFilter extends FilterOf<typeof enterpriseFilters> {}

@ArgsType()
export class EnterprisesArgs extends PageArgs {
  @Field(() => EnterpriseFilter, { nullable: true, description: 'Filter.' })
  filter?: EnterpriseFilter | null;

  @Field(() => EnterpriseOrderBy, { nullable: true, description: 'Ordering (default ID_ASC).' })
  orderBy?: EnterpriseOrderBy | null;
}

@ArgsType()
export class EnterpriseStatsArgs {
  @Field(() => [EnterpriseDimension], { description: 'Dimensions to group by, e.g. [CITY, OWNERSHIP]; [] gives one total row.' })
  groupBy: EnterpriseDimension[];

  @Field(() => EnterpriseFilter, { nullable: true, description: 'Which enterprises to count.' })
  filter?: EnterpriseFilter | null;
}

@ArgsType()
export class EnterpriseSeriesArgs extends TimeSeriesArgs {
  @Field(() => EnterpriseFilter, { nullable: true, description: 'Which enterprises to count, as in `enterprises`; archived ones only when asked for.' })
  filter?: EnterpriseFilter | null;
}
