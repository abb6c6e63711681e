import { ArgsType, Field, InputType } from 'type-graphql';
import { PageArgs } from '../../graphql/relay/page-args';
import { TimeSeriesArgs } from '../../registry/time-series.type';
import { craftsmanAcademyColumns, CraftsmanAcademyDimension } from './craftsman-academy.type';
import { filterBy, filterFields, type FilterOf } from '../../registry/filters';
import { cityPortalFilters, placeFilters } from '../../registry/registry-record.interface';
import { BY_RECORD_ID, orderingsOf, sortBy } from '../../registry/orderings';

const columns = craftsmanAcademyColumns;

/** How CraftsmanAcademy lists can be ordered, declared once: the GraphQL enum and the table spec's orders. */
export const craftsmanAcademyOrderings = orderingsOf('CraftsmanAcademyOrderBy', 'Orderings of craftsman academies; ties are broken by record id.', {
  ID_ASC: BY_RECORD_ID,
  NAME_ASC: sortBy(columns.name, 'ASC', 'text', 'By Chinese name, ascending.'),
});
export const CraftsmanAcademyOrderBy = craftsmanAcademyOrderings.values;
export type CraftsmanAcademyOrderBy = keyof typeof CraftsmanAcademyOrderBy;

/** What CraftsmanAcademy lists, counts, statistics and exports filter by, declared once. */
export const craftsmanAcademyFilters = {
  ...placeFilters,
  levels: filterBy.anyOf(columns.level, 'Any of these levels.'),
  onProvincialSupportList: filterBy.equalTo(columns.onProvincialSupportList, 'Only academies on (true) or off (false) the provincial support list.'),
  establishedFrom: filterBy.atLeast(columns.establishedOn, 'Founded (成立日期) on or after this date; academies with no known date are left out.'),
  establishedTo: filterBy.atMost(columns.establishedOn, 'Founded (成立日期) on or before this date; academies with no known date are left out.'),
  nameContains: filterBy.contains([columns.name, columns.hostInstitution], 'Name or host institution contains this text.'),
  ...cityPortalFilters('academy', 'academies'),
};

@InputType({ description: 'Which craftsman academies to include; all given conditions must hold.' })
@filterFields(craftsmanAcademyFilters)
export class CraftsmanAcademyFilter {}
export interface CraftsmanAcademyFilter extends FilterOf<typeof craftsmanAcademyFilters> {}

@ArgsType()
export class CraftsmanAcademiesArgs extends PageArgs {
  @Field(() => CraftsmanAcademyFilter, { nullable: true, description: 'Filter.' })
  filter?: CraftsmanAcademyFilter | null;

  @Field(() => CraftsmanAcademyOrderBy, { nullable: true, description: 'Ordering (default ID_ASC).' })
  orderBy?: CraftsmanAcademyOrderBy | null;
}

@ArgsType()
export class CraftsmanAcademyStatsArgs {
  @Field(() => [CraftsmanAcademyDimension], { description: 'Dimensions to group by, e.g. [CITY, LEVEL]; [] gives one total row.' })
  groupBy: CraftsmanAcademyDimension[];

  @Field(() => CraftsmanAcademyFilter, { nullable: true, description: 'Which academies to count.' })
  filter?: CraftsmanAcademyFilter | null;
}

@ArgsType()
export class CraftsmanAcademySeriesArgs extends TimeSeriesArgs {
  @Field(() => CraftsmanAcademyFilter, { nullable: true, description: 'Which academies to count, as in `craftsmanAcademies`; archived ones only when asked for.' })
  filter?: CraftsmanAcademyFilter | null;
}
