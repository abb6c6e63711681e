import type { GraphQLResolveInfo } from 'graphql';
import { filterConditions } from '../../registry/filters';
import { registryRow, type TableSpec } from '../../registry/table';
import type { RequestContext } from '../../graphql/context';
import { onDay, timeSeries } from '../../registry/time-series';
import { byKeyLoader, listConnection } from '../../registry/lists';
import { groupStats } from '../../registry/stats';
import {
  InnovationStudioOrderBy,
  innovationStudioFilters,
  type InnovationStudioFilter,
  type InnovationStudiosArgs,
  type InnovationStudioStatsArgs,
  type InnovationStudioSeriesArgs,
  innovationStudioOrderings,
} from './innovation-studio.inputs';
import { InnovationStudio, innovationStudioColumns, innovationStudioDimensions, type InnovationStudioRow } from './innovation-studio.type';

export const innovationStudioTable: TableSpec<InnovationStudioRow, InnovationStudioFilter> = {
  from: 'innovation_studio t',
  columns: innovationStudioColumns,
  key: 't.id',
  toRow: registryRow('InnovationStudio', InnovationStudio),
  conditions: filterConditions(innovationStudioFilters),
  orders: innovationStudioOrderings.orders,
};

const dimensions = innovationStudioDimensions.dimensions;

/** What a studio's time series and goal trend date it by: the day it was established (成立日期). */
export const INNOVATION_STUDIO_DATED_BY = onDay('t.established_on');

export const innovationStudioService = {
  series: (ctx: RequestContext, args: InnovationStudioSeriesArgs) => timeSeries(ctx, { table: innovationStudioTable, dated: INNOVATION_STUDIO_DATED_BY }, args),
  list: (ctx: RequestContext, args: InnovationStudiosArgs, info?: GraphQLResolveInfo) => listConnection(ctx, innovationStudioTable, args, InnovationStudioOrderBy.ID_ASC, info),
  byId: (ctx: RequestContext, id: number | string) => byKeyLoader(ctx, innovationStudioTable, 't.id').load(id),
  stats: (ctx: RequestContext, args: InnovationStudioStatsArgs) => groupStats(ctx, innovationStudioTable, dimensions, args.groupBy, args.filter),
};
