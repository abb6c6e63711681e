import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Pool } from 'pg';
import { prefersChinese } from '../graphql/errors/chinese-messages';
import { ANONYMOUS, type Caller } from '../auth/caller';
import { createRequestContext, type RequestContext } from '../graphql/context';
import { readsOf } from './read-routing';

/** The caller's own id (up to 100 characters, so that a proxy's id joins the logs up) or a new UUID. */
export function requestIdFrom(header: string | string[] | undefined): string {
  return String(header ?? '').slice(0, 100) || randomUUID();
}

/** The request's id, settled once per request and echoed in `x-request-id`. */
export function requestIdOf(req: Request, res: Response): string {
  if (typeof res.locals.requestId === 'string') return res.locals.requestId;
  const requestId = requestIdFrom(req.headers['x-request-id']);
  res.locals.requestId = requestId;
  res.setHeader('x-request-id', requestId);
  return requestId;
}

/**
 * Every response carries its id in x-request-id, set here before any route runs; error bodies carry
 * it as `extensions.requestId` (src/server/http-error.ts, and Apollo's through its plugin or graphql-http.ts).
 */
export function requestIds() {
  return (req: Request, res: Response, next: NextFunction): void => {
    requestIdOf(req, res);
    next();
  };
}

/**
 * The request context of an HTTP request (caller from authenticate(), its id, where its reads go), kept on
 * res.locals so that the request's log line and metrics can read what it did (request-log.ts).
 */
export function httpRequestContext(pool: Pool, req: Request, res: Response): RequestContext {
  const language = prefersChinese(req.header('accept-language')) ? 'zh' : 'en';
  const context = createRequestContext(pool, requestIdOf(req, res), (res.locals.caller as Caller | undefined) ?? ANONYMOUS, (res.locals.apiKey as string | null) ?? null, language);
  // With read replicas, its reads go where read-routing.ts chose (src/db/read-replicas.ts).
  context.db.reads = readsOf(res);
  res.locals.requestContext = context;
  return context;
}
