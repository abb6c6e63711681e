import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError } from 'graphql';
import { logger } from '../../logger';
import { ErrorCode } from './codes';

/**
 * Errors we raise on purpose (GraphQLError with a code) and GraphQL's own validation errors reach
 * the client as they are; anything else is logged and masked, so no SQL or stack leaks out.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof GraphQLError && original.extensions?.code) {
    // Apollo's own `http` extension (status, headers) has already been applied to the response; not for clients.
    const { http: _http, ...extensions } = original.extensions;
    return { ...formatted, extensions: { ...formatted.extensions, ...extensions, stacktrace: undefined } };
  }
  const code = formatted.extensions?.code;
  if (code && code !== 'INTERNAL_SERVER_ERROR') {
    return { ...formatted, extensions: { code } };
  }
  logger.error({ err: original, path: formatted.path }, 'internal error');
  return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: ErrorCode.INTERNAL } };
}
