import type { NextFunction, Request, Response } from 'express';
import { requestIdOf } from './http-context';

/** The same JSON `{ errors }` body with `extensions.requestId`; any other body as it is. */
function withRequestId(body: string, requestId: string): string {
  if (!body.startsWith('{')) return body;
  try {
    const parsed = JSON.parse(body) as { errors?: unknown; extensions?: Record<string, unknown> } | null;
    if (!parsed || !Array.isArray(parsed.errors) || parsed.extensions?.requestId) return body;
    return JSON.stringify({ ...parsed, extensions: { ...parsed.extensions, requestId } });
  } catch {
    return body;
  }
}

/**
 * Every response carries its request id: the x-request-id header, set here before any route runs,
 * and `extensions.requestId` in every JSON error body, also those written outside the GraphQL
 * pipeline (Apollo's HTTP-level 400s, and the 401, 404, 413, 415 and 429 of the HTTP layer), which
 * all leave through res.send. Successful GraphQL responses get it from src/server/app.ts's plugin.
 */
export function requestIds() {
  return (req: Request, res: Response, next: NextFunction): void => {
    const requestId = requestIdOf(req, res);
    const send = res.send.bind(res);
    res.send = ((body?: unknown) => send(typeof body === 'string' && res.statusCode >= 400 ? withRequestId(body, requestId) : body)) as Response['send'];
    next();
  };
}
