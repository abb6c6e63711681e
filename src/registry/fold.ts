import type { FetchedRows } from '../graphql/relay/connection';
import { raw, sql, type SqlFragment } from '../db/sql';
import { fetchDirection, filteredFrom, keysStatement, pageStatement, selectSql, sortAlias, toFetchedRows, type ListOptions, type TableSpec } from './table';
import type { RequestDb } from '../db/request-db';

type AnyTable = TableSpec<unknown, unknown>;

/**
 * A relation of a row fetched in the same statement as the row (PostGraphile compiles queries the
 * same way), so that a query costs one round trip, not one per relation. `attach` hands each parent
 * row its value: the related row (or null), the page's rows (limit + 1 of them, in fetch order), or
 * the count. A to-one row's `columns` (its aliases) and a page's `list.columns` (its select list) are what
 * the query reads, where the planner knows it. src/registry/fold-planner.ts decides what to fold from the query's selection set.
 *
 * - A page is a correlated subquery, its rows as a JSON array, nested relations inside each row.
 * - A count is a correlated subquery.
 * - A to-one row is a LEFT JOIN on its key whose columns join the parent's row, named under the
 *   fold's own name (placed below), not a JSON object of its own: to_json looks up the row type and
 *   every column's output function per row, and a correlated subquery runs once per row (bench Q2,
 *   100 studios, each with its enterprise: PostgreSQL's CPU per request 0.94-1.15 -> 0.66-0.75 ms).
 */
export type Fold =
  | { kind: 'one'; table: AnyTable; columns: readonly string[]; keyColumn: string; parentColumn: string; folds: Fold[]; attach(parent: object, row: unknown): void }
  | { kind: 'page'; table: AnyTable; childColumn: string; parentKey: string; list: ListOptions<unknown>; folds: Fold[]; attach(parent: object, rows: FetchedRows<unknown>): void }
  | { kind: 'count'; table: AnyTable; childColumn: string; parentKey: string; filter: unknown; attach(parent: object, count: number): void };

/**
 * Where a fold's values are in its parent's record. A page's or a count's column is `name`. A to-one
 * fold's `name` is true when the row exists (null when not), its columns are `name.0`, `name.1` … in
 * the order of `columns` (alias, column name), and its own folds are placed under `name_`. The names
 * are worked out once per statement, not per row.
 */
interface Placed {
  fold: Fold;
  name: string;
  columns: ReadonlyArray<readonly [alias: string, name: string]>;
  folds: Placed[];
}

/** PostgreSQL cuts longer names (NAMEDATALEN - 1): the query depth limit keeps fold names far shorter. */
const LONGEST_NAME = 63;

function place(folds: readonly Fold[], prefix = '__f'): Placed[] {
  return folds.map((fold, i) => {
    const name = `${prefix}${i}`;
    const longest = fold.kind === 'one' ? `${name}.${fold.columns.length - 1}` : name; // ASCII: a character is a byte
    if (longest.length > LONGEST_NAME) throw new Error(`folded relations nest too deep: ${longest}`);
    if (fold.kind !== 'one') return { fold, name, columns: [], folds: fold.kind === 'page' ? place(fold.folds) : [] };
    const columns = fold.columns.map((alias, c) => [alias, `${name}.${c}`] as const);
    return { fold, name, columns, folds: place(fold.folds, `${name}_`) };
  });
}

/** Names the derived tables of one statement: p0, p1, … (each table spec's own alias is `t`). */
class Aliases {
  private next = 0;
  take(): string {
    return `p${this.next++}`;
  }
}

const column = (alias: string, name: string) => raw(`${alias}."${name}"`);

/**
 * `inner`'s rows with each fold's columns (placed); `inner` itself when there is nothing to fold.
 * A to-one row is joined on its key; its own folds read its columns, and join at the same level.
 */
function withFolds(inner: SqlFragment, placed: readonly Placed[], aliases: Aliases): SqlFragment {
  if (!placed.length) return inner;
  const p = aliases.take();
  const parts = { columns: raw(''), joins: raw('') };
  foldInto(parts, placed, p, (alias) => alias, aliases);
  return sql`SELECT ${raw(p)}.*${parts.columns} FROM (${inner}) ${raw(p)}${parts.joins}`;
}

