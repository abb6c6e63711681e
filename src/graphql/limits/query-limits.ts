import { GraphQLError } from 'graphql';
import { ErrorCode } from '../errors/codes';

/** What one request may ask (QUERY_MAX_* in src/config.ts; the README's "Limits" section). */
export interface QueryLimits {
  /** Deepest nesting of fields, a root field being 1 (introspection is bounded on its own). */
  maxDepth: number;
  /** Budget of the cost computed by src/graphql/limits/query-cost.ts. */
  maxCost: number;
  /** Aliases in the operation, a fragment counted each time it is spread. */
  maxAliases: number;
  /** Directives in the operation, counted as aliases are. */
  maxDirectives: number;
  /** Lexical tokens of the query text (graphql's parse `maxTokens`): parsing stops there. */
  maxTokens: number;
  /** Field selections written in the document: validation time grows with their square. */
  maxFields: number;
  /** Operations in one batched (JSON array) request; 0 refuses batches. */
  maxBatch: number;
}

export const DEFAULT_QUERY_LIMITS: Readonly<QueryLimits> = {
  maxDepth: 10,
  maxCost: 5000,
  maxAliases: 30,
  maxDirectives: 50,
  maxTokens: 5000,
  maxFields: 500,
  maxBatch: 0,
};

/** Inside `__schema` / `__type`: at most this many nested lists (types → fields → args, as GraphiQL asks). */
export const MAX_INTROSPECTION_LISTS = 3;

export type LimitName = 'depth' | 'cost' | 'aliases' | 'directives' | 'tokens' | 'fields' | 'introspectionLists';

/**
 * QUERY_TOO_COMPLEX, refused before anything runs (HTTP 400), naming the limit, the maximum and
 * what the query asked (`extensions.limit`, `.maximum`, `.actual`).
 */
export function queryTooComplex(limit: LimitName, maximum: number, actual: number, message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, limit, maximum, actual, http: { status: 400 } },
  });
}
