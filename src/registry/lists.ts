import type DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import { selectFoldedByKeys, selectFoldedPage } from './fold';
import { countByParent, countRows, selectByKeys, selectPage, selectPagesByParent, type TableSpec } from './table';
import type { RequestContext } from '../graphql/context';
import { NO_ROWS, toConnection, type ConnectionResult, type FetchedRows } from '../graphql/relay/connection';
import { connectionPlan, objectPlan } from './fold-planner';
import { pageOf, type ListArgs } from './list-args';

/**
 * A root list field: one page query and, only if `totalCount` is selected, one COUNT. With the
 * field's `info`, the page query also fetches the relations its rows declare foldable (fold-planner.ts).
 */
export function listConnection<Row, Filter>(
  ctx: RequestContext,
  table: TableSpec<Row, Filter>,
  args: ListArgs<Filter>,
  defaultOrder: string,
  info?: GraphQLResolveInfo,
): ConnectionResult<Row> {
  const { order, page } = pageOf(table, args, defaultOrder);
  const plan = info ? connectionPlan(info, table as TableSpec<unknown, unknown>) : null;
  const o = { filter: args.filter, order, page, columns: plan?.columns };
  return toConnection(
    () => (plan?.folds.length ? selectFoldedPage(ctx.db, table, o, plan.folds) : selectPage(ctx.db, table, o)),
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
  const pages = ctx.loaders.get<string | number, FetchedRows<Row>>(`page:${name}`, async (keys) => {
    const byParent = await selectPagesByParent(ctx.db, table, parentColumn, keys, { filter: args.filter, order, page });
    return keys.map((k) => byParent.get(String(k)) ?? NO_ROWS);
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

/**
 * A root field's row by a unique key (a city by its code). With folded relations (fold-planner.ts) it runs
 * its own statement; otherwise it joins the request's batch for that key.
 */
export async function rowByKey<Row, Filter>(ctx: RequestContext, table: TableSpec<Row, Filter>, keyColumn: string, key: string | number, info: GraphQLResolveInfo): Promise<Row | null> {
  const { folds, columns } = objectPlan(info, table as TableSpec<unknown, unknown>);
  if (!folds.length) return byKeyLoader(ctx, table, keyColumn).load(key);
  const [row] = await selectFoldedByKeys(ctx.db, table, keyColumn, [key], folds, columns);
  return row;
}

/** Rows by a non-unique key (a goal list per city), batched per request. */
export function byGroupLoader<Row, Filter>(ctx: RequestContext, table: TableSpec<Row, Filter>, keyColumn: string): DataLoader<string | number, Row[]> {
  return ctx.loaders.get(`group:${table.from}|${keyColumn}`, async (keys: readonly (string | number)[]) => {
    const byKey = await selectByKeys(ctx.db, table, keyColumn, keys);
    return keys.map((k) => byKey.get(String(k)) ?? []);
  });
}
