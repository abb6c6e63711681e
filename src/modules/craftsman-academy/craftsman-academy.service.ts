import type { GraphQLResolveInfo } from 'graphql';
import { filterConditions } from '../../registry/filters';
import { registryRow, type TableSpec } from '../../registry/table';
import type { RequestContext } from '../../graphql/context';
import { onDay, timeSeries } from '../../registry/time-series';
import { listConnection } from '../../registry/lists';
import { groupStats } from '../../registry/stats';
import {
  CraftsmanAcademyOrderBy,
  type CraftsmanAcademiesArgs,
  type CraftsmanAcademyFilter,
  type CraftsmanAcademyStatsArgs,
  type CraftsmanAcademySeriesArgs,
  craftsmanAcademyFilters,
  craftsmanAcademyOrderings,
} from './craftsman-academy.inputs';
import { CraftsmanAcademy, craftsmanAcademyColumns, craftsmanAcademyDimensions, type CraftsmanAcademyRow } from './craftsman-academy.type';

export const craftsmanAcademyTable: TableSpec<CraftsmanAcademyRow, CraftsmanAcademyFilter> = {
  from: 'craftsman_academy t',
  columns: craftsmanAcademyColumns,
  key: 't.id',
  toRow: registryRow('CraftsmanAcademy', CraftsmanAcademy),
  conditions: filterConditions(craftsmanAcademyFilters),

  orders: craftsmanAcademyOrderings.orders,
};

const dimensions = craftsmanAcademyDimensions.dimensions;

/** What an academy's time series and goal trend date it by: the day it was founded (成立日期). */
export const CRAFTSMAN_ACADEMY_DATED_BY = onDay('t.established_on');

export const craftsmanAcademyService = {
  series: (ctx: RequestContext, args: CraftsmanAcademySeriesArgs) => timeSeries(ctx, { table: craftsmanAcademyTable, dated: CRAFTSMAN_ACADEMY_DATED_BY }, args),
  list: (ctx: RequestContext, args: CraftsmanAcademiesArgs, info?: GraphQLResolveInfo) => listConnection(ctx, craftsmanAcademyTable, args, CraftsmanAcademyOrderBy.ID_ASC, info),
  stats: (ctx: RequestContext, args: CraftsmanAcademyStatsArgs) => groupStats(ctx, craftsmanAcademyTable, dimensions, args.groupBy, args.filter),
};

/** What src/registry/fold-planner.ts may fetch with a parent's statement: exactly what the resolvers' service calls return. */
