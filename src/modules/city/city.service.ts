import type { GraphQLResolveInfo } from 'graphql';
import { filterConditions } from '../../registry/filters';
import { registryRow, type TableSpec } from '../../registry/table';
import type { RequestContext } from '../../graphql/context';
import { byKeyLoader, listConnection, rowByKey } from '../../registry/lists';
import { type CitiesArgs, type CityFilter, cityFilters, CityOrderBy, cityOrderings } from './city.inputs';
import { City, cityColumns, type CityRow } from './city.type';

export const cityTable: TableSpec<CityRow, CityFilter> = {
  from: 'city t',
  columns: cityColumns,
  key: 't.code',
  keyType: 'text',
  toRow: registryRow('City', City, 'code'),
  conditions: filterConditions(cityFilters),
  orders: cityOrderings.orders,
};

export const cityService = {
  list: (ctx: RequestContext, args: CitiesArgs, info?: GraphQLResolveInfo) => listConnection(ctx, cityTable, args, CityOrderBy.CODE_ASC, info),
  /** The root field `city(code:)`, with what it folds (src/registry/fold-planner.ts). */
  lookup: (ctx: RequestContext, code: string, info: GraphQLResolveInfo) => rowByKey(ctx, cityTable, 't.code', code, info),
  byCode: (ctx: RequestContext, code: string | null) => (code == null ? null : cityService.loader(ctx).load(code)),
  /** The request's loader of cities by code (primed by statements that bring cities along: the goal ranking). */
  loader: (ctx: RequestContext) => byKeyLoader(ctx, cityTable, 't.code'),
};
