import { encodeCursor } from '../graphql/relay/cursor';
import type { FetchedRows } from '../graphql/relay/connection';
import type { PageRequest } from '../graphql/relay/page-args';
import { toGlobalId } from '../graphql/relay/global-id';
import { bindsValues, raw, rowCount, sql, where, type SqlFragment } from '../db/sql';
import { selectItems, type Columns } from './columns';
import type { RequestDb } from '../db/request-db';

/** How one `orderBy` value sorts: a non-null SQL expression, a direction, and its type for cursors. */
export interface OrderSpec {
  expression: string;
  direction: 'ASC' | 'DESC';
  type: 'text' | 'integer' | 'date';
}

/**
 * What the generic list, lookup and count queries need to know about a registry table. Each module
 * declares one; the SQL below is written once for all of them.
 */
export interface TableSpec<Row, Filter> {
  /** The table with alias `t`, e.g. `innovation_studio t`. */
  from: string;
  /** The columns, each aliased to the row's property name (src/registry/columns.ts); selectSql renders them. */
  columns: Columns;
  /** The primary key expression, the tiebreaker of every ordering, and its SQL type. */
  key: string;
  keyType?: 'integer' | 'text';
  toRow: RowMapper<Row>;
  conditions(filter: Filter | null | undefined): SqlFragment[];
  orders: Record<string, OrderSpec>;
}

/**
 * Maps a selected record to the row resolvers see: the columns as selected (aliased to their
 * property names), the GraphQL type name, the opaque global `id`, and the database id as `rowId`.
 * Helper columns of the list queries (`__sort`, `__key`, `__parent`) are left out.
 *
 * Rows are made instances of the GraphQL object class (`type`): type-graphql otherwise copies the
 * row into a new instance of it on every field resolver call (convertToType), a copy per row and
 * relation. `for…in` rather than Object.entries: no array per row and column. (Adding the same
 * properties to pg's row objects in place measured slower than this copy: their shapes then diverge.)
 */
export function registryRow<Row>(typename: string, type: abstract new () => object, key: 'id' | 'code' = 'id'): RowMapper<Row> {
  const prototype = type.prototype as object;
  const toRow = (record: Record<string, unknown>) => {
    const row = Object.create(prototype) as Record<string, unknown>;
    row.__typename = typename;
    for (const column in record) if (!column.startsWith('__')) row[column] = record[column];
    if (key === 'id') row.rowId = record.id;
    row.id = toGlobalId(typename, record[key] as string | number);
    return row as Row;
  };
  return Object.assign(toRow, {
    inPlace(record: Record<string, unknown>): Row {
      record.__typename = typename;
      if (key === 'id') record.rowId = record.id;
      record.id = toGlobalId(typename, record[key] as string | number);
      return record as Row;
    },
  });
}

/**
 * A row mapper; `inPlace` makes the row of a record nothing else holds (a folded row parsed from
 * JSON, src/registry/fold.ts) out of the record itself, keeping its helper columns, rather than a copy.
 */
export type RowMapper<Row> = ((record: Record<string, unknown>) => Row) & { inPlace?(record: Record<string, unknown>): Row };

export interface ListOptions<Filter> {
  filter?: Filter | null;
  order: string;
  page: PageRequest;
  /** The select list, when not every column is needed (columnsNamed); the table's whole list otherwise. */
  columns?: string;
}

const selectLists = new WeakMap<object, { byAlias: Map<string, string>; aliases: readonly string[]; sql: string }>();
function selectListOf(table: TableSpec<unknown, unknown>) {
  let list = selectLists.get(table);
  if (!list) {
    const byAlias = selectItems(table.columns);
    selectLists.set(table, (list = { byAlias, aliases: [...byAlias.keys()], sql: [...byAlias.values()].join(', ') }));
  }
  return list;
}

/** A table's column aliases, in its select list's order. */
export function columnAliases(table: TableSpec<unknown, unknown>): readonly string[] {
  return selectListOf(table).aliases;
}

/** A table's select list as alias → SQL item (`t.name`, `t.x AS "y"`), from its declared columns. */
export function columnsByAlias(table: TableSpec<unknown, unknown>): Map<string, string> {
  return selectListOf(table).byAlias;
}

