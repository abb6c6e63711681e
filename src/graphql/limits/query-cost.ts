// page-args.ts declares type-graphql classes, whose decorators need the metadata API loaded first.
import 'reflect-metadata';
import {
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  getVariableValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isCompositeType,
  isListType,
  isUnionType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { MAX_PAGE_SIZE, requestedLimit, type PageArgs } from '../relay/page-args';
import { checkArgumentText } from './argument-text';
import { fragmentsOf } from './query-shape';

/** Items assumed for a list without a page size (groups, series lines and points, history). */
const ASSUMED_LIST_SIZE = 20;
/** Extra weight of a field that runs a GROUP BY over a whole table: statistics, series, rankings. */
const AGGREGATE_WEIGHT = 10;

/**
 * The cost of an operation: what it may make the server fetch and build, known before it runs.
 * - every object returned costs 1; scalars and enums cost nothing (they come with their object);
 * - a list multiplies what each item costs by how many items it may return: a connection's
 *   `edges`/`nodes` by its `first`/`last` (default 20, at most 100), `nodes(ids:)` by the ids,
 *   any other list by 20;
 * - `totalCount` adds 1 (a COUNT), and statistics, series and rankings add 10 (a GROUP BY);
 * - each selection counts as written (a repeated field counts again), skipped ones (@skip, @include)
 *   not at all; introspection costs nothing here (src/graphql/limits/query-shape.ts bounds it).
 * The walk also refuses, before anything runs, a page size out of range and argument text that
 * PostgreSQL cannot hold (BAD_USER_INPUT naming the argument).
 */
export interface OperationCost {
  cost: number;
  /** Whether the operation asks for `__schema` or `__type`. */
  introspection: boolean;
}

const isConnection = (field: GraphQLField<unknown, unknown>) => getNamedType(field.type).name.endsWith('Connection') && field.args.some((a) => a.name === 'first');
const isAggregate = (name: string) => name.endsWith('Group') || name === 'TimeSeries' || name === 'GoalRankingEntry';

/**
 * Costs of operations without variables, which cannot change between requests: per document (Apollo
 * keeps parsed documents, so a repeated query is the same object) and operation. Weak keys: an entry
 * lives no longer than its document. A walk that throws is not kept; it throws again next time.
 */
const fixedCosts = new WeakMap<DocumentNode, Map<OperationDefinitionNode, { schema: GraphQLSchema; cost: OperationCost }>>();

export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rawVariables: Record<string, unknown> | undefined,
): OperationCost {
  if (operation.variableDefinitions?.length) return walkCost(schema, document, operation, rawVariables);
  let known = fixedCosts.get(document);
  const hit = known?.get(operation);
  if (hit && hit.schema === schema) return { ...hit.cost };
  const cost = walkCost(schema, document, operation, undefined);
  if (!known) fixedCosts.set(document, (known = new Map()));
  known.set(operation, { schema, cost });
  return { ...cost };
}

function walkCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rawVariables: Record<string, unknown> | undefined,
): OperationCost {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables ?? {});
  // Variables that do not coerce fail the request before execution anyway; cost it without them.
  const variables = 'coerced' in coerced ? coerced.coerced : {};
  const fragments = fragmentsOf(document);
  const memo = new Map<string, number>();
  let introspection = false;

  const included = (node: { directives?: FieldNode['directives'] }): boolean => {
    if (!node.directives?.length) return true;
    if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
    return getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;
  };

  const argumentsOf = (field: GraphQLField<unknown, unknown>, node: FieldNode): Record<string, unknown> => {
    try {
      return getArgumentValues(field, node, variables);
    } catch {
      return {}; // an invalid argument fails validation or coercion before execution
    }
  };

  /** `page`: the page size of the connection this selection set belongs to, for its edges/nodes. */
  const selectionsCost = (type: GraphQLCompositeType, set: SelectionSetNode, page?: number): number => {
    let total = 0;
    for (const s of set.selections) {
      if (!included(s)) continue;
      if (s.kind === Kind.FIELD) {
        total += fieldCost(type, s, page);
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        const on = s.typeCondition ? schema.getType(s.typeCondition.name.value) : type;
        if (isCompositeType(on)) total += selectionsCost(on, s.selectionSet, page);
      } else {
        total += fragmentCost(s.name.value, page);
      }
    }
    return total;
  };

  const fragmentCost = (name: string, page?: number): number => {
    const key = `${name}:${page ?? ''}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    memo.set(key, 0); // validation has refused cycles already; this only guards the walk
    const definition = fragments.get(name);
    const on = definition && schema.getType(definition.typeCondition.name.value);
    const cost = definition && isCompositeType(on) ? selectionsCost(on, definition.selectionSet, page) : 0;
    memo.set(key, cost);
    return cost;
  };

  const fieldCost = (parent: GraphQLCompositeType, node: FieldNode, page?: number): number => {
    const name = node.name.value;
    if (name === '__schema' || name === '__type') {
      introspection = true;
      return 0;
    }
    if (name === '__typename' || isUnionType(parent)) return 0;
    const field = parent.getFields()[name];
    if (!field) return 0;
    const args = argumentsOf(field, node);
    for (const [arg, value] of Object.entries(args)) checkArgumentText(value, arg);
    const target = getNamedType(field.type);
    const weight = (name === 'totalCount' ? 1 : 0) + (isAggregate(target.name) ? AGGREGATE_WEIGHT : 0);
    if (!isCompositeType(target) || !node.selectionSet) return weight;

    let childPage: number | undefined;
    // The resolver refuses the same page sizes (requestedLimit); here they are refused before anything runs.
    if (isConnection(field)) childPage = requestedLimit(args as PageArgs);
    let size = 1;
    if (isListType(getNullableType(field.type))) {
      const ids = args.ids;
      size = Array.isArray(ids) ? Math.min(ids.length, MAX_PAGE_SIZE) : (page ?? ASSUMED_LIST_SIZE);
    }
    return weight + size * (1 + selectionsCost(target, node.selectionSet, childPage));
  };

  const root = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  const cost = root ? selectionsCost(root, operation.selectionSet) : 0;
  return { cost, introspection };
}
