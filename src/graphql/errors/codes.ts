import { GraphQLError } from 'graphql';

/** The stable error codes clients can rely on (in `errors[].extensions.code`). */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  /** No usable API key (sent by the HTTP layer with status 401, src/auth/authenticate.ts). */
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  /** The caller's key may not read or do this (src/auth/policy.ts). */
  FORBIDDEN = 'FORBIDDEN',
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
