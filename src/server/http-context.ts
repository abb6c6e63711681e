import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Pool } from 'pg';
import { ANONYMOUS, type Caller } from '../auth/caller';
import { createRequestContext, type RequestContext } from '../graphql/context';

/**
 * The request's id, settled once per request and echoed in `x-request-id`: the caller's own
 * (up to 100 characters, so a proxy's id joins the logs up) or a new UUID.
 */
export function requestIdOf(req: Request, res: Response): string {
  if (typeof res.locals.requestId === 'string') return res.locals.requestId;
  const requestId = (req.header('x-request-id') || '').slice(0, 100) || randomUUID();
  res.locals.requestId = requestId;
  res.setHeader('x-request-id', requestId);
  return requestId;
}

/**
 * The request context of an HTTP request (caller from authenticate(), its id), kept on
 * res.locals so that the request's log line and metrics can read what it did (request-log.ts).
 */
export function httpRequestContext(pool: Pool, req: Request, res: Response): RequestContext {
  const context = createRequestContext(pool, requestIdOf(req, res), (res.locals.caller as Caller | undefined) ?? ANONYMOUS);
  res.locals.requestContext = context;
  return context;
}
