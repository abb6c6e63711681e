import type { GraphQLResolveInfo } from 'graphql';
import { filterConditions } from '../../registry/filters';
import { registryRow, type TableSpec } from '../../registry/table';
import type { RequestContext } from '../../graphql/context';
import { byKeyLoader, listConnection } from '../../registry/lists';
import { type SourceFilter, sourceFilters, SourceOrderBy, sourceOrderings, type SourcesArgs } from './source.inputs';
import { Source, sourceColumns, type SourceRow } from './source.type';

export const sourceTable: TableSpec<SourceRow, SourceFilter> = {
  from: 'source t',
  columns: sourceColumns,
  key: 't.id',
  toRow: registryRow('Source', Source),
  conditions: filterConditions(sourceFilters),

  orders: sourceOrderings.orders,
};

export const sourceService = {
  list: (ctx: RequestContext, args: SourcesArgs, info?: GraphQLResolveInfo) => listConnection(ctx, sourceTable, args, SourceOrderBy.PUBLISHED_ON_DESC, info),
  byId: (ctx: RequestContext, id: number | null) => (id == null ? null : byKeyLoader(ctx, sourceTable, 't.id').load(id)),
};
