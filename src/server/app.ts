import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import express, { type Express } from 'express';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { ApiKeyCache } from '../auth/api-key-cache';
import { authenticate } from '../auth/authenticate';
import type { RequestContext } from '../graphql/context';
import { databaseFault, databaseFaultStatus } from '../graphql/errors/database-fault';
import { formatError, internalErrorLog } from '../graphql/errors/format-error';
import { messagesInCallersLanguage } from '../graphql/errors/message-language';
import { jitGateway } from '../graphql/jit-executor';
import { queryLimitsPlugin } from '../graphql/limits/limits.plugin';
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from '../graphql/limits/query-limits';
import { buildRegistrySchema } from '../modules/schema';
import { logger } from '../logger';
import { csvImportRouter } from '../modules/bulk-import/csv-import.router';
import { exportRouter } from '../modules/export/export.router';
import { dashboardRouter } from './dashboard/dashboard.router';
import { graphiqlRouter } from './graphiql';
import { apolloHandler, batchLimit, queryShapeLimit, requireJsonBody } from './graphql-http';
import { responseCache } from './response-cache';
import { readRouting } from './read-routing';
import { formatWalPosition, type ReadReplicas } from '../db/read-replicas';
import { healthRouter } from './health';
import { httpRequestContext, requestIds } from './http-context';
import { HttpError, sendError, sendHttpError } from './http-error';
import { Metrics, metricsRouter } from './metrics';
import { createRateLimiter, type RateLimitOptions } from './rate-limit/rate-limit';
import { graphqlOutcome, requestLog } from './request-log';
import { activeTracer, graphqlSpans, traceRequests } from './tracing';

/** Stable codes of the HTTP layer's refusals (the README's error table); other 4xx are BAD_REQUEST. */
const HTTP_CODES: Record<number, string> = { 404: 'NOT_FOUND', 413: 'PAYLOAD_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE' };

/** What the body parser found wrong, said plainly (its own text for a body too large is about bytes). */
function httpErrorMessage(err: Error & { type?: string; limit?: number }): string {
  if (err.type === 'entity.too.large') return `The request body is larger than ${Math.round((err.limit ?? 0) / 104_857.6) / 10} MB; send a smaller query, or bulk records in several requests.`;
  if (err.type === 'entity.parse.failed') return `The request body is not valid JSON: ${err.message.slice(0, 200)}`;
  return err.message;
}

export interface RegistryApp {
  app: Express;
  apollo: ApolloServer<RequestContext>;
  /** Callers of recently seen API keys (src/auth/api-key-cache.ts); closed when `apollo` stops. */
  apiKeys: ApiKeyCache;
}

/** Reports each response's request id and SQL statement count in `extensions`. */
const requestReport: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response }) {
        if (response.body.kind !== 'single') return;
        response.body.singleResult.extensions = {
          ...response.body.singleResult.extensions,
          requestId: contextValue.requestId,
          sqlStatements: contextValue.db.statements,
        };
      },
    };
  },
};

/**
 * With read replicas only (src/db/read-replicas.ts): a mutation reads from the primary, and an answer that wrote carries
 * its consistency token in `extensions`. Without replicas no request pays for these hooks.
 */
const readReplicaReport: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ contextValue, operation }) {
        if (operation?.operation === 'mutation') contextValue.db.reads?.writing();
      },
      async willSendResponse({ contextValue, response }) {
        const written = contextValue.db.reads?.committedAt;
        if (response.body.kind !== 'single' || !written) return;
        response.body.singleResult.extensions = { ...response.body.singleResult.extensions, consistencyToken: formatWalPosition(written) };
      },
    };
  },
};

export interface AppOptions {
  /** Refuse requests without an API key (NODE_ENV=production); otherwise they read as anonymous. */
  requireKey: boolean;
  /** Token buckets for /graphql, /export and /import; none when unset (the tests' default: they send many requests). */
  rateLimit?: RateLimitOptions | null;
  /** Where the request log lines go; the process's logger when unset. */
  logger?: Logger;
  /** Bearer token for GET /metrics; unset, it answers loopback clients only. */
  metricsToken?: string;
  /** Express's "trust proxy" (TRUST_PROXY): whose X-Forwarded-For names the client address. */
  trustProxy?: boolean | number | string;
  /** NODE_ENV=production: introspection and "Did you mean" suggestions only for ADMIN and ANALYST keys (src/auth/policy.ts). */
  production?: boolean;
  /** What one request may ask (QUERY_MAX_*); DEFAULT_QUERY_LIMITS when unset. */
  queryLimits?: QueryLimits;
  /** CSV and NDJSON downloads by COPY where the type allows (EXPORTS_BY_COPY); true when unset. */
  exportsByCopy?: boolean;
  /** Streaming replicas for reads (DATABASE_REPLICA_URLS, src/db/read-replicas.ts), started; none when unset. */
  replicas?: ReadReplicas | null;
}

/**
 * The one HTTP app: GraphiQL, the GraphQL API and the health endpoints share a port. `pool` is the
 * request pool (src/db/request-pool.ts); `dataSource` the owner's connection, for health checks.
 */
