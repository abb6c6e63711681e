import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError } from 'graphql';
import { logger } from '../../logger';
import type { RequestContext } from '../context';
import { ErrorCode } from './codes';
import { databaseFaultOf } from '../../db/faults';
import { databaseFault } from './database-fault';

// graphql's parse stops at `maxTokens` (src/server/app.ts) with a syntax error; it is a limit, and says so.
const TOKEN_LIMIT = /^Syntax Error: Document contains more tha[nt] (\d+) tokens/; // graphql 16 writes 'that'

/**
 * Errors we raise on purpose (GraphQLError with a code) and GraphQL's own validation errors reach
 * the client as they are; database faults get their stable code (TIMEOUT, UNAVAILABLE);
 * anything else is masked, so no SQL or stack leaks out (and logged by internalErrorLog).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const tokens = original instanceof GraphQLError ? TOKEN_LIMIT.exec(original.message) : null;
  if (tokens) {
    const maximum = Number(tokens[1]);
    return { message: `The query has more than ${maximum} tokens; at most ${maximum} are allowed (token limit).`, extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, limit: 'tokens', maximum } };
  }
  if (original instanceof GraphQLError && original.extensions?.code) {
    // Apollo's own `http` extension (status, headers) has already been applied to the response; not for clients.
    const { http: _http, ...extensions } = original.extensions;
    return { ...formatted, extensions: { ...formatted.extensions, ...extensions, stacktrace: undefined } };
  }
  const code = formatted.extensions?.code;
  if (code && code !== 'INTERNAL_SERVER_ERROR') {
    return { ...formatted, extensions: { code } };
  }
  // A slow statement, a full pool or a lost database: a stable code and what to do, not INTERNAL.
  const fault = databaseFault(original);
  if (fault) return { message: fault.message, locations: formatted.locations, path: formatted.path, extensions: { code: fault.code } };
  return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: ErrorCode.INTERNAL } };
}

/** What formatError masks as INTERNAL: not ours, not GraphQL's own, not a database fault. */
function isInternal(error: GraphQLError): boolean {
  const original = unwrapResolverError(error);
  if (original instanceof GraphQLError && (original.extensions?.code || TOKEN_LIMIT.test(original.message))) return false;
  const code = error.extensions?.code;
  if (code && code !== 'INTERNAL_SERVER_ERROR') return false;
  // databaseFaultOf, not databaseFault: formatError logs the fault; asking here must not log it again.
  return !databaseFaultOf(original);
}

/** Logs each error that reaches the client as INTERNAL, with the request id the client sees, so the two can be matched. */
export const internalErrorLog: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ contextValue, errors }) {
        for (const error of errors) {
          if (isInternal(error)) logger.error({ err: unwrapResolverError(error), path: error.path, requestId: contextValue.requestId }, 'internal error');
        }
      },
    };
  },
};