/** A table's whole select list, as SQL. */
export function selectSql(table: TableSpec<unknown, unknown>): string {
  return selectListOf(table).sql;
}

/** The select list of only the named columns (by alias), in the table's order. */
export function columnsNamed(table: TableSpec<unknown, unknown>, aliases: ReadonlySet<string>): string {
  return [...columnsByAlias(table)].filter(([alias]) => aliases.has(alias)).map(([, text]) => text).join(', ');
}

/** The direction rows are fetched in: the ordering's own, or its reverse when paging backward. */
export function fetchDirection(spec: OrderSpec, backward: boolean): 'ASC' | 'DESC' {
  return (spec.direction === 'ASC') !== backward ? 'ASC' : 'DESC';
}

function orderClause(spec: OrderSpec, key: string, backward: boolean): SqlFragment {
  const direction = fetchDirection(spec, backward);
  return raw(`${spec.expression} ${direction}, ${key} ${direction}`);
}

/** The rows after (or, paging backward, before) the cursor: a row comparison on (sort key, id). */
function keysetCondition(key: string, keyType: 'integer' | 'text', spec: OrderSpec, page: PageRequest): SqlFragment[] {
  if (!page.cursor) return [];
  const ascending = fetchDirection(spec, page.backward) === 'ASC';
  return [sql`(${raw(spec.expression)}, ${raw(key)}) ${raw(ascending ? '>' : '<')} (${page.cursor.value}::${raw(spec.type)}, ${page.cursor.id}::${raw(keyType)})`];
}

/** The filter's conditions and the cursor's, for a page under `o`. */
function pageConditions<Row, Filter>(table: TableSpec<Row, Filter>, order: OrderSpec, o: ListOptions<Filter>): SqlFragment[] {
  return [...table.conditions(o.filter), ...keysetCondition(table.key, table.keyType ?? 'integer', order, o.page)];
}

/**
 * Where a page's rows carry their sort value: `__sort`, or `__key` when the ordering is by the key
 * itself (ID_ASC, the default), so that a row does not bring the same integer twice to be parsed.
 */
export function sortAlias(table: TableSpec<unknown, unknown>, order: OrderSpec): '__sort' | '__key' {
  return order.expression === table.key ? '__key' : '__sort';
}

/** The select list's `__sort` (unless it is the key) and `__key`. */
function sortAndKeyColumns(table: TableSpec<unknown, unknown>, order: OrderSpec): string {
  return sortAlias(table, order) === '__key' ? `${table.key} AS "__key"` : `${order.expression} AS "__sort", ${table.key} AS "__key"`;
}

/**
 * A page's rows, with what their cursors are made of (the sort value and the key of each, kept apart
 * from the rows so that nothing else of the records outlives the mapping). A cursor is encoded only
 * when read: most clients ask for `nodes` and at most the page's end cursor.
 */
class KeyedRows<Row> implements FetchedRows<Row> {
  constructor(
    readonly rows: Row[],
    private readonly order: string,
    private readonly sorts: Array<string | number>,
    private readonly keys: Array<string | number>,
  ) {}

  cursorAt(index: number): string {
    return encodeCursor({ order: this.order, value: this.sorts[index], id: this.keys[index] });
  }
}

/** A page's records (with the sort value under `sort`, and `__key`) as its rows, each mapped by `toRow`. */
export function toFetchedRows<Row>(order: string, sort: '__sort' | '__key', records: Record<string, unknown>[], toRow: (record: Record<string, unknown>) => Row): FetchedRows<Row> {
  const rows = new Array<Row>(records.length);
  const keys = new Array<string | number>(records.length);
  const sorts = sort === '__key' ? keys : new Array<string | number>(records.length);
  for (let i = 0; i < records.length; i++) {
    const record = records[i];
    rows[i] = toRow(record);
    keys[i] = record.__key as string | number;
    if (sorts !== keys) sorts[i] = record.__sort as string | number;
  }
  return new KeyedRows(rows, order, sorts, keys);
}

/**
 * The statement of one page: limit + 1 rows, so that we know whether more follow, with the sort
 * key as `__sort` and the primary key as `__key` for cursors. `extra` conditions come first (a
 * parent's key, when the page is folded into the parent's statement: src/registry/fold.ts).
 */
