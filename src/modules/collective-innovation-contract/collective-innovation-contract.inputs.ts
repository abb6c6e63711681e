import { ArgsType, Field, InputType, Int, registerEnumType } from 'type-graphql';
import { PageArgs } from '../../graphql/relay/page-args';
import { CreditCodeScalar, DivisionCodeScalar, LocalDateScalar } from '../../graphql/scalars';
import { TimeSeriesArgs } from '../../graphql/time-series.type';
import { ArchiveStatus } from '../../graphql/writes';

export enum CollectiveInnovationContractOrderBy {
  ID_ASC = 'ID_ASC',
  SIGNED_ON_DESC = 'SIGNED_ON_DESC',
  SIGNED_ON_ASC = 'SIGNED_ON_ASC',
  WORKERS_COVERED_DESC = 'WORKERS_COVERED_DESC',
}
registerEnumType(CollectiveInnovationContractOrderBy, {
  name: 'CollectiveInnovationContractOrderBy',
  description: 'Orderings of collective innovation contracts; ties are broken by record id.',
  valuesConfig: {
    ID_ASC: { description: 'By record id, ascending (the order of registration).' },
    SIGNED_ON_DESC: { description: 'Most recently signed first; unknown dates last.' },
    SIGNED_ON_ASC: { description: 'Earliest signed first; unknown dates first.' },
    WORKERS_COVERED_DESC: { description: 'Most workers covered first; unknown coverage last.' },
  },
});

export enum CollectiveInnovationContractDimension {
  PROVINCE = 'PROVINCE',
  CITY = 'CITY',
  DISTRICT = 'DISTRICT',
  YEAR_SIGNED = 'YEAR_SIGNED',
  MONTH_SIGNED = 'MONTH_SIGNED',
  OWNERSHIP = 'OWNERSHIP',
  INDUSTRY = 'INDUSTRY',
}
registerEnumType(CollectiveInnovationContractDimension, {
  name: 'CollectiveInnovationContractDimension',
  description: 'What collective innovation contract statistics can be grouped by.',
  valuesConfig: {
    PROVINCE: { description: 'The province of the contract.' },
    CITY: { description: 'The city of the contract; contracts with no city form their own group.' },
    DISTRICT: { description: 'The district (区县) of the contract; contracts placed in no district form their own group.' },
    YEAR_SIGNED: { description: 'The year the contract was signed.' },
    MONTH_SIGNED: { description: 'The month the contract was signed.' },
    OWNERSHIP: { description: "The ownership of the contracting enterprise (所有制)." },
    INDUSTRY: { description: "The industry of the contracting enterprise (行业); unknown industries form their own group." },
  },
});

@InputType({ description: 'Which collective innovation contracts to include; all given conditions must hold.' })
export class CollectiveInnovationContractFilter {
  @Field(() => DivisionCodeScalar, { nullable: true, description: 'Province division code, e.g. "320000".' })
  provinceCode?: string | null;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'City division code, e.g. "320100".' })
  cityCode?: string | null;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'District division code (区县), e.g. "320102" for 玄武区.' })
  districtCode?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Signed on or after this date.' })
  signedFrom?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Signed on or before this date.' })
  signedTo?: string | null;

  @Field(() => Int, { nullable: true, description: 'Covering at least this many workers.' })
  minWorkersCovered?: number | null;

  @Field(() => CreditCodeScalar, { nullable: true, description: 'Only the contracts of the enterprise with this credit code.' })
  enterpriseCreditCode?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only sample records; false: only real ones.' })
  isSample?: boolean | null;

  @Field(() => String, { nullable: true, description: "The contract with this portal id (外部编号); combine with cityCode, as ids are unique within a city." })
  externalId?: string | null;

  @Field(() => ArchiveStatus, { nullable: true, description: 'Active (default), archived or all contracts.' })
  archiveStatus?: ArchiveStatus | null;
}

@ArgsType()
export class CollectiveInnovationContractsArgs extends PageArgs {
  @Field(() => CollectiveInnovationContractFilter, { nullable: true, description: 'Filter.' })
  filter?: CollectiveInnovationContractFilter | null;

  @Field(() => CollectiveInnovationContractOrderBy, { nullable: true, description: 'Ordering (default ID_ASC).' })
  orderBy?: CollectiveInnovationContractOrderBy | null;
}

@ArgsType()
export class CollectiveInnovationContractStatsArgs {
  @Field(() => [CollectiveInnovationContractDimension], { description: 'Dimensions to group by, e.g. [CITY]; [] gives one total row.' })
  groupBy: CollectiveInnovationContractDimension[];

  @Field(() => CollectiveInnovationContractFilter, { nullable: true, description: 'Which contracts to sum.' })
  filter?: CollectiveInnovationContractFilter | null;
}

@ArgsType()
export class CollectiveInnovationContractSeriesArgs extends TimeSeriesArgs {
  @Field(() => CollectiveInnovationContractFilter, { nullable: true, description: 'Which contracts to count, as in `collectiveContracts`; archived ones only when asked for.' })
  filter?: CollectiveInnovationContractFilter | null;
}
