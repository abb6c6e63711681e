import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, ID, Info, Query, Resolver } from 'type-graphql';
import { selectByKeysAcross } from '../../registry/fold';
import { selectByKeys, type TableSpec } from '../../registry/table';
import type { RequestContext } from '../../graphql/context';
import { lookupColumns } from '../../registry/fold-planner';
import { badInput } from '../../graphql/errors/codes';
import { fromGlobalId, integerKeyOf } from '../../graphql/relay/global-id';
import { MAX_PAGE_SIZE } from '../../graphql/relay/page-args';
import { Node } from '../../graphql/relay/node.interface';
import { registryTypes } from '..';
import { auditService } from '../audit/audit.service';

interface NodeType {
  table: TableSpec<unknown, never>;
  key: string;
  pattern: RegExp;
}

let nodeTypes: Map<string, NodeType> | undefined;

/** Every registry type (each implements Node): its table, key column and the shape of its key. */
function nodeTypeOf(typename: string): NodeType | undefined {
  nodeTypes ??= new Map(registryTypes().map((t) => [t.typename, { table: t.table as TableSpec<unknown, never>, key: `t.${t.node.key}`, pattern: t.node.pattern }]));
  return nodeTypes.get(typename);
}

/** A lookup of one record: its type, its key and the columns the query reads of it (fold-planner.ts's lookupColumns). */
interface NodeKey {
  typename: string;
  key: string;
  columns: string;
}

/**
 * Every node lookup of a request in one statement, whatever the mix of types: a type's own batch
 * when the IDs are all of one type and select list, else one lookup of each joined with UNION ALL.
 * The select list is part of the loader's key, so a record asked for with more columns is not
 * answered from a leaner copy.
 */
function nodeLoader(ctx: RequestContext) {
  return ctx.loaders.get<NodeKey, unknown>(
    'node',
    async (lookups) => {
      // One lookup per type and select list; `which[i]` is the lookup of lookups[i].
      const groups = new Map<string, number>();
      const tables: Array<{ table: TableSpec<unknown, never>; keyColumn: string; keys: string[]; columns: string }> = [];
      const which = lookups.map(({ typename, key, columns }) => {
        const name = `${typename}\n${columns}`;
        let at = groups.get(name);
        if (at === undefined) {
          groups.set(name, (at = tables.length));
          const type = nodeTypeOf(typename)!;
          tables.push({ table: type.table, keyColumn: type.key, keys: [], columns });
        }
        tables[at].keys.push(key);
        return at;
      });
      const found =
        tables.length === 1
          ? [new Map([...(await selectByKeys(ctx.db, tables[0].table, tables[0].keyColumn, tables[0].keys, tables[0].columns))].map(([k, rows]) => [k, rows[0]]))]
          : await selectByKeysAcross(ctx.db, tables);
      return lookups.map(({ key }, i) => found[which[i]].get(key) ?? null);
    },
    (lookup) => `${lookup.typename}:${lookup.key}\n${lookup.columns}`,
  );
}

type ColumnsOf = (typename: string, table: TableSpec<unknown, never>) => string;

/** The select list the field (info) reads of each type, worked out once per type and field, not once per ID of `nodes(ids:)`. */
function columnsOf(info: GraphQLResolveInfo): ColumnsOf {
  const byType = new Map<string, string>();
  return (typename, table) => {
    let columns = byType.get(typename);
    if (columns === undefined) byType.set(typename, (columns = lookupColumns(info, typename, table)));
    return columns;
  };
}

function loadNode(ctx: RequestContext, columns: ColumnsOf, id: string, argument: string) {
  const { typename, key } = fromGlobalId(id, argument);
  if (typename === 'AuditEntry') {
    const entryId = integerKeyOf(key);
    return entryId === null ? null : auditService.entry(ctx, entryId);
  }
  const type = nodeTypeOf(typename);
  // A well-formed ID of an unknown type or impossible key names no record: null, as for a deleted one.
  if (!type || !type.pattern.test(key) || (type.key === 't.id' && integerKeyOf(key) === null)) return null;
  return nodeLoader(ctx).load({ typename, key, columns: columns(typename, type.table) });
}

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Any record by its global ID; null if it does not exist.' })
  node(@Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo, @Arg('id', () => ID, { description: 'A global ID as returned in any record\'s `id`.' }) id: string) {
    return loadNode(ctx, columnsOf(info), id, 'id');
  }

  @Query(() => [Node], { nullable: 'itemsAndList', description: `Several records by global ID, in the order asked (at most ${MAX_PAGE_SIZE}); null for those that do not exist.` })
  nodes(@Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo, @Arg('ids', () => [ID], { description: `Global IDs as returned in records' \`id\`, at most ${MAX_PAGE_SIZE}.` }) ids: string[]) {
    if (ids.length > MAX_PAGE_SIZE) throw badInput(`'ids' may name at most ${MAX_PAGE_SIZE} records, got ${ids.length}`, 'ids');
    const columns = columnsOf(info);
    return ids.map((id, i) => loadNode(ctx, columns, id, `ids[${i}]`));
  }
}
