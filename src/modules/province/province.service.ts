import type { GraphQLResolveInfo } from 'graphql';
import { filterConditions } from '../../registry/filters';
import { registryRow, type TableSpec } from '../../registry/table';
import type { RequestContext } from '../../graphql/context';
import { byKeyLoader, listConnection, rowByKey } from '../../registry/lists';
import { type ProvinceFilter, provinceFilters, ProvinceOrderBy, provinceOrderings, type ProvincesArgs } from './province.inputs';
import { Province, provinceColumns, type ProvinceRow } from './province.type';

export const provinceTable: TableSpec<ProvinceRow, ProvinceFilter> = {
  from: 'province t',
  columns: provinceColumns,
  key: 't.code',
  keyType: 'text',
  toRow: registryRow('Province', Province, 'code'),
  conditions: filterConditions(provinceFilters),
  orders: provinceOrderings.orders,
};

export const provinceService = {
  list: (ctx: RequestContext, args: ProvincesArgs, info?: GraphQLResolveInfo) => listConnection(ctx, provinceTable, args, ProvinceOrderBy.CODE_ASC, info),
  /** The root field `province(code:)`, with what it folds (src/registry/fold-planner.ts). */
  lookup: (ctx: RequestContext, code: string, info: GraphQLResolveInfo) => rowByKey(ctx, provinceTable, 't.code', code, info),
  byCode: (ctx: RequestContext, code: string | null) => (code == null ? null : byKeyLoader(ctx, provinceTable, 't.code').load(code)),
};
