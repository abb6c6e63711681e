import { randomUUID } from 'node:crypto';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express } from 'express';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { ANONYMOUS, type Caller } from '../auth/caller';
import { authenticate } from '../auth/authenticate';
import { createRequestContext, type RequestContext } from '../graphql/context';
import { formatError } from '../graphql/errors/format-error';
import { buildRegistrySchema } from '../graphql/schema';
import { logger } from '../logger';
import { csvImportRouter } from '../modules/bulk-import/csv-import.router';
import { exportRouter } from '../modules/export/export.router';
import { dashboardRouter } from './dashboard/dashboard.router';
import { graphiqlRouter } from './graphiql';
import { responseCache } from './response-cache';
import { healthRouter } from './health';

export interface RegistryApp {
  app: Express;
  apollo: ApolloServer<RequestContext>;
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

export interface AppOptions {
  /** Refuse requests without an API key (NODE_ENV=production); otherwise they read as anonymous. */
  requireKey: boolean;
}

/**
 * The one HTTP app: GraphiQL, the GraphQL API and the health endpoints share a port. `pool` is the
 * request pool (src/db/request-pool.ts); `dataSource` the owner's connection, for health checks.
 */
export async function createApp(dataSource: DataSource, pool: Pool, options: AppOptions = { requireKey: false }): Promise<RegistryApp> {
  const apollo = new ApolloServer<RequestContext>({
    schema: buildRegistrySchema(),
    formatError,
    introspection: true,
    // CSRF prevention guards cookie sessions; callers here authenticate with a Bearer header, which
    // a cross-site page cannot attach, and GET runs queries only. So BI tools and proxies may GET.
    csrfPrevention: false,
    // We drain and stop in our own SIGTERM handler (src/server/main.ts), in order.
    stopOnTerminationSignals: false,
    // Apollo's own landing page loads from a CDN; analysts get our offline GraphiQL instead.
    plugins: [ApolloServerPluginLandingPageDisabled(), requestReport, ...responseCache()],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.use(healthRouter(dataSource));
  app.use(graphiqlRouter());
  app.use(dashboardRouter());
  app.use(
    '/graphql',
    authenticate(pool, options),
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const requestId = (req.header('x-request-id') || '').slice(0, 100) || randomUUID();
        res.setHeader('x-request-id', requestId);
        return createRequestContext(pool, requestId, (res.locals.caller as Caller | undefined) ?? ANONYMOUS);
      },
    }),
  );
  app.use('/import', authenticate(pool, options), csvImportRouter(pool));
  app.use('/export', authenticate(pool, options), exportRouter(pool));
  app.get('/', (_req, res) => res.redirect('/graphql'));
  app.use((err: Error & { status?: number; type?: string }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) logger.error({ err }, 'unhandled error');
    res.status(status).json({ errors: [{ message: status === 500 ? 'Internal server error' : err.message, extensions: { code: status === 500 ? 'INTERNAL' : 'BAD_REQUEST' } }] });
  });
  return { app, apollo };
}
