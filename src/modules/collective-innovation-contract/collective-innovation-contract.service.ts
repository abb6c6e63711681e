import type { GraphQLResolveInfo } from 'graphql';
import { filterConditions } from '../../registry/filters';
import { registryRow, type TableSpec } from '../../registry/table';
import type { RequestContext } from '../../graphql/context';
import { onDay, timeSeries } from '../../registry/time-series';
import { listConnection } from '../../registry/lists';
import { groupStats, type Dimension } from '../../registry/stats';
import {
  CollectiveInnovationContractOrderBy,
  type CollectiveInnovationContractFilter,
  type CollectiveInnovationContractsArgs,
  type CollectiveInnovationContractStatsArgs,
  type CollectiveInnovationContractSeriesArgs,
  collectiveInnovationContractFilters,
  collectiveInnovationContractOrderings,
} from './collective-innovation-contract.inputs';
import { CollectiveInnovationContract, collectiveInnovationContractColumns, collectiveInnovationContractDimensions, type CollectiveInnovationContractRow } from './collective-innovation-contract.type';

export const collectiveInnovationContractTable: TableSpec<CollectiveInnovationContractRow, CollectiveInnovationContractFilter> = {
  from: 'collective_innovation_contract t',
  columns: collectiveInnovationContractColumns,
  key: 't.id',
  toRow: registryRow('CollectiveInnovationContract', CollectiveInnovationContract),
  conditions: filterConditions(collectiveInnovationContractFilters),

  orders: collectiveInnovationContractOrderings.orders,
};

const dimensions = collectiveInnovationContractDimensions.dimensions;

const measures: Dimension[] = [
  { expression: 'count(DISTINCT t.enterprise_id)::integer', alias: 'enterprises' },
  { expression: 'sum(t.workers_covered)::integer', alias: 'workersCovered' },
  { expression: 'count(t.workers_covered)::integer', alias: 'withWorkersCovered' },
  { expression: 'sum(t.projects_planned)::integer', alias: 'projectsPlanned' },
  { expression: 'count(t.projects_planned)::integer', alias: 'withProjectCounts' },
  { expression: 'sum(t.projects_completed)::integer', alias: 'projectsCompleted' },
];

/** What a contract's time series and goal trend date it by: the day it was signed (签订日期). */
export const COLLECTIVE_CONTRACT_DATED_BY = onDay('t.signed_on');

export const collectiveInnovationContractService = {
  series: (ctx: RequestContext, args: CollectiveInnovationContractSeriesArgs) => timeSeries(ctx, { table: collectiveInnovationContractTable, dated: COLLECTIVE_CONTRACT_DATED_BY }, args),
  list: (ctx: RequestContext, args: CollectiveInnovationContractsArgs, info?: GraphQLResolveInfo) =>
    listConnection(ctx, collectiveInnovationContractTable, args, CollectiveInnovationContractOrderBy.ID_ASC, info),
  stats: (ctx: RequestContext, args: CollectiveInnovationContractStatsArgs) =>
    groupStats(ctx, collectiveInnovationContractTable, dimensions, args.groupBy, args.filter, measures),
};