export async function createApp(dataSource: DataSource, pool: Pool, options: AppOptions = { requireKey: false }): Promise<RegistryApp> {
  const log = options.logger ?? logger;
  const metrics = new Metrics(pool, options.replicas ?? null);
  const reads = readRouting(options.replicas ?? null);
  const limiter = options.rateLimit ? await createRateLimiter(options.rateLimit, log, (budget) => metrics.refused(budget)) : null;
  const limit = limiter ? [limiter.middleware] : [];
  const queryLimits = options.queryLimits ?? DEFAULT_QUERY_LIMITS;
  const apollo = new ApolloServer<RequestContext>({
    // Queries run compiled by graphql-jit, supplied as Apollo's executor (src/graphql/jit-executor.ts).
    gateway: jitGateway(buildRegistrySchema()),
    formatError,
    // Who may introspect is the policy's call, per caller (src/graphql/limits/limits.plugin.ts).
    introspection: true,
    // No stack traces in any response; formatError masks what is not ours.
    includeStacktraceInErrorResponses: false,
    // Parsing stops at the token limit (QUERY_TOO_COMPLEX, from formatError).
    parseOptions: { maxTokens: queryLimits.maxTokens },
    allowBatchedHttpRequests: queryLimits.maxBatch > 0,
    // CSRF prevention guards cookie sessions; callers here authenticate with a Bearer header, which
    // a cross-site page cannot attach, and GET runs queries only. So BI tools and proxies may GET.
    csrfPrevention: false,
    // We drain and stop in our own SIGTERM handler (src/server/main.ts), in order.
    stopOnTerminationSignals: false,
    // Apollo's own landing page loads from a CDN; analysts get our offline GraphiQL instead.
    // graphqlOutcome feeds the request log; the limiter's Redis connection and the key cache's LISTEN connection close with the server.
    plugins: [ApolloServerPluginLandingPageDisabled(), ...(activeTracer() ? [graphqlSpans()] : []), requestReport, ...(options.replicas ? [readReplicaReport] : []), internalErrorLog, messagesInCallersLanguage, graphqlOutcome, databaseFaultStatus, queryLimitsPlugin(queryLimits, { production: options.production ?? false }), ...responseCache(), { serverWillStart: async () => ({ serverWillStop: async () => { await apiKeys.close(); await limiter?.close(); } }) }],
  });
  await apollo.start();
  // After start, which may throw: from here on apollo.stop() closes its LISTEN connection.
  const apiKeys = new ApiKeyCache(pool, log);
  const auth = authenticate(pool, options, apiKeys, limiter);

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy ?? false);
  app.use(requestIds());
  // With tracing on (OTEL_*: src/server/tracing.ts), each request is a span; off, nothing is added.
  if (activeTracer()) app.use(traceRequests());
  // GraphiQL answers a browser's GET /graphql; the API's route comes next, before the rest, as most requests are its.
  app.use(graphiqlRouter());
  app.use(
    '/graphql',
    requestLog('graphql', log, metrics),
    auth,
    ...limit,
    reads,
    requireJsonBody(),
    express.json({ limit: '1mb' }),
    batchLimit(queryLimits.maxBatch),
    queryShapeLimit(queryLimits),
    apolloHandler(apollo, async (req, res) => httpRequestContext(pool, req, res)),
  );
  app.use(healthRouter(dataSource));
  app.use(metricsRouter(metrics, options.metricsToken));
  app.use(dashboardRouter());
  app.use('/import', requestLog('import', log, metrics), auth, ...limit, reads, csvImportRouter(pool));
  app.use('/export', requestLog('export', log, metrics), auth, ...limit, reads, exportRouter(pool, { byCopy: options.exportsByCopy ?? true }));
  app.get('/', (_req, res) => res.redirect('/graphql'));
  app.use((req, res) => {
    sendError(res, 404, 'NOT_FOUND', `Nothing at ${req.method} ${req.path.slice(0, 100)}; the API is at /graphql.`);
  });
  app.use((err: Error & { status?: number; type?: string }, req: express.Request, res: express.Response, _next: express.NextFunction) => {
    // A refusal of ours (an import, an export) thrown on the way: answered as it says.
    if (err instanceof HttpError && !res.headersSent) return sendHttpError(res, err);
    // The database, not the request, failed (authentication, an import, an export): 503 with a stable code,
    // also for a statement timeout, as a REST answer has no partial data to carry the error.
    const fault = databaseFault(err);
    if (fault && !res.headersSent) return sendHttpError(res, new HttpError(503, fault.code, fault.message, {}, { 'retry-after': String(fault.retryAfter) }));
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) log.error({ err, requestId: res.locals.requestId, path: req.path }, 'unhandled error');
    sendError(res, status, HTTP_CODES[status] ?? (status === 500 ? 'INTERNAL' : 'BAD_REQUEST'), status === 500 ? 'Internal server error' : httpErrorMessage(err));
  });
  return { app, apollo, apiKeys };
}
