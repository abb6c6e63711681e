import { ArgsType, Field, InputType } from 'type-graphql';
import { PageArgs } from '../../graphql/relay/page-args';
import { TimeSeriesArgs } from '../../registry/time-series.type';
import { cityPortalFilters, placeFilters } from '../../registry/registry-record.interface';
import { filterBy, filterFields, type FilterOf } from '../../registry/filters';
import { innovationStudioColumns, InnovationStudioDimension } from './innovation-studio.type';
import { BY_RECORD_ID, EARLIEST_DATE, orderingsOf, sortBy } from '../../registry/orderings';

const columns = innovationStudioColumns;

/** How InnovationStudio lists can be ordered, declared once: the GraphQL enum and the table spec's orders. */
export const innovationStudioOrderings = orderingsOf('InnovationStudioOrderBy', 'Orderings of innovation studios; ties are broken by record id. Unknown dates sort as the earliest.', {
  ID_ASC: BY_RECORD_ID,
  NAME_ASC: sortBy(columns.name, 'ASC', 'text', 'By name, ascending.'),
  ESTABLISHED_ON_ASC: sortBy(columns.establishedOn, 'ASC', 'date', 'Oldest first; unknown dates first.', EARLIEST_DATE),
  ESTABLISHED_ON_DESC: sortBy(columns.establishedOn, 'DESC', 'date', 'Newest first; unknown dates last.', EARLIEST_DATE),
});
export const InnovationStudioOrderBy = innovationStudioOrderings.values;
export type InnovationStudioOrderBy = keyof typeof InnovationStudioOrderBy;

/** What innovation studio lists, counts, statistics, series and exports filter by, declared once. */
export const innovationStudioFilters = {
  ...placeFilters,
  kinds: filterBy.anyOf(columns.kind, 'Any of these kinds.'),
  demonstrationLevels: filterBy.anyOf(columns.demonstrationLevel, 'Any of these demonstration levels.'),
  establishedFrom: filterBy.atLeast(columns.establishedOn, 'Established on or after this date.'),
  establishedTo: filterBy.atMost(columns.establishedOn, 'Established on or before this date.'),
  nameContains: filterBy.contains([columns.name], 'Name contains this text, case-insensitive.'),
  ...cityPortalFilters('studio', 'studios'),
};

@InputType({ description: 'Which innovation studios to include; all given conditions must hold.' })
@filterFields(innovationStudioFilters)
export class InnovationStudioFilter {}
export interface InnovationStudioFilter extends FilterOf<typeof innovationStudioFilters> {}

@ArgsType()
export class InnovationStudiosArgs extends PageArgs {
  @Field(() => InnovationStudioFilter, { nullable: true, description: 'Filter.' })
  filter?: InnovationStudioFilter | null;

  @Field(() => InnovationStudioOrderBy, { nullable: true, description: 'Ordering (default ID_ASC).' })
  orderBy?: InnovationStudioOrderBy | null;
}

@ArgsType()
export class InnovationStudioStatsArgs {
  @Field(() => [InnovationStudioDimension], { description: 'Dimensions to group by, e.g. [CITY, KIND]; [] gives one total row.' })
  groupBy: InnovationStudioDimension[];

  @Field(() => InnovationStudioFilter, { nullable: true, description: 'Which studios to count.' })
  filter?: InnovationStudioFilter | null;
}

@ArgsType()
export class InnovationStudioSeriesArgs extends TimeSeriesArgs {
  @Field(() => InnovationStudioFilter, { nullable: true, description: 'Which studios to count, as in `innovationStudios`; archived ones only when asked for.' })
  filter?: InnovationStudioFilter | null;
}
