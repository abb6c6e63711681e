import type { GraphQLResolveInfo } from 'graphql';
import { filterConditions } from '../../registry/filters';
import { groupStats, type Dimension } from '../../registry/stats';
import { registryRow, type TableSpec } from '../../registry/table';
import type { RequestContext } from '../../graphql/context';
import { onDay, timeSeries } from '../../registry/time-series';
import { byKeyLoader, listConnection, rowByKey } from '../../registry/lists';
import { type EnterpriseFilter, enterpriseFilters, EnterpriseOrderBy, enterpriseOrderings, type EnterprisesArgs, type EnterpriseSeriesArgs, type EnterpriseStatsArgs } from './enterprise.inputs';
import { Enterprise, enterpriseColumns, enterpriseDimensions, type EnterpriseRow } from './enterprise.type';

export const enterpriseTable: TableSpec<EnterpriseRow, EnterpriseFilter> = {
  from: 'enterprise t',
  columns: enterpriseColumns,
  key: 't.id',
  toRow: registryRow('Enterprise', Enterprise),
  conditions: filterConditions(enterpriseFilters),

  orders: enterpriseOrderings.orders,
};

/** What an enterprise's time series date it by: the day it was founded (成立日期), where known. */
export const ENTERPRISE_DATED_BY = onDay('t.established_on');

const dimensions = enterpriseDimensions.dimensions;

const measures: Dimension[] = [
  { expression: 'sum(t.employee_count)::integer', alias: 'employees' },
  { expression: 'count(t.employee_count)::integer', alias: 'withEmployeeCount' },
];

export const enterpriseService = {
  series: (ctx: RequestContext, args: EnterpriseSeriesArgs) => timeSeries(ctx, { table: enterpriseTable, dated: ENTERPRISE_DATED_BY }, args),
  stats: (ctx: RequestContext, args: EnterpriseStatsArgs) => groupStats(ctx, enterpriseTable, dimensions, args.groupBy, args.filter, measures),
  list: (ctx: RequestContext, args: EnterprisesArgs, info?: GraphQLResolveInfo) => listConnection(ctx, enterpriseTable, args, EnterpriseOrderBy.ID_ASC, info),
  byId: (ctx: RequestContext, id: number | string | null) => (id == null ? null : byKeyLoader(ctx, enterpriseTable, 't.id').load(id)),
  /** The root field `enterprise(creditCode:)`, with what it folds (src/registry/fold-planner.ts). */
  lookup: (ctx: RequestContext, creditCode: string, info: GraphQLResolveInfo) => rowByKey(ctx, enterpriseTable, 't.credit_code', creditCode, info),
};

/** What src/registry/fold-planner.ts may fetch with a parent's statement: exactly what the resolvers' service calls return. */
