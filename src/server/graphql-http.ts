import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type { NextFunction, Request, Response } from 'express';
import { parse, type DocumentNode } from 'graphql';
import type { QueryLimits } from '../graphql/limits/query-limits';
import { measureQueryShape, shapeProblem } from '../graphql/limits/query-shape';
import { requestIdOf } from './http-context';
import { recordErrorCodes, sendError } from './http-error';

/** A POST to /graphql must be JSON: anything else is refused with 415 before its body is read. */
export function requireJsonBody() {
  return (req: Request, res: Response, next: NextFunction): void => {
    const type = (req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
    if (req.method !== 'POST' || type === 'application/json') return next();
    sendError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', `Send GraphQL requests as Content-Type: application/json (got ${type ? `'${type.slice(0, 60)}'` : 'none'}).`);
  };
}

/**
 * A JSON array of operations (a batch) is refused unless QUERY_MAX_BATCH allows batches, and then
 * up to that many operations; each operation still keeps every query limit on its own.
 */
export function batchLimit(maxBatch: number) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!Array.isArray(req.body)) return next();
    if (maxBatch === 0) {
      return sendError(res, 400, 'BAD_REQUEST', 'Batched requests (a JSON array of operations) are not accepted; send one operation per request.');
    }
    if (req.body.length > maxBatch) {
      return sendError(res, 400, 'BAD_REQUEST', `A batch may hold at most ${maxBatch} operations; this one has ${req.body.length}.`);
    }
    next();
  };
}

/** The two media types a GraphQL-over-HTTP response may have, in Apollo's order of preference. */
const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json';
const MEDIA_TYPES = ['application/json', GRAPHQL_RESPONSE_JSON];

/**
 * The GraphQL-over-HTTP specification's statuses for a request error (a document that does not parse or
 * validate, variables that do not coerce, a query over a limit, introspection refused): a client that takes
 * `application/graphql-response+json` gets the 4xx, one that takes `application/json` (or sends no Accept,
 * as the specification says to read it) gets 200 with the errors, as older clients (Apollo Client) expect.
 * Refusals of the HTTP request itself (not JSON, no query, too large, no key, too many) keep their 4xx.
 */
export function requestErrorStatus(req: Request, status: number): number {
  return takesGraphQLResponse(req) ? status : 200;
}

/** Whether the client prefers `application/graphql-response+json` (no Accept reads as `application/json`). */
const takesGraphQLResponse = (req: Request) => req.accepts(MEDIA_TYPES) === GRAPHQL_RESPONSE_JSON;

