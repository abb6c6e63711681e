import { ArgsType, Field, Int } from 'type-graphql';
import { badInput } from '../errors/codes';
import { decodeCursor, type CursorPosition, type CursorTypes } from './cursor';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** Relay paging arguments shared by every connection field. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `Page forward: at most this many edges after \`after\` (0 to ${MAX_PAGE_SIZE}; default ${DEFAULT_PAGE_SIZE}).` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Page forward: the edges after this cursor.' })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: `Page backward: at most this many edges before \`before\` (0 to ${MAX_PAGE_SIZE}).` })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Page backward: the edges before this cursor.' })
  before?: string | null;
}

/** A validated page request: which way, how many, from where. */
export interface PageRequest {
  backward: boolean;
  limit: number;
  cursor: CursorPosition | null;
}

/** A page size in 0…MAX_PAGE_SIZE, or BAD_USER_INPUT naming the argument. */
function pageSize(value: number, argument: string): number {
  if (!Number.isInteger(value) || value < 0 || value > MAX_PAGE_SIZE) {
    throw badInput(`'${argument}' must be between 0 and ${MAX_PAGE_SIZE}, got ${value}; page through larger results with cursors`, argument);
  }
  return value;
}

/**
 * How many edges a page asks for: `first` or `last`, each checked (0…MAX_PAGE_SIZE, else
 * BAD_USER_INPUT naming it), DEFAULT_PAGE_SIZE when neither is given. The one rule for the
 * resolvers (toPageRequest) and the cost walk before execution (src/graphql/limits/query-cost.ts);
 * given both, the larger, which the cost walk counts and toPageRequest refuses first.
 */
export function requestedLimit(args: Pick<PageArgs, 'first' | 'last'>): number {
  const first = args.first != null ? pageSize(args.first, 'first') : null;
  const last = args.last != null ? pageSize(args.last, 'last') : null;
  return first == null && last == null ? DEFAULT_PAGE_SIZE : Math.max(first ?? 0, last ?? 0);
}

export function toPageRequest(args: PageArgs, order: string, types?: CursorTypes): PageRequest {
  const { first, after, last, before } = args;
  if (first != null && last != null) throw badInput("use either 'first' or 'last', not both", 'last');
  if (after != null && before != null) throw badInput("use either 'after' or 'before', not both", 'before');
  if (first != null && before != null) throw badInput("'first' pages forward and cannot be combined with 'before'", 'before');
  if (last != null && after != null) throw badInput("'last' pages backward and cannot be combined with 'after'", 'after');
  const backward = last != null || before != null;
  const limit = requestedLimit(args);
  if (backward) return { backward, limit, cursor: before != null ? decodeCursor(before, order, 'before', types) : null };
  return { backward, limit, cursor: after != null ? decodeCursor(after, order, 'after', types) : null };
}
