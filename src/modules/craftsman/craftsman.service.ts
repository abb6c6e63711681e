import type { GraphQLResolveInfo } from 'graphql';
import { filterConditions } from '../../registry/filters';
import { registryRow, type TableSpec } from '../../registry/table';
import type { RequestContext } from '../../graphql/context';
import { timeSeries, type EventDate } from '../../registry/time-series';
import { byKeyLoader, listConnection } from '../../registry/lists';
import { groupStats } from '../../registry/stats';
import { type CraftsmanFilter, craftsmanFilters, CraftsmanOrderBy, craftsmanOrderings, type CraftsmanSeriesArgs, type CraftsmanStatsArgs, type CraftsmenArgs } from './craftsman.inputs';
import { Craftsman, craftsmanColumns, craftsmanDimensions, type CraftsmanRow } from './craftsman.type';

/**
 * Personal columns (national_id_number, phone) are deliberately absent from this select list: they
 * are read only by craftsman.personal-data.ts, for callers the policy lets see them.
 */
export const craftsmanTable: TableSpec<CraftsmanRow, CraftsmanFilter> = {
  from: 'craftsman t',
  columns: craftsmanColumns,
  key: 't.id',
  toRow: registryRow('Craftsman', Craftsman),
  conditions: filterConditions(craftsmanFilters),

  orders: craftsmanOrderings.orders,
};

const dimensions = craftsmanDimensions.dimensions;

/**
 * What a craftsman's time series and goal trend date it by: the day of recognition (认定日期), or, when
 * only the year is known, some day of that year (counted in yearly series, in no month, and in a goal's
 * trend only when the whole year lies in its last 12 months).
 */
export const CRAFTSMAN_DATED_BY: EventDate = {
  earliest: 'coalesce(t.recognized_on, make_date(t.year, 1, 1))',
  latest: 'coalesce(t.recognized_on, make_date(t.year, 12, 31))',
};

export const craftsmanService = {
  series: (ctx: RequestContext, args: CraftsmanSeriesArgs) => timeSeries(ctx, { table: craftsmanTable, dated: CRAFTSMAN_DATED_BY }, args),
  list: (ctx: RequestContext, args: CraftsmenArgs, info?: GraphQLResolveInfo) => listConnection(ctx, craftsmanTable, args, CraftsmanOrderBy.ID_ASC, info),
  byId: (ctx: RequestContext, id: number | string | null) => (id == null ? null : byKeyLoader(ctx, craftsmanTable, 't.id').load(id)),
  stats: (ctx: RequestContext, args: CraftsmanStatsArgs) => groupStats(ctx, craftsmanTable, dimensions, args.groupBy, args.filter),
};