/** Codes of refusals of the HTTP request, not of its GraphQL document: these keep their status for every media type. */
const HTTP_REQUEST_CODES = new Set(['BAD_REQUEST', 'UNAUTHENTICATED', 'RATE_LIMITED', 'UNAVAILABLE', 'TIMEOUT', 'INTERNAL', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE']);

const MAX_REMEMBERED_QUERIES = 1000;
const MAX_REMEMBERED_QUERY_CHARS = 20_000;

/** The query text of a GET or of one POSTed operation; a parse error is left for Apollo to report. */
function documentOf(query: unknown, maxTokens: number): DocumentNode | null {
  if (typeof query !== 'string') return null;
  try {
    return parse(query, { maxTokens, noLocation: true });
  } catch {
    return null;
  }
}

/**
 * The document's shape (depth, aliases, directives, fields, introspection: src/graphql/limits/query-shape.ts)
 * is checked here, at the door, because it must be before graphql validates: validation's
 * overlapping-fields check grows with the square of repeated fields, and Apollo has no hook before
 * validation whose refusal it answers as one. Refused: 400 QUERY_TOO_COMPLEX, naming the limit.
 */
export function queryShapeLimit(limits: QueryLimits) {
  // Clients repeat the same few query texts: each is parsed and measured once, not on every request.
  const verdicts = new Map<string, ReturnType<typeof shapeProblem> | null>();
  const verdictOf = (query: unknown) => {
    const known = typeof query === 'string' ? verdicts.get(query) : undefined;
    if (known !== undefined) return known;
    const document = documentOf(query, limits.maxTokens);
    const problem = (document && shapeProblem(measureQueryShape(document), limits)) || null;
    if (typeof query === 'string' && query.length <= MAX_REMEMBERED_QUERY_CHARS) {
      if (verdicts.size >= MAX_REMEMBERED_QUERIES) verdicts.clear();
      verdicts.set(query, problem);
    }
    return problem;
  };
  return (req: Request, res: Response, next: NextFunction): void => {
    const operations: unknown[] = req.method === 'GET' ? [req.query] : Array.isArray(req.body) ? req.body : [req.body];
    for (const [i, operation] of operations.entries()) {
      const problem = verdictOf((operation as { query?: unknown } | null)?.query);
      if (!problem) continue;
      const { http: _http, code, ...extensions } = problem.extensions;
      const where = operations.length > 1 ? `Operation ${i + 1} of the batch: ` : '';
      if (takesGraphQLResponse(req)) res.type(GRAPHQL_RESPONSE_JSON);
      return sendError(res, requestErrorStatus(req, 400), String(code), `${where}${problem.message}`, extensions);
    }
    next();
  };
}

/**
 * An error body of Apollo's, parsed once. Those of GraphQL requests have the request id already (app.ts's
 * plugin) and their codes reach the log through graphqlOutcome; its HTTP-level refusals (no query,
 * variables that are not an object, a mutation over GET) pass no plugin: here they get the request id,
 * and their codes are recorded for the request log (as sendError does for ours).
 */
function stampErrorBody(res: Response, body: string): string {
  if (!body.startsWith('{')) return body;
  let parsed: { errors?: unknown; extensions?: Record<string, unknown> } | null;
  try {
    parsed = JSON.parse(body);
  } catch {
    return body;
  }
  if (!parsed || !Array.isArray(parsed.errors)) return body;
  const codes = parsed.errors.map((e) => (e as { extensions?: { code?: unknown } } | null)?.extensions?.code).filter((c): c is string => typeof c === 'string');
  recordErrorCodes(res, codes);
  // A request error (no data: the document or its variables were refused) answers by the client's media type.
  if (res.statusCode < 500 && !('data' in parsed) && !codes.some((c) => HTTP_REQUEST_CODES.has(c))) res.statusCode = requestErrorStatus(res.req, res.statusCode);
  if (parsed.extensions?.requestId) return body;
  return JSON.stringify({ ...parsed, extensions: { ...parsed.extensions, requestId: requestIdOf(res.req, res) } });
}

/**
 * Hands a parsed request to Apollo and writes its answer. Ours rather than @as-integrations/express5
 * for speed on the hot path: a successful POST is written with res.end as one UTF-8 Buffer (no ETag hashed
 * over a body no client revalidates; a string would be joined to the headers first, a copy of the whole
 * body, then measured and encoded: bench Q6, 100 enterprises, 279 -> 261 KB allocated per request); GETs keep Express's send, which answers 304 when If-None-Match
 * matches the ETag cache-policy.ts sets over the data; error bodies get the request id (stampErrorBody).
 */
export function apolloHandler<TContext extends BaseContext>(apollo: ApolloServer<TContext>, context: (req: Request, res: Response) => Promise<TContext>) {
  apollo.assertStarted('apolloHandler()');
  return async (req: Request, res: Response): Promise<void> => {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const query = req.url.indexOf('?');
    const answer = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method.toUpperCase(), headers, search: query < 0 ? '' : req.url.slice(query), body: req.body },
      context: () => context(req, res),
    });
    for (const [key, value] of answer.headers) res.setHeader(key, value);
    res.statusCode = answer.status ?? 200;
    if (answer.body.kind === 'complete') {
      if (res.statusCode >= 400) res.send(stampErrorBody(res, answer.body.string));
      else if (req.method === 'POST') res.end(Buffer.from(answer.body.string));
      else res.send(answer.body.string);
      return;
    }
    // Incremental delivery (@defer) is not enabled; written as it comes should it ever be.
    for await (const chunk of answer.body.asyncIterator) res.write(chunk);
    res.end();
  };
}
