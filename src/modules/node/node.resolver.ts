import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { selectByKeysAcross } from '../../db/fold';
import { selectByKeys, type TableSpec } from '../../db/table';
import type { RequestContext } from '../../graphql/context';
import { badInput } from '../../graphql/errors/codes';
import { fromGlobalId } from '../../graphql/relay/global-id';
import { MAX_PAGE_SIZE } from '../../graphql/relay/page-args';
import { Node } from '../../graphql/relay/node.interface';
import { cityTable } from '../city/city.service';
import { collectiveInnovationContractTable } from '../collective-innovation-contract/collective-innovation-contract.service';
import { craftsmanAcademyTable } from '../craftsman-academy/craftsman-academy.service';
import { craftsmanTable } from '../craftsman/craftsman.service';
import { enterpriseTable } from '../enterprise/enterprise.service';
import { goalTable } from '../goal/goal.service';
import { innovationStudioTable } from '../innovation-studio/innovation-studio.service';
import { provinceTable } from '../province/province.service';
import { reportedFigureTable } from '../reported-figure/reported-figure.service';
import { sourceTable } from '../source/source.service';

/** Every type that implements Node: its table, key column and the shape of its key. */
const NODE_TYPES: Record<string, { table: TableSpec<unknown, never>; key: string; pattern: RegExp }> = {
  Province: { table: provinceTable as TableSpec<unknown, never>, key: 't.code', pattern: /^[1-8][0-9]0000$/ },
  City: { table: cityTable as TableSpec<unknown, never>, key: 't.code', pattern: /^[1-8][0-9]{5}$/ },
  Enterprise: { table: enterpriseTable as TableSpec<unknown, never>, key: 't.id', pattern: /^[1-9][0-9]{0,9}$/ },
  Craftsman: { table: craftsmanTable as TableSpec<unknown, never>, key: 't.id', pattern: /^[1-9][0-9]{0,9}$/ },
  CraftsmanAcademy: { table: craftsmanAcademyTable as TableSpec<unknown, never>, key: 't.id', pattern: /^[1-9][0-9]{0,9}$/ },
  InnovationStudio: { table: innovationStudioTable as TableSpec<unknown, never>, key: 't.id', pattern: /^[1-9][0-9]{0,9}$/ },
  CollectiveInnovationContract: { table: collectiveInnovationContractTable as TableSpec<unknown, never>, key: 't.id', pattern: /^[1-9][0-9]{0,9}$/ },
  Goal: { table: goalTable as TableSpec<unknown, never>, key: 't.id', pattern: /^[1-9][0-9]{0,9}$/ },
  ReportedFigure: { table: reportedFigureTable as TableSpec<unknown, never>, key: 't.id', pattern: /^[1-9][0-9]{0,9}$/ },
  Source: { table: sourceTable as TableSpec<unknown, never>, key: 't.id', pattern: /^[1-9][0-9]{0,9}$/ },
};

/**
 * Every node lookup of a request in one statement, whatever the mix of types: a type's own batch
 * when the IDs are all of one type, else one lookup of each type joined with UNION ALL.
 */
function nodeLoader(ctx: RequestContext) {
  return ctx.loaders.get<string, unknown>('node', async (ids) => {
    const byType = new Map<string, string[]>();
    for (const id of ids) {
      const [typename, key] = id.split(':');
      byType.set(typename, [...(byType.get(typename) ?? []), key]);
    }
    const types = [...byType.keys()];
    const lookups = types.map((typename) => ({ table: NODE_TYPES[typename].table, keyColumn: NODE_TYPES[typename].key, keys: byType.get(typename)! }));
    const found =
      lookups.length === 1
        ? [new Map([...(await selectByKeys(ctx.db, lookups[0].table, lookups[0].keyColumn, lookups[0].keys))].map(([k, rows]) => [k, rows[0]]))]
        : await selectByKeysAcross(ctx.db, lookups);
    return ids.map((id) => {
      const [typename, key] = id.split(':');
      return found[types.indexOf(typename)].get(key) ?? null;
    });
  });
}

function loadNode(ctx: RequestContext, id: string, argument: string) {
  const { typename, key } = fromGlobalId(id, argument);
  const type = NODE_TYPES[typename];
  // A well-formed ID of an unknown type or impossible key names no record: null, as for a deleted one.
  if (!type || !type.pattern.test(key) || (type.key === 't.id' && Number(key) > 2_147_483_647)) return null;
  return nodeLoader(ctx).load(`${typename}:${key}`);
}

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Any record by its global ID; null if it does not exist.' })
  node(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'A global ID as returned in any record\'s `id`.' }) id: string) {
    return loadNode(ctx, id, 'id');
  }

  @Query(() => [Node], { nullable: 'items', description: `Several records by global ID, in the order asked (at most ${MAX_PAGE_SIZE}); null for those that do not exist.` })
  nodes(@Ctx() ctx: RequestContext, @Arg('ids', () => [ID], { description: `Global IDs as returned in records' \`id\`, at most ${MAX_PAGE_SIZE}.` }) ids: string[]) {
    if (ids.length > MAX_PAGE_SIZE) throw badInput(`'ids' may name at most ${MAX_PAGE_SIZE} records, got ${ids.length}`, 'ids');
    return ids.map((id, i) => loadNode(ctx, id, `ids[${i}]`));
  }
}
