import { ArgsType, Field, InputType, Int, registerEnumType } from 'type-graphql';
import { PageArgs } from '../../graphql/relay/page-args';
import { DivisionCodeScalar, LocalDateScalar } from '../../graphql/scalars';
import { TimeSeriesArgs } from '../../graphql/time-series.type';
import { ArchiveStatus } from '../../graphql/writes';
import { Ownership } from './enterprise.type';

export enum EnterpriseOrderBy {
  ID_ASC = 'ID_ASC',
  NAME_ASC = 'NAME_ASC',
  CREDIT_CODE_ASC = 'CREDIT_CODE_ASC',
  EMPLOYEE_COUNT_DESC = 'EMPLOYEE_COUNT_DESC',
}
registerEnumType(EnterpriseOrderBy, {
  name: 'EnterpriseOrderBy',
  description: 'Orderings of enterprises; ties are broken by record id.',
  valuesConfig: {
    ID_ASC: { description: 'By record id, ascending (the order of registration).' },
    NAME_ASC: { description: 'By Chinese name, ascending.' },
    CREDIT_CODE_ASC: { description: 'By unified social credit code, ascending.' },
    EMPLOYEE_COUNT_DESC: { description: 'Largest first; unknown counts last.' },
  },
});

export enum EnterpriseDimension {
  PROVINCE = 'PROVINCE',
  CITY = 'CITY',
  DISTRICT = 'DISTRICT',
  OWNERSHIP = 'OWNERSHIP',
  INDUSTRY = 'INDUSTRY',
  YEAR_ESTABLISHED = 'YEAR_ESTABLISHED',
  MONTH_ESTABLISHED = 'MONTH_ESTABLISHED',
  YEAR_REGISTERED = 'YEAR_REGISTERED',
  MONTH_REGISTERED = 'MONTH_REGISTERED',
}
registerEnumType(EnterpriseDimension, {
  name: 'EnterpriseDimension',
  description: 'What enterprise statistics can be grouped by.',
  valuesConfig: {
    PROVINCE: { description: 'The province of the enterprise.' },
    CITY: { description: 'The city of the enterprise; enterprises with no city form their own group.' },
    DISTRICT: { description: 'The district (区县) of the enterprise; enterprises placed in no district form their own group.' },
    OWNERSHIP: { description: 'Ownership (所有制).' },
    INDUSTRY: { description: 'Industry (行业); unknown industries form their own group.' },
    YEAR_ESTABLISHED: { description: 'The year the enterprise was founded (成立年份); enterprises with no known date form their own group.' },
    MONTH_ESTABLISHED: { description: 'The month the enterprise was founded; enterprises with no known date form their own group.' },
    YEAR_REGISTERED: {
      description: 'The year the enterprise was entered in this registry (登记入库), China time.',
      deprecationReason: 'When a record was typed in says nothing about the enterprise (a load enters thousands at once); group by YEAR_ESTABLISHED.',
    },
    MONTH_REGISTERED: {
      description: 'The month the enterprise was entered in this registry, China time.',
      deprecationReason: 'When a record was typed in says nothing about the enterprise; group by MONTH_ESTABLISHED.',
    },
  },
});

@InputType({ description: 'Which enterprises to list; all given conditions must hold.' })
export class EnterpriseFilter {
  @Field(() => DivisionCodeScalar, { nullable: true, description: 'Province division code, e.g. "320000".' })
  provinceCode?: string | null;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'City division code, e.g. "320100".' })
  cityCode?: string | null;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'District division code (区县), e.g. "320102" for 玄武区.' })
  districtCode?: string | null;

  @Field(() => [Ownership], { nullable: true, description: 'Any of these ownerships.' })
  ownerships?: Ownership[] | null;

  @Field(() => String, { nullable: true, description: 'Industry, exactly (行业).' })
  industry?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Founded on or after this date.' })
  establishedFrom?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Founded on or before this date.' })
  establishedTo?: string | null;

  @Field(() => String, { nullable: true, description: 'Name contains this text (Chinese or English), case-insensitive.' })
  nameContains?: string | null;

  @Field(() => Int, { nullable: true, description: 'At least this many employees.' })
  minEmployeeCount?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only sample records; false: only real ones.' })
  isSample?: boolean | null;

  @Field(() => String, { nullable: true, description: 'The enterprise with this portal id (外部编号); combine with cityCode, as ids are unique within a city.' })
  externalId?: string | null;

  @Field(() => ArchiveStatus, { nullable: true, description: 'Active (default), archived or all enterprises.' })
  archiveStatus?: ArchiveStatus | null;
}

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
