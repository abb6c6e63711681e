import { placeConditions, when } from '../../db/filters';
import type { TableSpec } from '../../db/table';
import type { RequestContext } from '../../graphql/context';
import { childConnection, listConnection } from '../../graphql/lists';
import { toGlobalId } from '../../graphql/relay/global-id';
import { ReportedFigureOrderBy, type ReportedFigureFilter, type ReportedFiguresArgs } from './reported-figure.inputs';
import type { FigureUnit, ReportedFigureMetric, ReportedFigureRow } from './reported-figure.type';

export const reportedFigureTable: TableSpec<ReportedFigureRow, ReportedFigureFilter> = {
  from: 'reported_figure t',
  columns: `t.id, t.province_code AS "provinceCode", t.city_code AS "cityCode", t.subject, t.metric, t.value::float8 AS value,
    t.unit, t.as_of AS "asOf", t.source_id AS "sourceId"`,
  key: 't.id',
  toRow: (r) => ({
    __typename: 'ReportedFigure',
    id: toGlobalId('ReportedFigure', r.id as number),
    rowId: r.id as number,
    provinceCode: r.provinceCode as string,
    cityCode: r.cityCode as string | null,
    subject: r.subject as string | null,
    metric: r.metric as ReportedFigureMetric,
    value: r.value as number,
    unit: r.unit as FigureUnit,
    asOf: r.asOf as string,
    sourceId: r.sourceId as number,
  }),
  conditions: (f) => [...placeConditions(f), ...when.inList('t.metric', f?.metrics), ...when.between('t.as_of', f?.asOfFrom, f?.asOfTo)],
  orders: {
    [ReportedFigureOrderBy.ID_ASC]: { expression: 't.id', direction: 'ASC', type: 'integer' },
    [ReportedFigureOrderBy.AS_OF_DESC]: { expression: 't.as_of', direction: 'DESC', type: 'date' },
  },
};

export const reportedFigureService = {
  list: (ctx: RequestContext, args: ReportedFiguresArgs) => listConnection(ctx, reportedFigureTable, args, ReportedFigureOrderBy.ID_ASC),
  under: (ctx: RequestContext, column: string, key: string | number, args: ReportedFiguresArgs) =>
    childConnection(ctx, reportedFigureTable, column, key, args, ReportedFigureOrderBy.ID_ASC),
};
