import { Kind, visit, type DocumentNode, type FragmentDefinitionNode, type GraphQLError, type SelectionSetNode } from 'graphql';
import { MAX_INTROSPECTION_LISTS, queryTooComplex, type QueryLimits } from './query-limits';

/**
 * The static shape of a query document, measured before validation (so before graphql's
 * overlapping-fields check, whose time grows with the square of repeated fields) and without the
 * schema. Fragments are expanded as often as they are spread, but each is measured once, so a
 * fragment that spreads another twice, a hundred levels down, costs a hundred steps, not 2^100.
 * Fragment cycles and unknown fragments add nothing here: validation refuses them next.
 */
export interface QueryShape {
  /** Deepest nesting of fields (a root field is 1) in any operation, introspection not counted. */
  depth: number;
  /** Most aliases in one operation. */
  aliases: number;
  /** Most directives in one operation. */
  directives: number;
  /** Deepest nesting of introspection lists (types, fields, args …) under `__schema` / `__type`. */
  introspectionLists: number;
  /** Field selections written in the document. */
  fields: number;
}

interface Measure {
  depth: number;
  aliases: number;
  directives: number;
  introspectionLists: number;
}

const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);
const INTROSPECTION_LISTS = new Set(['types', 'fields', 'args', 'inputFields', 'enumValues', 'interfaces', 'possibleTypes', 'directives']);
const NOTHING: Measure = { depth: 0, aliases: 0, directives: 0, introspectionLists: 0 };

/** The document's fragment definitions by name. */
export function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  return fragments;
}

export function measureQueryShape(document: DocumentNode): QueryShape {
  const fragments = fragmentsOf(document);
  const memo = new Map<string, Measure>();

  // In introspection, depth is counted in nested lists (`ofType` chains are single objects and harmless).
  const fragment = (name: string, introspection: boolean): Measure => {
    const key = `${introspection ? 'i' : 'q'}:${name}`;
    const known = memo.get(key);
    if (known) return known;
    const definition = fragments.get(name);
    memo.set(key, NOTHING); // a cycle reads NOTHING; validation reports it
    if (!definition) return NOTHING;
    const inner = selections(definition.selectionSet, introspection);
    const measure = { ...inner, directives: inner.directives + (definition.directives?.length ?? 0) };
    memo.set(key, measure);
    return measure;
  };

  const selections = (set: SelectionSetNode, introspection: boolean): Measure => {
    const total = { ...NOTHING };
    for (const s of set.selections) {
      let m: Measure;
      const directives = s.directives?.length ?? 0;
      if (s.kind === Kind.FIELD) {
        const name = s.name.value;
        const inside = introspection || INTROSPECTION_ROOTS.has(name);
        const child = s.selectionSet ? selections(s.selectionSet, inside) : NOTHING;
        m = {
          depth: inside ? 0 : child.depth + 1,
          aliases: child.aliases + (s.alias ? 1 : 0),
          directives: child.directives + directives,
          introspectionLists: child.introspectionLists + (introspection && INTROSPECTION_LISTS.has(name) ? 1 : 0),
        };
      } else {
        const inner = s.kind === Kind.INLINE_FRAGMENT ? selections(s.selectionSet, introspection) : fragment(s.name.value, introspection);
        m = { ...inner, directives: inner.directives + directives };
      }
      total.depth = Math.max(total.depth, m.depth);
      total.introspectionLists = Math.max(total.introspectionLists, m.introspectionLists);
      total.aliases += m.aliases;
      total.directives += m.directives;
    }
    return total;
  };

  const shape: QueryShape = { ...NOTHING, fields: 0 };
  for (const d of document.definitions) {
    if (d.kind !== Kind.OPERATION_DEFINITION) continue;
    const m = selections(d.selectionSet, false);
    shape.depth = Math.max(shape.depth, m.depth);
    shape.aliases = Math.max(shape.aliases, m.aliases);
    shape.directives = Math.max(shape.directives, m.directives + (d.directives?.length ?? 0));
    shape.introspectionLists = Math.max(shape.introspectionLists, m.introspectionLists);
  }
  visit(document, { Field: () => void (shape.fields += 1) });
  return shape;
}

/** The first limit the shape breaks, as the QUERY_TOO_COMPLEX error to send; null when it keeps them all. */
export function shapeProblem(shape: QueryShape, limits: QueryLimits): GraphQLError | null {
  if (shape.fields > limits.maxFields) {
    return queryTooComplex('fields', limits.maxFields, shape.fields, `The query has ${shape.fields} field selections; at most ${limits.maxFields} are allowed (field limit).`);
  }
  if (shape.depth > limits.maxDepth) {
    return queryTooComplex('depth', limits.maxDepth, shape.depth, `The query is ${shape.depth} fields deep; at most ${limits.maxDepth} are allowed (depth limit).`);
  }
  if (shape.aliases > limits.maxAliases) {
    return queryTooComplex('aliases', limits.maxAliases, shape.aliases, `The query uses ${shape.aliases} aliases (fragments counted each time they are spread); at most ${limits.maxAliases} are allowed (alias limit).`);
  }
  if (shape.directives > limits.maxDirectives) {
    return queryTooComplex('directives', limits.maxDirectives, shape.directives, `The query uses ${shape.directives} directives (fragments counted each time they are spread); at most ${limits.maxDirectives} are allowed (directive limit).`);
  }
  if (shape.introspectionLists > MAX_INTROSPECTION_LISTS) {
    return queryTooComplex('introspectionLists', MAX_INTROSPECTION_LISTS, shape.introspectionLists, `The introspection query nests ${shape.introspectionLists} lists (types, fields, args …); at most ${MAX_INTROSPECTION_LISTS} are allowed.`);
  }
  return null;
}
