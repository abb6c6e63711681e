import type { Edge } from '../graphql/relay/connection';
import { raw, sql, type SqlFragment } from '../db/sql';
import { fetchDirection, filteredFrom, keysStatement, pageStatement, selectSql, sortAlias, toEdges, type ListOptions, type TableSpec } from './table';
import type { RequestDb } from '../db/request-db';

type AnyTable = TableSpec<unknown, unknown>;

/**
 * A relation of a row fetched in the same statement as the row (PostGraphile compiles queries the
 * same way): a correlated subquery per relation, its rows as JSON, nested relations inside them.
 * One statement instead of one per relation saves a round trip per relation, which on this stack
 * costs more than the rows themselves. `attach` hands each parent row its value: the related row
 * (or null), the page's edges (limit + 1 of them, in fetch order), or the count. `columns` (and a
 * page's `list.columns`) are the select list: only what the query reads, where the planner knows it.
 * src/registry/fold-planner.ts decides what to fold from the query's selection set.
 */
export type Fold =
  | { kind: 'one'; table: AnyTable; columns: string; keyColumn: string; parentColumn: string; folds: Fold[]; attach(parent: object, row: unknown): void }
  | { kind: 'page'; table: AnyTable; childColumn: string; parentKey: string; list: ListOptions<unknown>; folds: Fold[]; attach(parent: object, edges: Edge<unknown>[]): void }
  | { kind: 'count'; table: AnyTable; childColumn: string; parentKey: string; filter: unknown; attach(parent: object, count: number): void };

/** Names the derived tables of one statement: p0, p1, … (each table spec's own alias is `t`). */
class Aliases {
  private next = 0;
  take(): string {
    return `p${this.next++}`;
  }
}

const column = (alias: string, name: string) => raw(`${alias}."${name}"`);

/** `inner`'s rows with each fold as a column `__f<i>`; `inner` itself when there is nothing to fold. */
function withFolds(inner: SqlFragment, folds: readonly Fold[], aliases: Aliases): SqlFragment {
  if (!folds.length) return inner;
  const p = aliases.take();
  const columns = folds.map((fold, i) => sql`, ${foldExpression(fold, p, aliases)} AS ${raw(`"__f${i}"`)}`);
  return sql`SELECT ${raw(p)}.*${columns.reduce((all, c) => sql`${all}${c}`, raw(''))} FROM (${inner}) ${raw(p)}`;
}

function foldExpression(fold: Fold, parent: string, aliases: Aliases): SqlFragment {
  if (fold.kind === 'count') {
    return sql`(SELECT count(*)::integer ${filteredFrom(fold.table, fold.filter, [sql`${raw(fold.childColumn)} = ${column(parent, fold.parentKey)}`])})`;
  }
  if (fold.kind === 'one') {
    const inner = sql`SELECT ${raw(fold.columns)} FROM ${raw(fold.table.from)} WHERE ${raw(fold.keyColumn)} = ${column(parent, fold.parentColumn)} LIMIT 1`;
    const c = aliases.take();
    return sql`(SELECT to_json(${raw(c)}) FROM (${withFolds(inner, fold.folds, aliases)}) ${raw(c)})`;
  }
  const order = fold.table.orders[fold.list.order];
  const inner = pageStatement(fold.table, fold.list, [sql`${raw(fold.childColumn)} = ${column(parent, fold.parentKey)}`]);
  const c = aliases.take();
  // The page's fetch order, kept in the array (aggregate input order is otherwise unspecified).
  const direction = fetchDirection(order, fold.list.page.backward);
  const arrayOrder = raw(`${c}."${sortAlias(fold.table, order)}" ${direction}, ${c}."__key" ${direction}`);
  return sql`(SELECT coalesce(json_agg(${raw(c)} ORDER BY ${arrayOrder}), '[]') FROM (${withFolds(inner, fold.folds, aliases)}) ${raw(c)})`;
}

/**
 * JSON has no timestamps: the timestamp columns of a folded row arrive as ISO strings and are made
 * the Dates that rows selected directly carry (dates stay 'YYYY-MM-DD' strings either way). Every
 * timestamp column any registry type selects is one of these (test/graphql/library-assumptions.int.spec.ts
 * reads the column types from PostgreSQL for every type).
 */
