import { ArgsType, Field, InputType, Int, registerEnumType } from 'type-graphql';
import { PageArgs } from '../../graphql/relay/page-args';
import { DivisionCodeScalar, LocalDateScalar } from '../../graphql/scalars';
import { TimeSeriesArgs } from '../../graphql/time-series.type';
import { ArchiveStatus } from '../../graphql/writes';
import { CraftsmanLevel, CraftsmanStatus } from './craftsman.type';

export enum CraftsmanOrderBy {
  ID_ASC = 'ID_ASC',
  NAME_ASC = 'NAME_ASC',
  YEAR_DESC = 'YEAR_DESC',
}
registerEnumType(CraftsmanOrderBy, {
  name: 'CraftsmanOrderBy',
  description: 'Orderings of craftsmen; ties are broken by record id. Unknown years sort last.',
  valuesConfig: {
    ID_ASC: { description: 'By record id, ascending (the order of registration).' },
    NAME_ASC: { description: 'By name, ascending.' },
    YEAR_DESC: { description: 'Most recent year first; unknown years last.' },
  },
});

export enum CraftsmanDimension {
  PROVINCE = 'PROVINCE',
  CITY = 'CITY',
  DISTRICT = 'DISTRICT',
  LEVEL = 'LEVEL',
  STATUS = 'STATUS',
  HONORARY_TITLE = 'HONORARY_TITLE',
  YEAR = 'YEAR',
  MONTH_RECOGNIZED = 'MONTH_RECOGNIZED',
  OWNERSHIP = 'OWNERSHIP',
  INDUSTRY = 'INDUSTRY',
}
registerEnumType(CraftsmanDimension, {
  name: 'CraftsmanDimension',
  description: 'What craftsman statistics can be grouped by.',
  valuesConfig: {
    PROVINCE: { description: 'The province of the craftsman.' },
    CITY: { description: 'The city of the craftsman; craftsmen with no city form their own group.' },
    DISTRICT: { description: 'The district (区县) of the craftsman; craftsmen placed in no district form their own group.' },
    LEVEL: { description: 'The level of the craftsman title.' },
    STATUS: { description: 'Where the craftsman stands in the selection pipeline.' },
    HONORARY_TITLE: { description: 'The honorary title; craftsmen without one form their own group.' },
    YEAR: { description: 'The year of selection or award; craftsmen with no known year form their own group.' },
    MONTH_RECOGNIZED: { description: 'The month of recognition (认定日期); craftsmen with no known date form their own group.' },
    OWNERSHIP: { description: "The ownership of the craftsman's enterprise (所有制); craftsmen with no enterprise form their own group." },
    INDUSTRY: { description: "The industry of the craftsman's enterprise (行业); unknown industries form their own group." },
  },
});

@InputType({ description: 'Which craftsmen to include; all given conditions must hold.' })
export class CraftsmanFilter {
  @Field(() => DivisionCodeScalar, { nullable: true, description: 'Province division code, e.g. "320000".' })
  provinceCode?: string | null;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'City division code, e.g. "320100".' })
  cityCode?: string | null;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'District division code (区县), e.g. "320102" for 玄武区.' })
  districtCode?: string | null;

  @Field(() => [CraftsmanLevel], { nullable: true, description: 'Any of these levels.' })
  levels?: CraftsmanLevel[] | null;

  @Field(() => [CraftsmanStatus], { nullable: true, description: 'Any of these statuses.' })
  statuses?: CraftsmanStatus[] | null;

  @Field(() => String, { nullable: true, description: 'Honorary title, exactly, e.g. 南京工匠.' })
  honoraryTitle?: string | null;

  @Field(() => Int, { nullable: true, description: 'Year from (inclusive).' })
  yearFrom?: number | null;

  @Field(() => Int, { nullable: true, description: 'Year to (inclusive).' })
  yearTo?: number | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Recognised (认定日期) on or after this date; craftsmen with no known date are left out.' })
  recognizedFrom?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Recognised (认定日期) on or before this date; craftsmen with no known date are left out.' })
  recognizedTo?: string | null;

  @Field(() => String, { nullable: true, description: 'Name contains this text.' })
  nameContains?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only sample records; false: only real ones.' })
  isSample?: boolean | null;

  @Field(() => String, { nullable: true, description: "The craftsman with this portal id (外部编号); combine with cityCode, as ids are unique within a city." })
  externalId?: string | null;

  @Field(() => ArchiveStatus, { nullable: true, description: 'Active (default), archived or all craftsmen.' })
  archiveStatus?: ArchiveStatus | null;
}

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
