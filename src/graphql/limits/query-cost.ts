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
import { selectedFieldNames } from '../selected-fields';

/** Items assumed for a list without a page size (groups, series lines, history). */
const ASSUMED_LIST_SIZE = 20;

/**
 * What the database does beyond fetching the objects a field returns, in cost units: measured with
 * `npm run bench:flood` at scale 10 (211,000 enterprises; bench/results/*-flood-scale-10.md), where a
 * page of 20 enterprises (cost 21) takes about 5 ms, so that a unit is about a quarter of a millisecond
 * of the database. Only where the work reads a whole table: at the root of the query, or under single
 * objects (a list inside another list is read for its parents' rows, through their keys).
 */
export const SCAN_PRICES = {
  /** `totalCount` of a list: a COUNT over the filtered table (15 ms for a city's enterprises, 70 for all). */
  count: 50,
  /** A text search (`nameContains`) shorter than 3 characters: no trigram for the index, so every row is read (125–190 ms). */
  shortSearch: 800,
  /** A longer one: the trigram index finds the rows (a few ms). */
  indexedSearch: 10,
  /** Statistics: one GROUP BY over the table (80 ms by city, 97 by two dimensions, 175 by three, with many groups) … */
  aggregate: 250,
  /** … and each dimension grouped by. */
  perDimension: 100,
  /** A series: its GROUP BY (53 ms for 12 months) … */
  series: 200,
  /** … and each period of each line (120 months by city: 480 ms; 600 months by city: 2 s). */
  seriesPeriod: 1,
  /** Lines a series grouped by city or district is priced for. */
  seriesLines: 15,
  /** The goal ranking: every city goal's progress (16–21 ms; not heavy alone, so BI dashboards asking it keep the whole pool). */
  ranking: 80,
  /** Statistics read from a tally (src/registry/stats-tally.ts): a few hundred rows, under a millisecond at any scale. */
  talliedAggregate: 5,
} as const;

/** What a statistics field says of itself (its GraphQL extensions): whether these arguments are answered from a tally. */
interface TallyExtension {
  answeredFromTally?: (args: Record<string, unknown>, selected: Set<string>) => boolean;
}

/** Text shorter than this finds no trigram: the search reads every row. */
export const TRIGRAM_LENGTH = 3;

/**
 * An operation whose scan work reaches this (about 25 ms of the database) is heavy: its statements
 * run in the pool's heavy lane (src/db/request-bounds.ts), so that heavy requests together hold only
 * part of the pool, whoever sends them and however many.
 */
export const HEAVY_SCAN = 100;

/**
 * The cost of an operation: what it may make the server fetch and build, known before it runs.
 * - every object returned costs 1; scalars and enums cost nothing (they come with their object);
 * - a list multiplies what each item costs by how many items it may return: a connection's
 *   `edges`/`nodes` by its `first`/`last` (default 20, at most 100), `nodes(ids:)` by the ids, a
 *   series' points by its periods, any other list by 20;
 * - what reads a whole table adds its measured price (SCAN_PRICES): `totalCount`, a name search,
 *   statistics, series and the ranking; a list inside another list is read for its parents and adds
 *   1 for `totalCount`, nothing for a search;
 * - each selection counts as written (a repeated field counts again), skipped ones (@skip, @include)
 *   not at all; introspection costs nothing here (src/graphql/limits/query-shape.ts bounds it).
 * The walk also refuses, before anything runs, a page size out of range and argument text that
 * PostgreSQL cannot hold (BAD_USER_INPUT naming the argument).
 */
export interface OperationCost {
  cost: number;
  /** The part of `cost` that reads whole tables (SCAN_PRICES); HEAVY_SCAN or more makes the operation heavy. */
  scan: number;
  /** Whether the operation asks for `__schema` or `__type`. */
  introspection: boolean;
}

/** Periods of a series from `from` to `to` (ISO dates) by MONTH or YEAR; 0 when the arguments do not say (they are checked later). */
export function seriesPeriods(args: Record<string, unknown>): number {
  const { from, to, interval } = args;
  if (typeof from !== 'string' || typeof to !== 'string') return 0;
  const [fy, fm] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const [ty, tm] = [Number(to.slice(0, 4)), Number(to.slice(5, 7))];
  const periods = interval === 'YEAR' ? ty - fy + 1 : (ty - fy) * 12 + (tm - fm) + 1;
  return Number.isFinite(periods) ? Math.max(0, periods) : 0;
}

/** The scan price of a field's own work (not its children's), given its arguments. */
function scanPrice(field: GraphQLField<unknown, unknown>, targetName: string, args: Record<string, unknown>, selected: () => Set<string>): number {
  const fieldName = field.name;
  let price = fieldName === 'totalCount' ? SCAN_PRICES.count : 0;
  const filter = args.filter;
  if (filter && typeof filter === 'object') {
    for (const [name, value] of Object.entries(filter as Record<string, unknown>)) {
      if (!name.endsWith('Contains') || typeof value !== 'string' || !value.trim()) continue;
      price += [...value.trim()].length < TRIGRAM_LENGTH ? SCAN_PRICES.shortSearch : SCAN_PRICES.indexedSearch;
    }
  }
  if (targetName.endsWith('Group') && (field.extensions as TallyExtension).answeredFromTally?.(args, selected())) {
    price += SCAN_PRICES.talliedAggregate;
  } else if (targetName.endsWith('Group')) {
    const dimensions = Array.isArray(args.groupBy) ? new Set(args.groupBy).size : 0;
    price += SCAN_PRICES.aggregate + SCAN_PRICES.perDimension * dimensions;
  } else if (targetName === 'TimeSeries') {
    const lines = args.groupBy && args.groupBy !== 'NONE' ? SCAN_PRICES.seriesLines : 1;
    price += SCAN_PRICES.series + SCAN_PRICES.seriesPeriod * seriesPeriods(args) * lines;
  } else if (targetName === 'GoalRankingEntry') {
    price += SCAN_PRICES.ranking;
  }
  return price;
}

