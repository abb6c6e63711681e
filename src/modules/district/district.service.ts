import type { GraphQLResolveInfo } from 'graphql';
import { filterConditions } from '../../registry/filters';
import { registryRow, type TableSpec } from '../../registry/table';
import type { RequestContext } from '../../graphql/context';
import { byKeyLoader, listConnection, rowByKey } from '../../registry/lists';
import { type DistrictFilter, districtFilters, DistrictOrderBy, districtOrderings, type DistrictsArgs } from './district.inputs';
import { District, districtColumns, type DistrictRow } from './district.type';

export const districtTable: TableSpec<DistrictRow, DistrictFilter> = {
  from: 'district t',
  columns: districtColumns,
  key: 't.code',
  keyType: 'text',
  toRow: registryRow('District', District, 'code'),
  conditions: filterConditions(districtFilters),

  orders: districtOrderings.orders,
};

export const districtService = {
  list: (ctx: RequestContext, args: DistrictsArgs, info?: GraphQLResolveInfo) => listConnection(ctx, districtTable, args, DistrictOrderBy.CODE_ASC, info),
  /** The root field `district(code:)`, with what it folds (src/registry/fold-planner.ts). */
  lookup: (ctx: RequestContext, code: string, info: GraphQLResolveInfo) => rowByKey(ctx, districtTable, 't.code', code, info),
  byCode: (ctx: RequestContext, code: string | null | undefined) => (code == null ? null : byKeyLoader(ctx, districtTable, 't.code').load(code)),
};
