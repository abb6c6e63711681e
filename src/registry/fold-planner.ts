import {
  getNamedType,
  isLeafType,
  isObjectType,
  type FieldNode,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
// graphql-js's own field collection (internal, but exported): the planner merges fields, follows
// fragments and honours @skip/@include exactly as execution will, so it sees the same FieldNodes.
import { collectSubfields } from 'graphql/execution/collectFields';
import { getArgumentValues } from 'graphql/execution/values';
import type { Fold } from './fold';
import { columnAliases, columnsByAlias, columnsNamed, selectSql, type TableSpec } from './table';
import { pageOf, type ListArgs } from './list-args';
import { FetchedConnection } from '../graphql/relay/connection';
import { oncePerSelection } from '../graphql/selection-memo';

type AnyTable = TableSpec<unknown, unknown>;

/** A field whose value is the row `keyColumn = parent[parentColumn]` (a studio's enterprise). */
export interface ToOneRelation {
  kind: 'one';
  table: () => AnyTable;
  keyColumn: string;
  parentColumn: string;
}

/** A connection field of the rows whose `childColumn = parent[parentKey]` (an enterprise's contracts). */
export interface ChildListRelation {
  kind: 'list';
  table: () => AnyTable;
  childColumn: string;
  parentKey: string;
  defaultOrder: string;
}

export type Relation = ToOneRelation | ChildListRelation;

export const toOne = (table: () => AnyTable, keyColumn: string, parentColumn: string): ToOneRelation => ({ kind: 'one', table, keyColumn, parentColumn });
export const childList = (table: () => AnyTable, childColumn: string, parentKey: string, defaultOrder: string): ChildListRelation => ({
  kind: 'list',
  table,
  childColumn,
  parentKey,
  defaultOrder,
});

const RELATIONS = new Map<string, Map<string, Relation>>();

/**
 * Declares fields of a GraphQL type that a parent's statement may fetch in the same SQL statement
 * (src/registry/fold.ts). Each field keeps its own resolver, which answers whenever the field was not
 * folded (a type reached some other way, a relation under a field that does not fold): the
 * declaration must describe exactly what that resolver returns.
 */
export function foldable(typename: string, relations: Record<string, Relation>): void {
  const known = RELATIONS.get(typename) ?? new Map<string, Relation>();
  for (const [field, relation] of Object.entries(relations)) known.set(field, relation);
  RELATIONS.set(typename, known);
}

/**
 * Folded values on a row, by the FieldNode that selected them (each of its merged nodes): node, value,
 * node, value … A row holds a few (its relations the query selects), so a short array, searched in
 * order, rather than a Map per row.
 */
const FOLDED = Symbol('folded');
type Folded = { [FOLDED]?: unknown[] };

function put(row: object, nodes: readonly FieldNode[], value: unknown): void {
  const folded = (row as Folded)[FOLDED];
  // Made with its first pair: an empty array's first push reserves room for many.
  if (!folded && nodes.length === 1) {
    (row as Folded)[FOLDED] = [nodes[0], value];
    return;
  }
  const pairs = folded ?? ((row as Folded)[FOLDED] = []);
  for (const node of nodes) {
    const at = pairs.indexOf(node);
    if (at >= 0 && at % 2 === 0) pairs[at + 1] = value;
    else pairs.push(node, value);
  }
}

/** The value folded on `row` for the field selected by `node`; undefined when none was. */
function foldedValue(row: unknown, node: FieldNode): unknown {
  const folded = (row as Folded | null)?.[FOLDED];
  if (!folded) return undefined;
  for (let i = 0; i < folded.length; i += 2) if (folded[i] === node) return folded[i + 1];
  return undefined;
}

/**
 * Lets every declared field answer from what its parent's statement fetched, and otherwise run its
 * own resolver (DataLoader batches, as before). Called once on the built schema.
 */
export function answerFoldedFields(schema: GraphQLSchema): void {
  for (const [typename, relations] of RELATIONS) {
    const type = schema.getType(typename);
    if (!isObjectType(type)) throw new Error(`foldable(): ${typename} is not an object type of the schema`);
    for (const [name, relation] of relations) {
      const field = type.getFields()[name];
      if (!field?.resolve) throw new Error(`foldable(): ${typename}.${name} has no resolver of its own`);
      // A to-one row is joined on its key (src/registry/fold.ts): a key that is not unique would repeat the parent's row.
      if (relation.kind === 'one' && relation.keyColumn !== relation.table().key) throw new Error(`foldable(): ${typename}.${name} must point at its table's key (${relation.table().key}), not ${relation.keyColumn}`);
      const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve;
      field.resolve = (source, args, context, info) => {
        const value = foldedValue(source, info.fieldNodes[0]);
        return value !== undefined ? value : resolve(source, args, context, info);
      };
    }
  }
}

interface Selection {
  schema: GraphQLSchema;
  info: GraphQLResolveInfo;
}

/** What a statement fetches for rows of one type: the columns the query reads (as a select list, and by alias), and the relations it folds. */
export interface RowPlan {
  columns: string;
  aliases: readonly string[];
  folds: Fold[];
}

const subfields = (s: Selection, type: GraphQLObjectType, nodes: readonly FieldNode[]) =>
  collectSubfields(s.schema, s.info.fragments, s.info.variableValues, type, nodes).values();

/**
 * Plans rows of `type`, read from `table`, that the query selects along each of `paths` (the field
 * nodes of one path; a connection's rows are reached under `nodes` and under `edges { node }`).
 * The select list is lean, the key plus the columns of the selected leaf fields and the keys of the
 * selected relations, when every selected field is one of those; a field with a resolver of its
 * own may read any column, so then every column is selected.
 */
function planRows(s: Selection, type: GraphQLObjectType, table: AnyTable, paths: ReadonlyArray<readonly FieldNode[]>): RowPlan {
  const relations = RELATIONS.get(type.name);
  const columns = columnsByAlias(table);
  const needed = new Set([table.key.replace(/^t\./, '')]);
  let lean = true;
  const folds: Fold[] = [];
  for (const nodes of paths) {
    for (const fieldNodes of subfields(s, type, nodes)) {
      const name = fieldNodes[0].name.value;
      const field = type.getFields()[name];
      const target = field && getNamedType(field.type);
      const relation = relations?.get(name);
      if (relation && isObjectType(target)) {
        needed.add(relation.kind === 'one' ? relation.parentColumn : relation.parentKey);
        folds.push(...(relation.kind === 'one' ? [oneFold(s, relation, target, fieldNodes)] : listFolds(s, relation, field, target, fieldNodes)));
      } else if (columns.has(name) && isLeafType(target)) {
        needed.add(name);
      } else if (name !== 'id' && name !== '__typename') {
        lean = false;
      }
    }
  }
  if (!lean) return { columns: selectSql(table), aliases: columnAliases(table), folds };
  return { columns: columnsNamed(table, needed), aliases: columnAliases(table).filter((alias) => needed.has(alias)), folds };
}

function oneFold(s: Selection, relation: ToOneRelation, target: GraphQLObjectType, nodes: readonly FieldNode[]): Fold {
  const table = relation.table();
  const { aliases, folds } = planRows(s, target, table, [nodes]);
  const { keyColumn, parentColumn } = relation;
  return { kind: 'one', table, columns: aliases, keyColumn, parentColumn, folds, attach: (parent, row) => put(parent, nodes, row) };
}

/** The page and count folds of a child list, as much of them as the client selected. */
function listFolds(s: Selection, relation: ChildListRelation, field: GraphQLField<unknown, unknown>, connection: GraphQLObjectType, nodes: readonly FieldNode[]): Fold[] {
  const table = relation.table();
  let args: ListArgs<unknown>;
  let list;
  try {
    args = getArgumentValues(field, nodes[0], s.info.variableValues);
    list = pageOf(table, args, relation.defaultOrder);
  } catch {
    return []; // arguments the resolver will refuse: it runs, and reports the error at its own field
  }
  const { page } = list;
  const names = new Set([...subfields(s, connection, nodes)].map((n) => n[0].name.value));
  const connectionOf = (parent: object) => {
    const folded = foldedValue(parent, nodes[0]) as FetchedConnection<unknown> | undefined;
    if (folded) return folded;
    const created = new FetchedConnection<unknown>(page);
    put(parent, nodes, created);
    return created;
  };
  const { childColumn, parentKey } = relation;
  const folds: Fold[] = [];
  if (names.has('totalCount')) {
    folds.push({ kind: 'count', table, childColumn, parentKey, filter: args.filter, attach: (parent, n) => (connectionOf(parent).totalCount = n) });
  }
  if (names.has('nodes') || names.has('edges') || names.has('pageInfo')) {
    const rows = connectionRows(s, connection, table, nodes);
    folds.push({
      kind: 'page',
      table,
      childColumn,
      parentKey,
      list: { filter: args.filter, ...list, columns: rows.columns },
      folds: rows.folds,
      attach: (parent, rows) => connectionOf(parent).setPage(rows),
    });
  }
  return folds;
}

/** The plan for the rows of a connection, reached under `nodes` and under `edges { node }`. */
function connectionRows(s: Selection, connection: GraphQLObjectType, table: AnyTable, nodes: readonly FieldNode[]): RowPlan {
  const paths: Array<readonly FieldNode[]> = [];
  let item: GraphQLObjectType | undefined;
  for (const fieldNodes of subfields(s, connection, nodes)) {
    const field = connection.getFields()[fieldNodes[0].name.value];
    const target = field && getNamedType(field.type);
    if (!isObjectType(target)) continue;
    if (field.name === 'nodes') {
      paths.push(fieldNodes);
      item = target;
    }
    if (field.name !== 'edges') continue;
    for (const edgeNodes of subfields(s, target, fieldNodes)) {
      const node = target.getFields()[edgeNodes[0].name.value];
      const nodeType = node && getNamedType(node.type);
      if (node?.name === 'node' && isObjectType(nodeType)) {
        paths.push(edgeNodes);
        item = nodeType;
      }
    }
  }
  const key = new Set([table.key.replace(/^t\./, '')]);
  return item ? planRows(s, item, table, paths) : { columns: columnsNamed(table, key), aliases: [...key], folds: [] };
}

/** What a root connection field (info) reads of its rows, from `table`. */
export function connectionPlan(info: GraphQLResolveInfo, table: AnyTable): RowPlan {
  const connection = getNamedType(info.returnType);
  if (!isObjectType(connection)) return { columns: selectSql(table), aliases: columnAliases(table), folds: [] };
  return oncePerSelection(info, `connection ${table.from}`, () => connectionRows({ schema: info.schema, info }, connection, table, info.fieldNodes));
}

/**
 * The select list of a `node(id:)` / `nodes(ids:)` row of `typename` (info: that field): lean when the
 * query reads only its columns, `id` and `__typename`; every column when it reads a relation, which
 * under a node lookup runs its own resolver, or a field with a resolver of its own.
 */
export function lookupColumns(info: GraphQLResolveInfo, typename: string, table: AnyTable): string {
  const type = info.schema.getType(typename);
  if (!isObjectType(type)) return selectSql(table);
  return oncePerSelection(info, `lookup ${typename}`, () => {
    const plan = planRows({ schema: info.schema, info }, type, table, [info.fieldNodes]);
    return plan.folds.length ? selectSql(table) : plan.columns;
  });
}

/** What a root field returning one row of `table` (info) reads of it. */
export function objectPlan(info: GraphQLResolveInfo, table: AnyTable): RowPlan {
  const type = getNamedType(info.returnType);
  if (!isObjectType(type)) return { columns: selectSql(table), aliases: columnAliases(table), folds: [] };
  return oncePerSelection(info, `object ${table.from}`, () => planRows({ schema: info.schema, info }, type, table, [info.fieldNodes]));
}

/** The fields of a type that fold into its parent's statement (declared with foldable). */
export function foldedFields(typename: string): ReadonlySet<string> {
  return new Set(RELATIONS.get(typename)?.keys() ?? []);
}
