import { GraphQLError } from 'graphql';

/** The stable error codes clients can rely on (in `errors[].extensions.code`). */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  INTERNAL = 'INTERNAL',
}

/** Bad arguments: says what is wrong and at which argument (`extensions.argument`). */
export function badInput(message: string, argument?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, ...(argument ? { argument } : {}) } });
}
