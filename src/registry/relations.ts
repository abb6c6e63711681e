import { Args, Ctx, FieldResolver, Resolver, Root, type ClassType } from 'type-graphql';
import type { TableSpec } from './table';
import type { RequestContext } from '../graphql/context';
import { childList, foldable, toOne } from './fold-planner';
import { byKeyLoader, childConnection } from './lists';

type AnyTable = TableSpec<any, any>;

/**
 * A relation is declared once, here: the field's resolver and its fold (fetched with the parent's
 * statement, src/registry/fold-planner.ts) are both made from the same declaration, so the two cannot answer
 * differently (they drifted once when written apart). test/graphql/relations.int.spec.ts compares
 * folded and unfolded answers for every relation of every registry type.
 */

/** The row a to-one field points at: `keyColumn = parent[parentColumn]` (a studio's enterprise: `t.id = enterpriseId`). */
export interface ToOneDeclaration {
  table: () => AnyTable;
  keyColumn: string;
  parentColumn: string;
  description: string;
  /** Non-null only where every parent has one (a place's province). */
  nullable?: boolean;
}

/** A to-one field of `Parent`: batched per request by key, or folded; null where the parent names none. */
export function toOneField(Parent: ClassType, field: string, Target: () => ClassType, relation: ToOneDeclaration): ClassType {
  foldable(Parent.name, { [field]: toOne(relation.table, relation.keyColumn, relation.parentColumn) });
  @Resolver(() => Parent)
  class ToOneResolver {
    @FieldResolver(Target, { nullable: relation.nullable ?? true, description: relation.description })
    [field](@Ctx() ctx: RequestContext, @Root() row: Record<string, unknown>) {
      const key = row[relation.parentColumn] as string | number | null | undefined;
      return key == null ? null : byKeyLoader(ctx, relation.table(), relation.keyColumn).load(key);
    }
  }
  return ToOneResolver;
}

/** The rows under a parent: `childColumn = parent's parentKey` (an enterprise's studios: `t.enterprise_id = id`), paged like a root list. */
export interface ChildListDeclaration {
  table: () => AnyTable;
  childColumn: string;
  /** The parent's key as its statement selects it: `id` (a record's database id) or `code` (a place's). */
  parentKey: 'id' | 'code';
  defaultOrder: string;
  description: string;
}

/** A connection field of `Parent`: one batched page and COUNT for every parent on the page, or folded. */
export function childListField(Parent: ClassType, field: string, Connection: ClassType, ArgsType: ClassType, relation: ChildListDeclaration): ClassType {
  foldable(Parent.name, { [field]: childList(relation.table, relation.childColumn, relation.parentKey, relation.defaultOrder) });
  // A row's `id` is its global ID; the database id the fold compares is `rowId`.
  const keyOf = (row: Record<string, unknown>) => (relation.parentKey === 'id' ? row.rowId : row.code) as string | number;
  @Resolver(() => Parent)
  class ChildListResolver {
    @FieldResolver(() => Connection, { description: relation.description })
    [field](@Ctx() ctx: RequestContext, @Root() row: Record<string, unknown>, @Args(() => ArgsType) args: object) {
      return childConnection(ctx, relation.table(), relation.childColumn, keyOf(row), args, relation.defaultOrder);
    }
  }
  return ChildListResolver;
}