/** Adds the folds of the rows `row` (their columns named by `named`) to the select list and the joins. */
function foldInto(parts: { columns: SqlFragment; joins: SqlFragment }, placed: readonly Placed[], row: string, named: (alias: string) => string, aliases: Aliases): void {
  for (const { fold, name, columns, folds } of placed) {
    if (fold.kind === 'count') {
      parts.columns = sql`${parts.columns}, (SELECT count(*)::integer ${filteredFrom(fold.table, fold.filter, [sql`${raw(fold.childColumn)} = ${column(row, named(fold.parentKey))}`])}) AS ${raw(`"${name}"`)}`;
    } else if (fold.kind === 'page') {
      parts.columns = sql`${parts.columns}, ${pageExpression(fold, folds, column(row, named(fold.parentKey)), aliases)} AS ${raw(`"${name}"`)}`;
    } else {
      // keyColumn is the table's key (answerFoldedFields checks it): a join on it finds at most one row.
      const c = aliases.take();
      const byAlias = new Map(columns);
      const select = columns.map(([alias, n]) => `${fold.table.columns[alias].sql} AS "${n}"`).join(', ');
      const key = byAlias.get(fold.keyColumn.replace(/^t\./, ''))!;
      parts.columns = sql`${parts.columns}, ${raw(c)}.*`;
      parts.joins = sql`${parts.joins} LEFT JOIN (SELECT true AS ${raw(`"${name}"`)}, ${raw(select)} FROM ${raw(fold.table.from)}) ${raw(c)} ON ${column(c, key)} = ${column(row, named(fold.parentColumn))}`;
      foldInto(parts, folds, c, (alias) => byAlias.get(alias)!, aliases);
    }
  }
}

/** A page of a child list as a JSON array of its rows, each with its own folds. */
function pageExpression(fold: Extract<Fold, { kind: 'page' }>, placed: readonly Placed[], parentKey: SqlFragment, aliases: Aliases): SqlFragment {
  const order = fold.table.orders[fold.list.order];
  const inner = pageStatement(fold.table, fold.list, [sql`${raw(fold.childColumn)} = ${parentKey}`]);
  const c = aliases.take();
  // The page's fetch order, kept in the array (aggregate input order is otherwise unspecified).
  const direction = fetchDirection(order, fold.list.page.backward);
  const arrayOrder = raw(`${c}."${sortAlias(fold.table, order)}" ${direction}, ${c}."__key" ${direction}`);
  return sql`(SELECT coalesce(json_agg(${raw(c)} ORDER BY ${arrayOrder}), '[]') FROM (${withFolds(inner, placed, aliases)}) ${raw(c)})`;
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

/** The row of a record (a pg record, or a JSON object of a page, which becomes the row itself), with its folds attached. */
function rowOf(table: AnyTable, placed: readonly Placed[], record: Record<string, unknown>, fromJson: boolean): unknown {
  const row = (fromJson ? (table.toRow.inPlace ?? table.toRow)(revive(record)) : table.toRow(record)) as object;
  attachAll(placed, row, record);
  return row;
}

function attachAll(placed: readonly Placed[], parent: object, record: Record<string, unknown>): void {
  for (let i = 0; i < placed.length; i++) attach(placed[i], parent, record);
}

function attach({ fold, name, columns, folds }: Placed, parent: object, record: Record<string, unknown>): void {
  const value = record[name];
  if (fold.kind === 'count') return fold.attach(parent, value as number);
  if (fold.kind === 'one') {
    if (value == null) return fold.attach(parent, null);
    const values: Record<string, unknown> = {};
    for (const [alias, n] of columns) values[alias] = record[n];
    // A new object nothing else holds: made the row in place. Timestamps are Dates in a pg record, strings in a page's JSON.
    const row = (fold.table.toRow.inPlace ?? fold.table.toRow)(revive(values)) as object;
    attachAll(folds, row, record);
    return fold.attach(parent, row);
  }
  fold.attach(parent, toFetchedRows(fold.list.order, sortAlias(fold.table, fold.table.orders[fold.list.order]), value as Record<string, unknown>[], (r) => rowOf(fold.table, folds, r, true)));
}

/** A root list's page with its folded relations: one statement. */
export async function selectFoldedPage<Row, Filter>(db: RequestDb, table: TableSpec<Row, Filter>, o: ListOptions<Filter>, folds: readonly Fold[]): Promise<FetchedRows<Row>> {
  const order = table.orders[o.order];
  const direction = fetchDirection(order, o.page.backward);
  const placed = place(folds);
  const statement = withFolds(pageStatement(table, o), placed, new Aliases());
  const sort = sortAlias(table as AnyTable, order);
  const records = await db.query<Record<string, unknown>>(sql`${statement} ORDER BY ${raw(`"${sort}"`)} ${raw(direction)}, "__key" ${raw(direction)}`);
  return toFetchedRows(o.order, sort, records, (r) => rowOf(table as AnyTable, placed, r, false) as Row);
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
  const placed = place(folds);
  const records = await db.query<Record<string, unknown>>(withFolds(keysStatement(table, keyColumn, keys, columns), placed, new Aliases()));
  const byKey = new Map<string, Row>();
  for (const record of records) {
    const key = String(record.__parent);
    if (!byKey.has(key)) byKey.set(key, rowOf(table as AnyTable, placed, record, false) as Row);
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