export function pageStatement<Row, Filter>(table: TableSpec<Row, Filter>, o: ListOptions<Filter>, extra: SqlFragment[] = []): SqlFragment {
  const order = table.orders[o.order];
  const select = raw(`SELECT ${o.columns ?? selectSql(table as TableSpec<unknown, unknown>)}, ${sortAndKeyColumns(table as TableSpec<unknown, unknown>, order)} FROM ${table.from}`);
  const filters = [...extra, ...table.conditions(o.filter)];
  // A page chosen by no value but its cursor (and, inside its parent's statement, the parent's key) has one best
  // plan, an index walk: its count is written in (rowCount), so each connection plans it only a few times (bench
  // Q6: PostgreSQL's CPU per deep page 0.21 -> 0.12 ms; Q2, a city's studios with their enterprises, 0.9 -> 0.7 ms
  // with to-one rows joined: src/registry/fold.ts). A page filtered by a value keeps its count bound, and
  // PostgreSQL weighs planning it for its values (at scale it does, every time), as a skewed filter needs: a small
  // city's studios by its index, a large one's by the order's.
  const limit = filters.some(bindsValues) ? sql`${o.page.limit + 1}` : rowCount(o.page.limit + 1);
  const cursor = keysetCondition(table.key, table.keyType ?? 'integer', order, o.page);
  return sql`${select} ${where([...filters, ...cursor])} ORDER BY ${orderClause(order, table.key, o.page.backward)} LIMIT ${limit}`;
}

/** One page of a root list. */
export async function selectPage<Row, Filter>(db: RequestDb, table: TableSpec<Row, Filter>, o: ListOptions<Filter>): Promise<FetchedRows<Row>> {
  const records = await db.query<Record<string, unknown>>(pageStatement(table, o));
  return toFetchedRows(o.order, sortAlias(table as TableSpec<unknown, unknown>, table.orders[o.order]), records, table.toRow);
}

/**
 * The same page for many parents in one statement (a city's studios for every city on the page):
 * rows are numbered per parent and cut at limit + 1.
 */
export async function selectPagesByParent<Row, Filter>(
  db: RequestDb,
  table: TableSpec<Row, Filter>,
  parentColumn: string,
  parents: ReadonlyArray<string | number>,
  o: ListOptions<Filter>,
): Promise<Map<string, FetchedRows<Row>>> {
  const order = table.orders[o.order];
  const conditions = [sql`${raw(parentColumn)} = ANY(${parents as unknown[]})`, ...pageConditions(table, order, o)];
  const records = await db.query<Record<string, unknown>>(sql`
    SELECT * FROM (
      SELECT ${raw(`${selectSql(table as TableSpec<unknown, unknown>)}, ${sortAndKeyColumns(table as TableSpec<unknown, unknown>, order)}, ${parentColumn} AS "__parent"`)},
        row_number() OVER (PARTITION BY ${raw(parentColumn)} ORDER BY ${orderClause(order, table.key, o.page.backward)}) AS "__rank"
      FROM ${raw(table.from)} ${where(conditions)}
    ) AS ranked WHERE "__rank" <= ${o.page.limit + 1} ORDER BY "__parent", "__rank"`);
  const sort = sortAlias(table as TableSpec<unknown, unknown>, order);
  // Ordered by parent: each parent's records are one run.
  const byParent = new Map<string, FetchedRows<Row>>();
  for (let start = 0; start < records.length; ) {
    const parent = String(records[start].__parent);
    let end = start + 1;
    while (end < records.length && String(records[end].__parent) === parent) end += 1;
    byParent.set(parent, toFetchedRows(o.order, sort, records.slice(start, end), table.toRow));
    start = end;
  }
  return byParent;
}

/**
 * `FROM <table> [joins] WHERE <extra> AND <the filter's conditions>`: the rows a list field's filter
 * lets through (archived ones only when it asks for them), framed once for counts, GROUP BYs and the
 * export (src/modules/export/). `joins` bring in other tables, aliased apart from `t`.
 */
