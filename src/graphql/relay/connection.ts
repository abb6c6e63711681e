// The types below are type-graphql classes, whose decorators need the metadata API loaded first (the executor imports this file early).
import 'reflect-metadata';
import { defaultFieldResolver, getNamedType, getNullableType, isObjectType, type GraphQLObjectType, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { collectSubfields } from 'graphql/execution/collectFields';
import { Field, Int, ObjectType, type ClassType } from 'type-graphql';
import type { PageRequest } from './page-args';
import { oncePerSelection } from '../selection-memo';

@ObjectType({ description: 'Where a page sits in the whole list (Relay PageInfo).' })
export class PageInfo {
  @Field({ description: 'More edges follow this page.' })
  hasNextPage: boolean;

  @Field({ description: 'More edges precede this page.' })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first edge of the page.' })
  startCursor: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge of the page; pass it as `after` for the next page.' })
  endCursor: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

/**
 * A connection as resolvers return it. Every part is a getter, read only when the client selects
 * it: `{ totalCount }` alone runs a COUNT and no page query, `{ nodes }` alone no COUNT.
 */
export interface ConnectionResult<T> {
  readonly totalCount: Promise<number>;
  readonly edges: Promise<Edge<T>[]>;
  readonly nodes: Promise<T[]>;
  readonly pageInfo: Promise<PageInfo>;
}

/** Defines `<Name>Connection` and `<Name>Edge` for an item type. */
export function Connection<T extends object>(Item: ClassType<T>, name: string, label: string) {
  @ObjectType(`${name}Edge`, { description: `One ${label} in a page, with its cursor.` })
  class EdgeType {
    @Field({ description: 'Opaque cursor of this edge, for `after`/`before`.' })
    cursor: string;

    @Field(() => Item, { description: `The ${label}.` })
    node: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${label} records (Relay connection).` })
  class ConnectionType {
    @Field(() => Int, { description: 'How many records match the filter, over all pages.' })
    totalCount: number;

    @Field(() => [EdgeType], { description: 'The page, each record with its cursor.' })
    edges: EdgeType[];

    @Field(() => [Item], { description: 'The page\'s records, without cursors.' })
    nodes: T[];

    @Field(() => PageInfo, { description: 'Paging information.' })
    pageInfo: PageInfo;
  }
  return ConnectionType;
}

/**
 * A page's rows as fetched (limit + 1 of them, in fetch order), with the cursor of each made only when
 * read. Rows, not edges: most clients select `nodes`, which is then the rows themselves, with no edge
 * object per row to make and collect (bench Q6, 100 enterprises: an edge per row was a sixth of what the
 * request allocated).
 */
export interface FetchedRows<T> {
  readonly rows: T[];
  cursorAt(index: number): string;
}

/** A page with no rows (a parent without children). */
export const NO_ROWS: FetchedRows<never> = Object.freeze({ rows: [] as never[], cursorAt: (index: number): never => { throw new RangeError(`no row ${index} in an empty page`); } });

/** One row of a page with its cursor, encoded if read. */
class FetchedEdge<T> implements Edge<T> {
  constructor(
    readonly node: T,
    private readonly fetched: FetchedRows<T>,
    private readonly index: number,
  ) {}

  get cursor(): string {
    return this.fetched.cursorAt(this.index);
  }
}

/** A page's info; its cursors are encoded only if read (most clients never ask for them). */
class FetchedPageInfo implements PageInfo {
  constructor(
    readonly hasNextPage: boolean,
    readonly hasPreviousPage: boolean,
    private readonly page: FetchedPage<unknown>,
  ) {}

  get startCursor(): string | null {
    return this.page.cursorAt(0);
  }

  get endCursor(): string | null {
    return this.page.cursorAt(this.page.nodes.length - 1);
  }
}

/**
 * The page the client sees of the rows fetched for it (limit + 1 of them, in fetch order): the first
 * `limit`, in the list's order (a backward page is fetched in reverse). `nodes` is the fetched array
 * itself when it needs no cut or turn; nothing changes it.
 */
class FetchedPage<T> {
  readonly nodes: T[];
  readonly pageInfo: PageInfo;
  private madeEdges: Edge<T>[] | undefined;

  constructor(
    private readonly fetched: FetchedRows<T>,
    private readonly request: PageRequest,
  ) {
    const { rows } = fetched;
    const more = rows.length > request.limit;
    const nodes = more ? rows.slice(0, request.limit) : rows;
    this.nodes = request.backward ? (more ? nodes : nodes.slice()).reverse() : nodes;
    const hasNextPage = request.backward ? request.cursor !== null : more;
    const hasPreviousPage = request.backward ? more : request.cursor !== null;
    this.pageInfo = new FetchedPageInfo(hasNextPage, hasPreviousPage, this);
  }

  /** Where the page's `index`-th row was fetched. */
  private fetchedIndex(index: number): number {
    return this.request.backward ? this.nodes.length - 1 - index : index;
  }

  /** The cursor of the page's `index`-th row; null past its ends (an empty page). */
  cursorAt(index: number): string | null {
    return index >= 0 && index < this.nodes.length ? this.fetched.cursorAt(this.fetchedIndex(index)) : null;
  }

  get edges(): Edge<T>[] {
    return (this.madeEdges ??= this.nodes.map((node, i) => new FetchedEdge(node, this.fetched, this.fetchedIndex(i))));
  }
}

/**
 * A connection whose page and count are fetched when first read. A class, not an object literal
 * with getters: V8 gives every such literal a map of its own (its getters are new closures each
 * time), maps live in the old generation, and through them each request's fetched rows would
 * survive every young-generation collection until a full one: a fifth of a list's CPU time.
 */
class LazyConnection<T> implements ConnectionResult<T> {
  private memo: Promise<FetchedPage<T>> | undefined;

  constructor(
    private readonly page: () => Promise<FetchedRows<T>>,
    private readonly count: () => Promise<number>,
    private readonly request: PageRequest,
  ) {}

  private load() {
    return (this.memo ??= this.page().then((fetched) => new FetchedPage(fetched, this.request)));
  }

  get totalCount() {
    return this.count();
  }

  get edges() {
    return this.load().then((p) => p.edges);
  }

  get nodes() {
    return this.load().then((p) => p.nodes);
  }

  get pageInfo() {
    return this.load().then((p) => p.pageInfo);
  }
}

/** Turns the rows fetched for a page (limit + 1 of them, in fetch order) into a lazy connection. */
export function toConnection<T>(page: () => Promise<FetchedRows<T>>, count: () => Promise<number>, request: PageRequest): ConnectionResult<T> {
  return new LazyConnection(page, count, request);
}

/**
 * A connection whose page and count were fetched with its parent (src/registry/fold-planner.ts): plain
 * values rather than promises, so graphql-js completes it without waiting on anything. Only what
 * the client selected was fetched, and only that is read.
 */
export class FetchedConnection<T> {
  totalCount: number | undefined;
  private page: FetchedPage<T> | undefined;

  constructor(private readonly request: PageRequest) {}

  setPage(fetched: FetchedRows<T>): void {
    this.page = new FetchedPage(fetched, this.request);
  }

  get edges(): Edge<T>[] | undefined {
    return this.page?.edges;
  }

  get nodes(): T[] | undefined {
    return this.page?.nodes;
  }

  get pageInfo(): PageInfo | undefined {
    return this.page?.pageInfo;
  }
}

/** The parts of a connection: every connection type has them (Connection above), and nothing else has them all. */
const PARTS = ['totalCount', 'edges', 'nodes', 'pageInfo'] as const;
type Part = (typeof PARTS)[number];

function isConnectionType(type: unknown): boolean {
  return isObjectType(type) && PARTS.every((part) => part in type.getFields());
}

/** The connection parts the query selects under `info`'s field (aliases, fragments, @skip/@include as execution sees them). */
function selectedParts(info: GraphQLResolveInfo, connection: GraphQLObjectType): Part[] {
  return oncePerSelection(info, 'connection parts', () => {
    const names = new Set([...collectSubfields(info.schema, info.fragments, info.variableValues, connection, info.fieldNodes).values()].map((nodes) => nodes[0].name.value));
    return PARTS.filter((part) => names.has(part));
  });
}

/** A lazy connection with the parts selected under `info` fetched, as plain values; any other value as it is (a folded connection's are plain already). */
function settled(value: unknown, info: GraphQLResolveInfo): unknown {
  if (!(value instanceof LazyConnection)) return value;
  const connection = value as LazyConnection<unknown>;
  const parts = selectedParts(info, getNamedType(info.returnType) as GraphQLObjectType);
  const answer: Partial<Record<Part, unknown>> = {};
  return Promise.all(parts.map((part) => (connection[part] as Promise<unknown>).then((v) => (answer[part] = v)))).then(() => answer);
}

const settledSchemas = new WeakSet<GraphQLSchema>();

/**
 * Every field returning a connection answers it with the parts the query selects already fetched, so that a
 * connection's parts are plain values, never promises (a folded connection's are: fold-planner.ts). graphql-jit
 * then reads them as properties (src/graphql/jit-executor.ts) instead of calling a resolver for each part of
 * each connection: under a list, two per parent row (bench Q3, 100 enterprises each with a page of contracts
 * and a count of studios: 200 resolver calls, each with a resolve info of its own). Called once on the built
 * schema, after the folded fields are wrapped (answerFoldedFields); the parts run their statements at once, as
 * their own resolvers did.
 */
export function settleConnections(schema: GraphQLSchema): void {
  if (settledSchemas.has(schema)) return;
  settledSchemas.add(schema);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (!isConnectionType(getNullableType(field.type))) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context, info) => {
        const value = resolve(source, args, context, info);
        return typeof (value as PromiseLike<unknown> | null)?.then === 'function' ? Promise.resolve(value).then((v) => settled(v, info)) : settled(value, info);
      };
    }
  }
}

/**
 * Whether a type's fields hold plain values on every value the schema's resolvers give it: a connection's,
 * its edges' and PageInfo's, once the schema's connections are settled (settleConnections).
 */
export function holdsPlainValues(schema: GraphQLSchema, type: GraphQLObjectType): boolean {
  if (!settledSchemas.has(schema)) return false;
  if (isConnectionType(type)) return true;
  const fields = type.getFields();
  return type.name === 'PageInfo' || (type.name.endsWith('Edge') && Object.keys(fields).length === 2 && 'cursor' in fields && 'node' in fields);
}
