import { ArgsType, Field, InputType, Int } from 'type-graphql';
import { PageArgs } from '../../graphql/relay/page-args';
import { CreditCodeScalar } from '../../graphql/scalars';
import { TimeSeriesArgs } from '../../registry/time-series.type';
import { filterBy, filterFields, type FilterOf } from '../../registry/filters';
import { collectiveInnovationContractColumns, CollectiveInnovationContractDimension } from './collective-innovation-contract.type';
import { cityPortalFilters, placeFilters } from '../../registry/registry-record.interface';
import { sql } from '../../db/sql';
import { BY_RECORD_ID, EARLIEST_DATE, orderingsOf, sortBy } from '../../registry/orderings';

const columns = collectiveInnovationContractColumns;

/** How CollectiveInnovationContract lists can be ordered, declared once: the GraphQL enum and the table spec's orders. */
export const collectiveInnovationContractOrderings = orderingsOf('CollectiveInnovationContractOrderBy', 'Orderings of collective innovation contracts; ties are broken by record id.', {
  ID_ASC: BY_RECORD_ID,
  // Unknown dates sort as the earliest, unknown coverage below any count (a keyset cursor needs a value on every row).
  SIGNED_ON_DESC: sortBy(columns.signedOn, 'DESC', 'date', 'Most recently signed first; unknown dates last.', EARLIEST_DATE),
  SIGNED_ON_ASC: sortBy(columns.signedOn, 'ASC', 'date', 'Earliest signed first; unknown dates first.', EARLIEST_DATE),
  WORKERS_COVERED_DESC: sortBy(columns.workersCovered, 'DESC', 'integer', 'Most workers covered first; unknown coverage last.', '-1'),
});
export const CollectiveInnovationContractOrderBy = collectiveInnovationContractOrderings.values;
export type CollectiveInnovationContractOrderBy = keyof typeof CollectiveInnovationContractOrderBy;

/** What CollectiveInnovationContract lists, counts, statistics and exports filter by, declared once. */
export const collectiveInnovationContractFilters = {
  ...placeFilters,
  signedFrom: filterBy.atLeast(columns.signedOn, 'Signed on or after this date.'),
  signedTo: filterBy.atMost(columns.signedOn, 'Signed on or before this date.'),
  minWorkersCovered: filterBy.atLeast(columns.workersCovered, 'Covering at least this many workers.', () => Int),
  enterpriseCreditCode: filterBy.custom<string>(() => CreditCodeScalar, 'Only the contracts of the enterprise with this credit code.', (code) => [
    sql`t.enterprise_id IN (SELECT id FROM enterprise WHERE credit_code = ${code})`,
  ]),
  ...cityPortalFilters('contract', 'contracts'),
};

@InputType({ description: 'Which collective innovation contracts to include; all given conditions must hold.' })
@filterFields(collectiveInnovationContractFilters)
export class CollectiveInnovationContractFilter {}
export interface CollectiveInnovationContractFilter extends FilterOf<typeof collectiveInnovationContractFilters> {}

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