export function filteredFrom<Filter>(table: TableSpec<unknown, Filter>, filter: Filter | null | undefined, extra: SqlFragment[] = [], joins: readonly string[] = []): SqlFragment {
  return sql`FROM ${raw(joins.length ? `${table.from} ${joins.join(' ')}` : table.from)} ${where([...extra, ...table.conditions(filter)])}`;
}

export async function countRows<Row, Filter>(db: RequestDb, table: TableSpec<Row, Filter>, filter: Filter | null | undefined): Promise<number> {
  const [row] = await db.query<{ count: number }>(sql`SELECT count(*)::integer AS count ${filteredFrom(table, filter)}`);
  return row.count;
}

export async function countByParent<Row, Filter>(
  db: RequestDb,
  table: TableSpec<Row, Filter>,
  parentColumn: string,
  parents: ReadonlyArray<string | number>,
  filter: Filter | null | undefined,
): Promise<Map<string, number>> {
  const rows = await db.query<{ parent: string | number; count: number }>(sql`
    SELECT ${raw(parentColumn)} AS parent, count(*)::integer AS count
    ${filteredFrom(table, filter, [sql`${raw(parentColumn)} = ANY(${parents as unknown[]})`])}
    GROUP BY 1`);
  return new Map(rows.map((r) => [String(r.parent), r.count]));
}

/**
 * The rows whose `keyColumn` is one of `keys`, with that column as `__parent`. One key is compared as one value, not as
 * an array of one: PostgreSQL costs a generic plan's `= ANY($n)` for an array of unknown length, dearer than any plan
 * for the values, so a lookup of one record was planned again on every request; `= $n` it plans only a few times
 * per connection (bench Q5, three records by id: PostgreSQL's CPU per request 0.32 -> 0.06 ms).
 */
export function keysStatement<Row, Filter>(table: TableSpec<Row, Filter>, keyColumn: string, keys: ReadonlyArray<string | number>, columns = selectSql(table as TableSpec<unknown, unknown>)): SqlFragment {
  const match = keys.length === 1 ? sql`= ${keys[0]}` : sql`= ANY(${keys as unknown[]})`;
  return sql`SELECT ${raw(columns)}, ${raw(keyColumn)} AS "__parent" FROM ${raw(table.from)} WHERE ${raw(keyColumn)} ${match} ORDER BY ${raw(table.key)}`;
}

/** Rows by a key column (ids, codes), for DataLoader batches: one statement per batch. */
export async function selectByKeys<Row, Filter>(
  db: RequestDb,
  table: TableSpec<Row, Filter>,
  keyColumn: string,
  keys: ReadonlyArray<string | number>,
  columns = selectSql(table as TableSpec<unknown, unknown>),
): Promise<Map<string, Row[]>> {
  const records = await db.query<Record<string, unknown>>(keysStatement(table, keyColumn, keys, columns));
  const byKey = new Map<string, Row[]>();
  for (const record of records) {
    const key = String(record.__parent);
    const rows = byKey.get(key) ?? [];
    rows.push(table.toRow(record));
    byKey.set(key, rows);
  }
  return byKey;
}

/** One GROUP BY statement over a table: the chosen dimensions, a count and named sums. */
/** `GROUP BY` the first `dimensions` select-list columns (with `having`), groups in their order, unknowns last; nothing for none. */
export function groupsInOrder(dimensions: number, having = ''): string {
  if (!dimensions) return '';
  const positions = Array.from({ length: dimensions }, (_, i) => i + 1);
  return `GROUP BY ${positions.join(', ')}${having ? ` HAVING ${having}` : ''} ORDER BY ${positions.map((i) => `${i} NULLS LAST`).join(', ')}`;
}

export async function selectGroups<Filter>(
  db: RequestDb,
  table: TableSpec<unknown, Filter>,
  dimensions: ReadonlyArray<{ expression: string; alias: string }>,
  measures: ReadonlyArray<{ expression: string; alias: string }>,
  filter: Filter | null | undefined,
): Promise<Record<string, unknown>[]> {
  const selected = [...dimensions, { expression: 'count(*)::integer', alias: 'count' }, ...measures].map((c) => `${c.expression} AS "${c.alias}"`);
  return db.query(sql`SELECT ${raw(selected.join(', '))} ${filteredFrom(table, filter)} ${raw(groupsInOrder(dimensions.length))}`);
}

