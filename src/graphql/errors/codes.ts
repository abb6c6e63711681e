import { GraphQLError } from 'graphql';

/** The stable error codes clients can rely on (in `errors[].extensions.code`). */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  /** No usable API key (sent by the HTTP layer with status 401, src/auth/authenticate.ts). */
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  /** The caller's key may not read or do this (src/auth/policy.ts). */
  FORBIDDEN = 'FORBIDDEN',
  /**
   * A write named a version the record no longer has. Mutations report it in the payload's
   * userErrors (with currentVersion), the CSV import with HTTP 409; listed here so the codes are one list.
   */
  CONFLICT = 'CONFLICT',
  /**
   * The query asks too much (depth, cost, aliases, directives, tokens or fields over their limit:
   * src/graphql/limits/); refused before anything runs, HTTP 400, `extensions.limit` names the limit.
   */
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  /** The caller's request budget is spent (HTTP 429 with Retry-After, src/server/rate-limit/). */
  RATE_LIMITED = 'RATE_LIMITED',
  /**
   * A database statement ran past STATEMENT_TIMEOUT_MS and was cancelled, or no database connection
   * became free within DB_CONNECTION_TIMEOUT_MS (then HTTP 503 with Retry-After). src/graphql/errors/database-fault.ts
   */
  TIMEOUT = 'TIMEOUT',
  /**
   * This instance cannot answer now (HTTP 503 with Retry-After): the database is unreachable or still
   * starting, or the instance is shutting down. Retry later, or on another instance.
   */
  UNAVAILABLE = 'UNAVAILABLE',
  INTERNAL = 'INTERNAL',
}

/** Bad arguments: says what is wrong and at which argument (`extensions.argument`). */
export function badInput(message: string, argument?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, ...(argument ? { argument } : {}) } });
}

/** The caller is known but its key may not do this (the reason comes from src/auth/policy.ts). */
export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN } });
}
