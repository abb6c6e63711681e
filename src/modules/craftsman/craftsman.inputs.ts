import { ArgsType, Field, InputType } from 'type-graphql';
import { PageArgs } from '../../graphql/relay/page-args';
import { TimeSeriesArgs } from '../../registry/time-series.type';
import { craftsmanColumns, CraftsmanDimension } from './craftsman.type';
import { filterBy, filterFields, type FilterOf } from '../../registry/filters';
import { cityPortalFilters, placeFilters } from '../../registry/registry-record.interface';
import { BY_RECORD_ID, orderingsOf, sortBy } from '../../registry/orderings';

const columns = craftsmanColumns;

/** How Craftsman lists can be ordered, declared once: the GraphQL enum and the table spec's orders. */
export const craftsmanOrderings = orderingsOf('CraftsmanOrderBy', 'Orderings of craftsmen; ties are broken by record id. Unknown years sort last.', {
  ID_ASC: BY_RECORD_ID,
  NAME_ASC: sortBy(columns.name, 'ASC', 'text', 'By name, ascending.'),
  YEAR_DESC: sortBy(columns.year, 'DESC', 'integer', 'Most recent year first; unknown years last.', '0'),
});
export const CraftsmanOrderBy = craftsmanOrderings.values;
export type CraftsmanOrderBy = keyof typeof CraftsmanOrderBy;

/** What Craftsman lists, counts, statistics and exports filter by, declared once. */
export const craftsmanFilters = {
  ...placeFilters,
  levels: filterBy.anyOf(columns.level, 'Any of these levels.'),
  statuses: filterBy.anyOf(columns.status, 'Any of these statuses.'),
  honoraryTitle: filterBy.equalTo(columns.honoraryTitle, 'Honorary title, exactly, e.g. 南京工匠.'),
  yearFrom: filterBy.atLeast(columns.year, 'Year from (inclusive).'),
  yearTo: filterBy.atMost(columns.year, 'Year to (inclusive).'),
  recognizedFrom: filterBy.atLeast(columns.recognizedOn, 'Recognised (认定日期) on or after this date; craftsmen with no known date are left out.'),
  recognizedTo: filterBy.atMost(columns.recognizedOn, 'Recognised (认定日期) on or before this date; craftsmen with no known date are left out.'),
  nameContains: filterBy.contains([columns.name], 'Name contains this text.'),
  ...cityPortalFilters('craftsman', 'craftsmen'),
};

@InputType({ description: 'Which craftsmen to include; all given conditions must hold.' })
@filterFields(craftsmanFilters)
export class CraftsmanFilter {}
export interface CraftsmanFilter extends FilterOf<typeof craftsmanFilters> {}

@ArgsType()
export class CraftsmenArgs extends PageArgs {
  @Field(() => CraftsmanFilter, { nullable: true, description: 'Filter.' })
  filter?: CraftsmanFilter | null;

  @Field(() => CraftsmanOrderBy, { nullable: true, description: 'Ordering (default ID_ASC).' })
  orderBy?: CraftsmanOrderBy | null;
}

@ArgsType()
export class CraftsmanStatsArgs {
  @Field(() => [CraftsmanDimension], { description: 'Dimensions to group by, e.g. [LEVEL, STATUS]; [] gives one total row.' })
  groupBy: CraftsmanDimension[];

  @Field(() => CraftsmanFilter, { nullable: true, description: 'Which craftsmen to count.' })
  filter?: CraftsmanFilter | null;
}

@ArgsType()
export class CraftsmanSeriesArgs extends TimeSeriesArgs {
  @Field(() => CraftsmanFilter, { nullable: true, description: 'Which craftsmen to count, as in `craftsmen`; archived ones only when asked for.' })
  filter?: CraftsmanFilter | null;
}
