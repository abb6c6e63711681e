import type { GraphQLResolveInfo } from 'graphql';
import { filterConditions } from '../../registry/filters';
import { registryRow, type TableSpec } from '../../registry/table';
import type { RequestContext } from '../../graphql/context';
import { byKeyLoader, listConnection } from '../../registry/lists';
import { type ReportedFigureFilter, reportedFigureFilters, ReportedFigureOrderBy, reportedFigureOrderings, type ReportedFiguresArgs } from './reported-figure.inputs';
import { ReportedFigure, reportedFigureColumns, type ReportedFigureRow } from './reported-figure.type';

export const reportedFigureTable: TableSpec<ReportedFigureRow, ReportedFigureFilter> = {
  from: 'reported_figure t',
  columns: reportedFigureColumns,
  key: 't.id',
  toRow: registryRow('ReportedFigure', ReportedFigure),
  conditions: filterConditions(reportedFigureFilters),

  orders: reportedFigureOrderings.orders,
};

export const reportedFigureService = {
  list: (ctx: RequestContext, args: ReportedFiguresArgs, info?: GraphQLResolveInfo) => listConnection(ctx, reportedFigureTable, args, ReportedFigureOrderBy.ID_ASC, info),
  /** Figures by id, batched per request; an archived figure is still found (goal evidence names only active ones). */
  byIds: (ctx: RequestContext, ids: readonly number[]) => byKeyLoader(ctx, reportedFigureTable, 't.id').loadMany(ids),
};

/** What src/registry/fold-planner.ts may fetch with a parent's statement: exactly what the resolvers' service calls return. */
