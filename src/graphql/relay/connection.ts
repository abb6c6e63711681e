import { Field, Int, ObjectType, type ClassType } from 'type-graphql';
import type { PageRequest } from './page-args';

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

/** A page's info; its cursors are encoded only if read (most clients never ask for them). */
class FetchedPageInfo<T> implements PageInfo {
  constructor(
    readonly hasNextPage: boolean,
    readonly hasPreviousPage: boolean,
    private readonly edges: Edge<T>[],
  ) {}

  get startCursor(): string | null {
    return this.edges[0]?.cursor ?? null;
  }

  get endCursor(): string | null {
    return this.edges[this.edges.length - 1]?.cursor ?? null;
  }
}

/** The page the client sees of the edges fetched for it (limit + 1 of them, in fetch order). */
function pageOfFetched<T>(fetched: Edge<T>[], request: PageRequest): { edges: Edge<T>[]; pageInfo: PageInfo } {
  const more = fetched.length > request.limit;
  const edges = fetched.slice(0, request.limit);
  if (request.backward) edges.reverse();
  const hasNextPage = request.backward ? request.cursor !== null : more;
  const hasPreviousPage = request.backward ? more : request.cursor !== null;
  return { edges, pageInfo: new FetchedPageInfo(hasNextPage, hasPreviousPage, edges) };
}

/**
 * A connection whose page and count are fetched when first read. A class, not an object literal
 * with getters: V8 gives every such literal a map of its own (its getters are new closures each
 * time), maps live in the old generation, and through them each request's fetched rows would
 * survive every young-generation collection until a full one: a fifth of a list's CPU time.
 */
class LazyConnection<T> implements ConnectionResult<T> {
  private memo: Promise<{ edges: Edge<T>[]; pageInfo: PageInfo }> | undefined;

  constructor(
    private readonly page: () => Promise<Edge<T>[]>,
    private readonly count: () => Promise<number>,
    private readonly request: PageRequest,
  ) {}

  private load() {
    return (this.memo ??= this.page().then((fetched) => pageOfFetched(fetched, this.request)));
  }

  get totalCount() {
    return this.count();
  }

  get edges() {
    return this.load().then((p) => p.edges);
  }

  get nodes() {
    return this.load().then((p) => p.edges.map((e) => e.node));
  }

  get pageInfo() {
    return this.load().then((p) => p.pageInfo);
  }
}

/** Turns the edges fetched for a page (limit + 1 of them, in fetch order) into a lazy connection. */
export function toConnection<T>(page: () => Promise<Edge<T>[]>, count: () => Promise<number>, request: PageRequest): ConnectionResult<T> {
  return new LazyConnection(page, count, request);
}

/**
 * A connection whose page and count were fetched with its parent (src/registry/fold-planner.ts): plain
 * values rather than promises, so graphql-js completes it without waiting on anything. Only what
 * the client selected was fetched, and only that is read.
 */
export class FetchedConnection<T> {
  totalCount: number | undefined;
  private page: { edges: Edge<T>[]; pageInfo: PageInfo } | undefined;

  constructor(private readonly request: PageRequest) {}

  setPage(fetched: Edge<T>[]): void {
    this.page = pageOfFetched(fetched, this.request);
  }

  get edges(): Edge<T>[] | undefined {
    return this.page?.edges;
  }

  get nodes(): T[] | undefined {
    return this.page?.edges.map((e) => e.node);
  }

  get pageInfo(): PageInfo | undefined {
    return this.page?.pageInfo;
  }
}
