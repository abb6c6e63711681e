import { encodeCursor } from '../graphql/relay/cursor';
import type { Edge } from '../graphql/relay/connection';
import type { PageRequest } from '../graphql/relay/page-args';
import { toGlobalId } from '../graphql/relay/global-id';
import { raw, sql, where, type SqlFragment } from './sql';
import type { RequestDb } from './request-db';

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
  /** The select list, aliased to the row's property names. */
  columns: string;
  /** The primary key expression, the tiebreaker of every ordering, and its SQL type. */
  key: string;
  keyType?: 'integer' | 'text';
  toRow(record: Record<string, unknown>): Row;
  conditions(filter: Filter | null | undefined): SqlFragment[];
  orders: Record<string, OrderSpec>;
}

/**
 * Maps a selected record to the row resolvers see: the columns as selected (aliased to their
 * property names), the GraphQL type name, the opaque global `id`, and the database id as `rowId`.
 * Helper columns of the list queries (`__sort`, `__key`, `__parent`) are left out.
 */
export function registryRow<Row>(typename: string, key: 'id' | 'code' = 'id'): (record: Record<string, unknown>) => Row {
  return (record) => {
    const row: Record<string, unknown> = { __typename: typename };
    for (const [column, value] of Object.entries(record)) if (!column.startsWith('__')) row[column] = value;
    if (key === 'id') row.rowId = record.id;
    row.id = toGlobalId(typename, record[key] as string | number);
    return row as Row;
  };
}

export interface ListOptions<Filter> {
  filter?: Filter | null;
  order: string;
  page: PageRequest;
}

function orderClause(spec: OrderSpec, key: string, backward: boolean): SqlFragment {
  const flip = (d: 'ASC' | 'DESC') => (backward ? (d === 'ASC' ? 'DESC' : 'ASC') : d);
  return raw(`${spec.expression} ${flip(spec.direction)}, ${key} ${flip(spec.direction)}`);
}

/** The rows after (or, paging backward, before) the cursor: a row comparison on (sort key, id). */
function keysetCondition(key: string, keyType: 'integer' | 'text', spec: OrderSpec, page: PageRequest): SqlFragment[] {
  if (!page.cursor) return [];
  const ascending = (spec.direction === 'ASC') !== page.backward;
  return [sql`(${raw(spec.expression)}, ${raw(key)}) ${raw(ascending ? '>' : '<')} (${page.cursor.value}::${raw(spec.type)}, ${page.cursor.id}::${raw(keyType)})`];
}

/** The filter's conditions and the cursor's, for a page under `o`. */
function pageConditions<Row, Filter>(table: TableSpec<Row, Filter>, order: OrderSpec, o: ListOptions<Filter>): SqlFragment[] {
  return [...table.conditions(o.filter), ...keysetCondition(table.key, table.keyType ?? 'integer', order, o.page)];
}

function toEdges<Row>(table: TableSpec<Row, unknown>, order: string, records: Record<string, unknown>[]): Edge<Row>[] {
  return records.map((r) => ({
    cursor: encodeCursor({ order, value: r.__sort as string | number, id: r.__key as number }),
    node: table.toRow(r),
  }));
}

/** One page of a root list: limit + 1 rows, so that we know whether more follow. */
export async function selectPage<Row, Filter>(db: RequestDb, table: TableSpec<Row, Filter>, o: ListOptions<Filter>): Promise<Edge<Row>[]> {
  const order = table.orders[o.order];
  const select = raw(`SELECT ${table.columns}, ${order.expression} AS "__sort", ${table.key} AS "__key" FROM ${table.from}`);
  const records = await db.query<Record<string, unknown>>(
    sql`${select} ${where(pageConditions(table, order, o))} ORDER BY ${orderClause(order, table.key, o.page.backward)} LIMIT ${o.page.limit + 1}`,
  );
  return toEdges(table, o.order, records);
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
): Promise<Map<string, Edge<Row>[]>> {
  const order = table.orders[o.order];
  const conditions = [sql`${raw(parentColumn)} = ANY(${parents as unknown[]})`, ...pageConditions(table, order, o)];
  const records = await db.query<Record<string, unknown>>(sql`
    SELECT * FROM (
      SELECT ${raw(`${table.columns}, ${order.expression} AS "__sort", ${table.key} AS "__key", ${parentColumn} AS "__parent"`)},
        row_number() OVER (PARTITION BY ${raw(parentColumn)} ORDER BY ${orderClause(order, table.key, o.page.backward)}) AS "__rank"
      FROM ${raw(table.from)} ${where(conditions)}
    ) AS ranked WHERE "__rank" <= ${o.page.limit + 1} ORDER BY "__parent", "__rank"`);
  const byParent = new Map<string, Edge<Row>[]>();
  for (const record of records) {
    const parent = String(record.__parent);
    const edges = byParent.get(parent) ?? [];
    edges.push(...toEdges(table, o.order, [record]));
    byParent.set(parent, edges);
  }
  return byParent;
}

export async function countRows<Row, Filter>(db: RequestDb, table: TableSpec<Row, Filter>, filter: Filter | null | undefined): Promise<number> {
  const [row] = await db.query<{ count: number }>(sql`SELECT count(*)::integer AS count FROM ${raw(table.from)} ${where(table.conditions(filter))}`);
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
    SELECT ${raw(parentColumn)} AS parent, count(*)::integer AS count FROM ${raw(table.from)}
    ${where([sql`${raw(parentColumn)} = ANY(${parents as unknown[]})`, ...table.conditions(filter)])}
    GROUP BY 1`);
  return new Map(rows.map((r) => [String(r.parent), r.count]));
}

/** Rows by a key column (ids, codes), for DataLoader batches: one statement per batch. */
export async function selectByKeys<Row, Filter>(
  db: RequestDb,
  table: TableSpec<Row, Filter>,
  keyColumn: string,
  keys: ReadonlyArray<string | number>,
): Promise<Map<string, Row[]>> {
  const records = await db.query<Record<string, unknown>>(
    sql`SELECT ${raw(table.columns)}, ${raw(keyColumn)} AS "__parent" FROM ${raw(table.from)} WHERE ${raw(keyColumn)} = ANY(${keys as unknown[]}) ORDER BY ${raw(table.key)}`,
  );
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
export async function selectGroups<Filter>(
  db: RequestDb,
  table: TableSpec<unknown, Filter>,
  dimensions: ReadonlyArray<{ expression: string; alias: string }>,
  measures: ReadonlyArray<{ expression: string; alias: string }>,
  filter: Filter | null | undefined,
): Promise<Record<string, unknown>[]> {
  const selected = [...dimensions, { expression: 'count(*)::integer', alias: 'count' }, ...measures].map((c) => `${c.expression} AS "${c.alias}"`);
  const groupBy = dimensions.length ? raw(`GROUP BY ${dimensions.map((_, i) => i + 1).join(', ')} ORDER BY ${dimensions.map((_, i) => `${i + 1} NULLS LAST`).join(', ')}`) : raw('');
  return db.query(sql`SELECT ${raw(selected.join(', '))} FROM ${raw(table.from)} ${where(table.conditions(filter))} ${groupBy}`);
}

