import { ArgsType, Field, InputType, registerEnumType } from 'type-graphql';
import { PageArgs } from '../../graphql/relay/page-args';
import { DivisionCodeScalar, LocalDateScalar } from '../../graphql/scalars';
import { TimeSeriesArgs } from '../../graphql/time-series.type';
import { ArchiveStatus } from '../../graphql/writes';
import { CraftsmanAcademyLevel } from './craftsman-academy.type';

export enum CraftsmanAcademyOrderBy {
  ID_ASC = 'ID_ASC',
  NAME_ASC = 'NAME_ASC',
}
registerEnumType(CraftsmanAcademyOrderBy, {
  name: 'CraftsmanAcademyOrderBy',
  description: 'Orderings of craftsman academies; ties are broken by record id.',
  valuesConfig: {
    ID_ASC: { description: 'By record id, ascending (the order of registration).' },
    NAME_ASC: { description: 'By Chinese name, ascending.' },
  },
});

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

@InputType({ description: 'Which craftsman academies to include; all given conditions must hold.' })
export class CraftsmanAcademyFilter {
  @Field(() => DivisionCodeScalar, { nullable: true, description: 'Province division code, e.g. "320000".' })
  provinceCode?: string | null;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'City division code, e.g. "320100".' })
  cityCode?: string | null;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'District division code (区县), e.g. "320102" for 玄武区.' })
  districtCode?: string | null;

  @Field(() => [CraftsmanAcademyLevel], { nullable: true, description: 'Any of these levels.' })
  levels?: CraftsmanAcademyLevel[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Only academies on (true) or off (false) the provincial support list.' })
  onProvincialSupportList?: boolean | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Founded (成立日期) on or after this date; academies with no known date are left out.' })
  establishedFrom?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Founded (成立日期) on or before this date; academies with no known date are left out.' })
  establishedTo?: string | null;

  @Field(() => String, { nullable: true, description: 'Name or host institution contains this text.' })
  nameContains?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only sample records; false: only real ones.' })
  isSample?: boolean | null;

  @Field(() => String, { nullable: true, description: 'The academy with this portal id (外部编号); combine with cityCode, as ids are unique within a city.' })
  externalId?: string | null;

  @Field(() => ArchiveStatus, { nullable: true, description: 'Active (default), archived or all academies.' })
  archiveStatus?: ArchiveStatus | null;
}

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
