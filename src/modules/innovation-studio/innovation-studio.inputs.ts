import { ArgsType, Field, InputType, registerEnumType } from 'type-graphql';
import { PageArgs } from '../../graphql/relay/page-args';
import { DivisionCodeScalar, LocalDateScalar } from '../../graphql/scalars';
import { TimeSeriesArgs } from '../../graphql/time-series.type';
import { ArchiveStatus } from '../../graphql/writes';
import { DemonstrationLevel, InnovationStudioKind } from './innovation-studio.type';

export enum InnovationStudioOrderBy {
  ID_ASC = 'ID_ASC',
  NAME_ASC = 'NAME_ASC',
  ESTABLISHED_ON_ASC = 'ESTABLISHED_ON_ASC',
  ESTABLISHED_ON_DESC = 'ESTABLISHED_ON_DESC',
}
registerEnumType(InnovationStudioOrderBy, {
  name: 'InnovationStudioOrderBy',
  description: 'Orderings of innovation studios; ties are broken by record id. Unknown dates sort as the earliest.',
  valuesConfig: {
    ID_ASC: { description: 'By record id, ascending (the order of registration).' },
    NAME_ASC: { description: 'By name, ascending.' },
    ESTABLISHED_ON_ASC: { description: 'Oldest first; unknown dates first.' },
    ESTABLISHED_ON_DESC: { description: 'Newest first; unknown dates last.' },
  },
});

export enum InnovationStudioDimension {
  PROVINCE = 'PROVINCE',
  CITY = 'CITY',
  DISTRICT = 'DISTRICT',
  KIND = 'KIND',
  DEMONSTRATION_LEVEL = 'DEMONSTRATION_LEVEL',
  YEAR_ESTABLISHED = 'YEAR_ESTABLISHED',
  MONTH_ESTABLISHED = 'MONTH_ESTABLISHED',
  OWNERSHIP = 'OWNERSHIP',
  INDUSTRY = 'INDUSTRY',
}
registerEnumType(InnovationStudioDimension, {
  name: 'InnovationStudioDimension',
  description: 'What innovation studio statistics can be grouped by.',
  valuesConfig: {
    PROVINCE: { description: 'The province of the studio.' },
    CITY: { description: 'The city of the studio; studios with no city form their own group.' },
    DISTRICT: { description: 'The district (区县) of the studio; studios placed in no district form their own group.' },
    KIND: { description: 'The kind of studio.' },
    DEMONSTRATION_LEVEL: { description: 'The demonstration level of the studio.' },
    YEAR_ESTABLISHED: { description: 'The year the studio was established; studios with no known date form their own group.' },
    MONTH_ESTABLISHED: { description: 'The month the studio was established; studios with no known date form their own group.' },
    OWNERSHIP: { description: "The ownership of the studio's enterprise (所有制)." },
    INDUSTRY: { description: "The industry of the studio's enterprise (行业); unknown industries form their own group." },
  },
});

@InputType({ description: 'Which innovation studios to include; all given conditions must hold.' })
export class InnovationStudioFilter {
  @Field(() => DivisionCodeScalar, { nullable: true, description: 'Province division code, e.g. "320000".' })
  provinceCode?: string | null;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'City division code, e.g. "320100".' })
  cityCode?: string | null;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'District division code (区县), e.g. "320102" for 玄武区.' })
  districtCode?: string | null;

  @Field(() => [InnovationStudioKind], { nullable: true, description: 'Any of these kinds.' })
  kinds?: InnovationStudioKind[] | null;

  @Field(() => [DemonstrationLevel], { nullable: true, description: 'Any of these demonstration levels.' })
  demonstrationLevels?: DemonstrationLevel[] | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Established on or after this date.' })
  establishedFrom?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Established on or before this date.' })
  establishedTo?: string | null;

  @Field(() => String, { nullable: true, description: 'Name contains this text, case-insensitive.' })
  nameContains?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only sample records; false: only real ones.' })
  isSample?: boolean | null;

  @Field(() => String, { nullable: true, description: "The studio with this portal id (外部编号); combine with cityCode, as ids are unique within a city." })
  externalId?: string | null;

  @Field(() => ArchiveStatus, { nullable: true, description: 'Active (default), archived or all studios.' })
  archiveStatus?: ArchiveStatus | null;
}

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
