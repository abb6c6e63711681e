import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { policy } from '../../auth/policy';
import type { RequestContext } from '../context';
import { ErrorCode } from '../errors/codes';
import { HEAVY_SCAN, operationCost } from './query-cost';
import { queryTooComplex, type QueryLimits } from './query-limits';

// graphql-js ends a message with its suggestions: ' Did you mean "a", "b", or "c"?'
const SUGGESTIONS = / ?Did you mean [\s\S]+\?$/;

/** The message without its "Did you mean …?" (which would reveal field, type and enum names). */
export const withoutSuggestions = (message: string): string => message.replace(SUGGESTIONS, '');

/** A pre-execution refusal keeps its code and gets an HTTP status (Apollo answers 500 otherwise). */
function withStatus(error: unknown, status: number): unknown {
  if (!(error instanceof GraphQLError) || error.extensions.http) return error;
  return new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status } } });
}

/**
 * The limits on what a request may ask (src/graphql/limits/query-limits.ts) that need the operation,
 * checked before it runs, and who may explore the schema (src/auth/policy.ts):
 * - the operation's cost with the request's variables (reported as `extensions.cost` and kept as
 *   ctx.queryCost for the request log), its page sizes and its argument text; an operation that
 *   reads whole tables enough (HEAVY_SCAN) is marked heavy, for the pool's heavy lane;
 * - introspection and "Did you mean" suggestions only for those the policy lets explore the schema.
 * The document's shape is checked before GraphQL parses it for good (src/server/graphql-http.ts), and
 * the token limit is graphql's own (`parseOptions.maxTokens`, set in src/server/app.ts).
 */
export function queryLimitsPlugin(limits: QueryLimits, options: { production: boolean }): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      const mayExplore = policy.mayExploreSchema(contextValue.caller, options.production);
      let cost: number | undefined;
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return; // Apollo reports the missing operation itself
          let measured;
          try {
            measured = operationCost(schema, document, operation, request.variables);
          } catch (error) {
            throw withStatus(error, 400);
          }
          if (measured.introspection && !mayExplore) {
            throw new GraphQLError('Introspection (__schema, __type) is open to ADMIN and ANALYST keys only.', {
              extensions: { code: ErrorCode.FORBIDDEN, http: { status: 403 } },
            });
          }
          cost = measured.cost;
          contextValue.queryCost += cost;
          // A heavy operation's statements wait for room in the heavy lane (src/db/request-bounds.ts).
          if (measured.scan >= HEAVY_SCAN) contextValue.db.heavy = true;
          if (cost > limits.maxCost) {
            throw queryTooComplex(
              'cost',
              limits.maxCost,
              cost,
              `The query costs ${cost}; at most ${limits.maxCost} is allowed (cost limit). Ask for smaller pages (first/last), fewer nested lists or fewer fields returning objects.`,
            );
          }
        },

        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (cost !== undefined && cost <= limits.maxCost) result.extensions = { ...result.extensions, cost };
          if (!mayExplore && result.errors) {
            result.errors = result.errors.map((e) => ({ ...e, message: withoutSuggestions(e.message) }));
          }
        },
      };
    },
  };
}