const isConnection = (field: GraphQLField<unknown, unknown>) => getNamedType(field.type).name.endsWith('Connection') && field.args.some((a) => a.name === 'first');

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

/** Where in the query a selection set is: what its lists hold, and whether it lies inside a list. */
interface Place {
  /** The page size of the connection this selection set belongs to, for its edges/nodes. */
  page?: number;
  /** Inside a list's items: a list here is read for its parents' rows, not the whole table. */
  nested: boolean;
  /** Under a series: how many lines and points per line. */
  series?: { lines: number; points: number };
}

interface Cost {
  cost: number;
  scan: number;
}

const add = (a: Cost, b: Cost): Cost => ({ cost: a.cost + b.cost, scan: a.scan + b.scan });
const NOTHING: Cost = { cost: 0, scan: 0 };
/** `totalCount` at the root (a COUNT over the table) and inside a list (one per parent, through their keys). */
const ROOT_COUNT: Cost = { cost: SCAN_PRICES.count, scan: SCAN_PRICES.count };
const NESTED_COUNT: Cost = { cost: 1, scan: 0 };

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
  const memo = new Map<string, Cost>();
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

  const selectionsCost = (type: GraphQLCompositeType, set: SelectionSetNode, place: Place): Cost => {
    let total = NOTHING;
    for (const s of set.selections) {
      if (!included(s)) continue;
      if (s.kind === Kind.FIELD) {
        total = add(total, fieldCost(type, s, place));
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        const on = s.typeCondition ? schema.getType(s.typeCondition.name.value) : type;
        if (isCompositeType(on)) total = add(total, selectionsCost(on, s.selectionSet, place));
      } else {
        total = add(total, fragmentCost(s.name.value, place));
      }
    }
    return total;
  };

  const fragmentCost = (name: string, place: Place): Cost => {
    const key = `${name}:${place.page ?? ''}:${place.nested}:${place.series?.lines ?? ''}:${place.series?.points ?? ''}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    memo.set(key, NOTHING); // validation has refused cycles already; this only guards the walk
    const definition = fragments.get(name);
    const on = definition && schema.getType(definition.typeCondition.name.value);
    const cost = definition && isCompositeType(on) ? selectionsCost(on, definition.selectionSet, place) : NOTHING;
    memo.set(key, cost);
    return cost;
  };

  const fieldCost = (parent: GraphQLCompositeType, node: FieldNode, place: Place): Cost => {
    const name = node.name.value;
    if (name === '__schema' || name === '__type') {
      introspection = true;
      return NOTHING;
    }
    if (name === '__typename' || isUnionType(parent)) return NOTHING;
    const field = parent.getFields()[name];
    if (!field) return NOTHING;
    // Most fields are scalars without arguments: nothing to read, check or walk; only totalCount has a price.
    if (field.args.length === 0 && !node.selectionSet) return name === 'totalCount' ? (place.nested ? NESTED_COUNT : ROOT_COUNT) : NOTHING;
    const args = argumentsOf(field, node);
    for (const [arg, value] of Object.entries(args)) checkArgumentText(value, arg);
    const target = getNamedType(field.type);
    // Inside a list, work is done for the parents' rows: a COUNT per parent costs 1, a search nothing more.
    const scan = place.nested ? 0 : scanPrice(field, target.name, args, () => selectedFieldNames([node.selectionSet], (f) => fragments.get(f)));
    const own: Cost = { cost: scan + (place.nested && name === 'totalCount' ? 1 : 0), scan };
    if (!isCompositeType(target) || !node.selectionSet) return own;

    const child: Place = { nested: place.nested, series: place.series };
    // The resolver refuses the same page sizes (requestedLimit); here they are refused before anything runs.
    if (isConnection(field)) child.page = requestedLimit(args as PageArgs);
    if (target.name === 'TimeSeries') child.series = { lines: args.groupBy && args.groupBy !== 'NONE' ? ASSUMED_LIST_SIZE : 1, points: seriesPeriods(args) };
    let size = 1;
    if (isListType(getNullableType(field.type))) {
      const ids = args.ids;
      if (Array.isArray(ids)) size = Math.min(ids.length, MAX_PAGE_SIZE);
      else if (place.series && name === 'lines') size = place.series.lines;
      else if (place.series && name === 'points') size = place.series.points;
      else size = place.page ?? ASSUMED_LIST_SIZE;
      child.nested = true;
    }
    const each = selectionsCost(target, node.selectionSet, child);
    return { cost: own.cost + size * (1 + each.cost), scan: own.scan + each.scan };
  };

  const root = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  const { cost, scan } = root ? selectionsCost(root, operation.selectionSet, { nested: false }) : NOTHING;
  return { cost, scan, introspection };
}
