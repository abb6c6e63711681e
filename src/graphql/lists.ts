import type DataLoader from 'dataloader';
import { countByParent, countRows, selectByKeys, selectPage, selectPagesByParent, type TableSpec } from '../db/table';
import type { RequestContext } from './context';
import { toConnection, type ConnectionResult, type Edge } from './relay/connection';
import { toPageRequest, type PageArgs } from './relay/page-args';

/** The arguments of every list field: paging, a typed filter and an `orderBy` enum value. */
export interface ListArgs<Filter> extends PageArgs {
  filter?: Filter | null;
  orderBy?: string | null;
}

/** The ordering and validated page a list asks for; cursors are checked against the ordering's SQL types. */
function pageOf<Row, Filter>(table: TableSpec<Row, Filter>, args: ListArgs<Filter>, defaultOrder: string) {
  const order = args.orderBy ?? defaultOrder;
  const types = { value: table.orders[order].type, id: table.keyType ?? 'integer' } as const;
  return { order, page: toPageRequest(args, order, types) };
}

/** A root list field: one page query and, only if `totalCount` is selected, one COUNT. */
export function listConnection<Row, Filter>(ctx: RequestContext, table: TableSpec<Row, Filter>, args: ListArgs<Filter>, defaultOrder: string): ConnectionResult<Row> {
  const { order, page } = pageOf(table, args, defaultOrder);
  return toConnection(
    () => selectPage(ctx.db, table, { filter: args.filter, order, page }),
    () => countRows(ctx.db, table, args.filter),
    page,
  );
}

/**
 * A list under a parent (a city's studios). Every parent on the page asking with the same
 * arguments shares one batched page query and one batched COUNT.
 */
export function childConnection<Row, Filter>(
  ctx: RequestContext,
  table: TableSpec<Row, Filter>,
  parentColumn: string,
  parentKey: string | number,
  args: ListArgs<Filter>,
  defaultOrder: string,
): ConnectionResult<Row> {
  const { order, page } = pageOf(table, args, defaultOrder);
  const name = `${table.from}|${parentColumn}|${order}|${JSON.stringify([args.filter, page])}`;
  const pages = ctx.loaders.get<string | number, Edge<Row>[]>(`page:${name}`, async (keys) => {
    const byParent = await selectPagesByParent(ctx.db, table, parentColumn, keys, { filter: args.filter, order, page });
    return keys.map((k) => byParent.get(String(k)) ?? []);
  });
  const counts = ctx.loaders.get<string | number, number>(`count:${table.from}|${parentColumn}|${JSON.stringify(args.filter ?? null)}`, async (keys) => {
    const byParent = await countByParent(ctx.db, table, parentColumn, keys, args.filter);
    return keys.map((k) => byParent.get(String(k)) ?? 0);
  });
  return toConnection(() => pages.load(parentKey), () => counts.load(parentKey), page);
}

/** Rows by a unique key (id, code), batched per request; null where none exists. */
export function byKeyLoader<Row, Filter>(ctx: RequestContext, table: TableSpec<Row, Filter>, keyColumn: string): DataLoader<string | number, Row | null> {
  return ctx.loaders.get(`key:${table.from}|${keyColumn}`, async (keys: readonly (string | number)[]) => {
    const byKey = await selectByKeys(ctx.db, table, keyColumn, keys);
    return keys.map((k) => byKey.get(String(k))?.[0] ?? null);
  });
}

/** Rows by a non-unique key (a goal list per city), batched per request. */
export function byGroupLoader<Row, Filter>(ctx: RequestContext, table: TableSpec<Row, Filter>, keyColumn: string): DataLoader<string | number, Row[]> {
  return ctx.loaders.get(`group:${table.from}|${keyColumn}`, async (keys: readonly (string | number)[]) => {
    const byKey = await selectByKeys(ctx.db, table, keyColumn, keys);
    return keys.map((k) => byKey.get(String(k)) ?? []);
  });
}