export const REVIVED_TIMESTAMPS: readonly string[] = ['createdAt', 'updatedAt', 'archivedAt'];
function revive(record: Record<string, unknown>): Record<string, unknown> {
  for (const name of REVIVED_TIMESTAMPS) if (typeof record[name] === 'string') record[name] = new Date(record[name] as string);
  return record;
}

/** The row of a record (a pg record, or a JSON object of a fold, which becomes the row itself), with its folds attached. */
function rowOf(table: AnyTable, folds: readonly Fold[], record: Record<string, unknown>, fromJson: boolean): unknown {
  const row = (fromJson ? (table.toRow.inPlace ?? table.toRow)(revive(record)) : table.toRow(record)) as object;
  for (let i = 0; i < folds.length; i++) attach(folds[i], row, record[`__f${i}`]);
  return row;
}

function attach(fold: Fold, parent: object, value: unknown): void {
  if (fold.kind === 'count') return fold.attach(parent, value as number);
  if (fold.kind === 'one') return fold.attach(parent, value == null ? null : rowOf(fold.table, fold.folds, value as Record<string, unknown>, true));
  const records = value as Record<string, unknown>[];
  fold.attach(parent, toEdges(fold.list.order, sortAlias(fold.table, fold.table.orders[fold.list.order]), records, (r) => rowOf(fold.table, fold.folds, r, true)));
}

/** A root list's page with its folded relations: one statement. */
export async function selectFoldedPage<Row, Filter>(db: RequestDb, table: TableSpec<Row, Filter>, o: ListOptions<Filter>, folds: readonly Fold[]): Promise<Edge<Row>[]> {
  const aliases = new Aliases();
  const order = table.orders[o.order];
  const direction = fetchDirection(order, o.page.backward);
  const statement = withFolds(pageStatement(table, o), folds, aliases);
  const sort = sortAlias(table as AnyTable, order);
  const records = await db.query<Record<string, unknown>>(sql`${statement} ORDER BY ${raw(`"${sort}"`)} ${raw(direction)}, "__key" ${raw(direction)}`);
  return toEdges(o.order, sort, records, (r) => rowOf(table as AnyTable, folds, r, false) as Row);
}

/** Rows by a unique key with their folded relations: one statement; null where none exists. */
export async function selectFoldedByKeys<Row, Filter>(
  db: RequestDb,
  table: TableSpec<Row, Filter>,
  keyColumn: string,
  keys: ReadonlyArray<string | number>,
  folds: readonly Fold[],
  columns = selectSql(table as AnyTable),
): Promise<Array<Row | null>> {
  const records = await db.query<Record<string, unknown>>(withFolds(keysStatement(table, keyColumn, keys, columns), folds, new Aliases()));
  const byKey = new Map<string, Row>();
  for (const record of records) {
    const key = String(record.__parent);
    if (!byKey.has(key)) byKey.set(key, rowOf(table as AnyTable, folds, record, false) as Row);
  }
  return keys.map((k) => byKey.get(String(k)) ?? null);
}

/** Keys to look up in one table, for selectByKeysAcross. */
export interface KeyLookup {
  table: AnyTable;
  keyColumn: string;
  keys: ReadonlyArray<string | number>;
  /** The select list (the table's columns when unset). */
  columns?: string;
}

/**
 * Rows of several tables by key in one statement (`node(id:)` lookups of different types): a
 * UNION ALL of each table's lookup, every row as JSON since their columns differ. Answers, per
 * lookup, its rows by key as text.
 */
export async function selectByKeysAcross(db: RequestDb, lookups: readonly KeyLookup[]): Promise<Array<Map<string, unknown>>> {
  const branches = lookups.map((l, i) => sql`SELECT ${i}::integer AS "lookup", to_json(x) AS "row" FROM (${keysStatement(l.table, l.keyColumn, l.keys, l.columns)}) x`);
  const records = await db.query<{ lookup: number; row: Record<string, unknown> }>(branches.reduce((all, b) => sql`${all} UNION ALL ${b}`));
  const found = lookups.map(() => new Map<string, unknown>());
  for (const { lookup, row } of records) {
    const key = String(row.__parent);
    if (!found[lookup].has(key)) found[lookup].set(key, rowOf(lookups[lookup].table, [], row, true));
  }
  return found;
}
