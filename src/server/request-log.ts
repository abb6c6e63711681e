import type { ApolloServerPlugin } from '@apollo/server';
import type { NextFunction, Request, Response } from 'express';
import { readsOf } from './read-routing';
import type { Logger } from 'pino';
import type { Caller } from '../auth/caller';
import type { RequestContext } from '../graphql/context';
import { requestIdOf } from './http-context';
import { errorCodesOf } from './http-error';
import type { Metrics, RequestObservation } from './metrics';
import { traceIdOf } from './tracing';

/**
 * Fills the request context's `outcome` with what only GraphQL knows: the operation's name and the
 * errors' codes. Request-level hooks only (no per-field hooks, which would cost on every field).
 */
export const graphqlOutcome: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, operationName, response }) {
        contextValue.outcome.operationNames.push(operationName ?? null);
        contextValue.outcome.queryCost += contextValue.queryCost;
        if (response.body.kind !== 'single') return;
        for (const error of response.body.singleResult.errors ?? []) {
          if (typeof error.extensions?.code === 'string') contextValue.outcome.errorCodes.push(error.extensions.code);
        }
      },
    };
  },
};

/**
 * One JSON log line per API request, written when the response has gone (or the client has gone),
 * and the same facts to the metrics. It holds no personal data and nothing a client sent as a value:
 * no variables, query text, query string, headers or addresses; ids, names, counts and codes only.
 */
export function requestLog(route: RequestObservation['route'], log: Logger, metrics: Metrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    const requestId = requestIdOf(req, res);

    let written = false;
    const write = () => {
      if (written) return;
      written = true;
      const durationSeconds = Number(process.hrtime.bigint() - started) / 1e9;
      const context = res.locals.requestContext as RequestContext | undefined;
      const caller = (context?.caller ?? res.locals.caller) as Caller | undefined;
      const operationNames = context?.outcome.operationNames ?? [];
      // The HTTP layer's refusals (401, 429, 413, an export's 400, Apollo's own 400s), which no GraphQL
      // plugin sees, are recorded where they are written (src/server/http-error.ts); GraphQL's in the outcome.
      const errorCodes = [...new Set([...errorCodesOf(res), ...(context?.outcome.errorCodes ?? [])])];
      const sqlStatements = context ? context.db.statements : null;
      // With read replicas: which server the request read from, and why (src/db/read-replicas.ts).
      const read = readsOf(res)?.taken;
      metrics.observe({ route, operationName: operationNames[0] ?? null, status: res.statusCode, durationSeconds, sqlStatements, errorCodes });
      // At LOG_LEVEL=warn and above only failures are logged: no line is built for the rest.
      if (res.statusCode < 500 && !log.isLevelEnabled('info')) return;
      const line = {
        requestId,
        method: req.method,
        path: req.originalUrl.split('?')[0].slice(0, 200),
        status: res.statusCode,
        durationMs: Math.round(durationSeconds * 10_000) / 10,
        apiKeyId: caller?.kind === 'key' ? caller.apiKeyId : null,
        role: caller ? (caller.kind === 'key' ? caller.role : 'ANONYMOUS') : null,
        operationName: operationNames.filter((n) => n !== null).join(',') || null,
        sqlStatements,
        queryCost: context ? context.outcome.queryCost : null,
        errorCodes,
        ...(read ? { readFrom: read.server, readReason: read.reason } : {}),
        // The trace this request belongs to: its span's with tracing on, else the caller's traceparent, for joining logs up.
        traceId: (res.locals.traceId as string | undefined) ?? traceIdOf(req.header('traceparent')),
        ...(res.writableFinished ? {} : { aborted: true }),
      };
      if (res.statusCode >= 500) log.error(line, 'request');
      else log.info(line, 'request');
    };
    res.once('finish', write);
    res.once('close', write);
    next();
  };
}
