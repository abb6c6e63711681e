import { ArgsType, Field, InputType, registerEnumType } from 'type-graphql';
import { PageArgs } from '../../graphql/relay/page-args';
import { TimeSeriesArgs } from '../../graphql/time-series.type';
import { craftsmanAcademyColumns } from './craftsman-academy.type';
import { filterBy, filterFields, type FilterOf } from '../../registry/filters';
import { cityPortalFilters, placeFilters } from '../../graphql/registry-record.interface';
import { BY_RECORD_ID, orderingsOf, sortBy } from '../../registry/orderings';

const columns = craftsmanAcademyColumns;

/** How CraftsmanAcademy lists can be ordered, declared once: the GraphQL enum and the table spec's orders. */
export const craftsmanAcademyOrderings = orderingsOf('CraftsmanAcademyOrderBy', 'Orderings of craftsman academies; ties are broken by record id.', {
  ID_ASC: BY_RECORD_ID,
  NAME_ASC: sortBy(columns.name, 'ASC', 'text', 'By Chinese name, ascending.'),
});
export const CraftsmanAcademyOrderBy = craftsmanAcademyOrderings.values;
export type CraftsmanAcademyOrderBy = keyof typeof CraftsmanAcademyOrderBy;

export enum CraftsmanAcademyDimension {
  PROVINCE = 'PROVINCE',
  CITY = 'CITY',
  DISTRICT = 'DISTRICT',
  LEVEL = 'LEVEL',
  ON_PROVINCIAL_SUPPORT_LIST = 'ON_PROVINCIAL_SUPPORT_LIST',
  YEAR_ESTABLISHED = 'YEAR_ESTABLISHED',
  MONTH_ESTABLISHED = 'MONTH_ESTABLISHED',
}
registerEnumType(CraftsmanAcademyDimension, {
  name: 'CraftsmanAcademyDimension',
  description: 'What craftsman academy statistics can be grouped by.',
  valuesConfig: {
    PROVINCE: { description: 'The province of the academy.' },
    CITY: { description: 'The city of the academy; academies with no city form their own group.' },
    DISTRICT: { description: 'The district (区县) of the academy; academies placed in no district form their own group.' },
    LEVEL: { description: 'The level of the academy.' },
    ON_PROVINCIAL_SUPPORT_LIST: { description: 'Whether the academy is on the provincial support list.' },
    YEAR_ESTABLISHED: { description: 'The year the academy was founded (成立日期); academies with no known date form their own group.' },
    MONTH_ESTABLISHED: { description: 'The month the academy was founded; academies with no known date form their own group.' },
  },
});

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
