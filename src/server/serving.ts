import type { AddressInfo } from 'node:net';
import http, { type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { ErrorCode } from '../graphql/errors/codes';
import { requestIdFrom } from './http-context';
import { inChinese } from '../graphql/errors/chinese-messages';
import { errorBody } from './http-error';

/** 503 with Retry-After and the API's error body with the request id (written here, as the app does not exist yet or is closing). */
function unavailable(req: IncomingMessage, res: ServerResponse, message: string, close: boolean): void {
  const requestId = requestIdFrom(req.headers['x-request-id']);
  const body = JSON.stringify(errorBody(ErrorCode.UNAVAILABLE, message, {}, requestId));
  res.writeHead(503, { 'content-type': 'application/json; charset=utf-8', 'retry-after': '5', 'x-request-id': requestId, ...(close ? { connection: 'close' } : {}) });
  res.end(body);
}

/**
 * What Node's HTTP parser refuses before any app sees it: headers (a GET's URL among them) over Node's 16 KB,
 * or a request that is not HTTP. Answered as the API answers a refusal (in Chinese, the English in
 * `extensions.englishMessage`: its Accept-Language is among what was not read), JSON with a stable code (431
 * HEADERS_TOO_LARGE, else 400 BAD_REQUEST), and the connection then half-closed (`end`), not reset: a client still
 * sending its long URL reads the answer instead of a connection reset (Node 24's own handler resets it). A socket
 * left open by a client that never reads is destroyed after a few seconds.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const [status, reason, code, message] = tooLarge
    ? [431, 'Request Header Fields Too Large', 'HEADERS_TOO_LARGE', 'The request line or headers are over 16 KB: send a long query with POST, not in a GET URL.']
    : [400, 'Bad Request', 'BAD_REQUEST', 'The request is not readable HTTP.'];
  // The headers are unread, Accept-Language among them: Chinese first, the English beside it (as for a caller who prefers Chinese).
  const body = JSON.stringify(errorBody(code, inChinese(code, message), { englishMessage: message }, requestIdFrom(undefined)));
  socket.end(`HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
  setTimeout(() => socket.destroy(), 5_000).unref();
}

/** Before the database is ready: alive (liveness), not ready, and nothing else yet. */
function whileStarting(req: IncomingMessage, res: ServerResponse): void {
  const path = (req.url ?? '/').split('?')[0];
  if (path === '/healthz') {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ status: 'ok' }));
  } else if (path === '/readyz') {
    res.writeHead(503, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ status: 'unavailable', reason: 'starting: the database is not ready yet' }));
  } else {
    unavailable(req, res, 'The registry is starting: its database is not ready yet. Retry in a few seconds.', false);
  }
}

/** An Express app's request and response prototypes (express.application's `request` and `response`). */
interface PrototypeOwner {
  request: object;
  response: object;
}

/**
 * Node's request and response classes for a server whose app will set its own prototypes on them.
 * Express calls Object.setPrototypeOf on every request and response; on an object V8 has already
 * shaped, that gives it a hidden class of its own in the old generation, through which the whole
 * request (its context, rows and answer) outlives every young-generation collection until a full
 * one: measured, a list query's collections took 7-10 ms instead of about 1. Made by these classes
 * and the app given their prototypes (`adopt`), requests already have the app's prototypes and
 * Express's call changes nothing.
 */
function prototypeClasses() {
  class Request extends http.IncomingMessage {}
  class Response extends http.ServerResponse {}
  const adopt = (app: PrototypeOwner) => {
    for (const [ours, name] of [[Request.prototype, 'request'], [Response.prototype, 'response']] as const) {
      const theirs = app[name];
      Object.setPrototypeOf(ours, Object.getPrototypeOf(theirs));
      Object.defineProperties(ours, Object.getOwnPropertyDescriptors(theirs));
      app[name] = ours;
    }
  };
  return { Request, Response, adopt };
}

/**
 * The process's HTTP server. It listens before the database is ready, so that liveness answers and
 * readiness says 503 while start-up waits for the database (src/db/bootstrap.ts); `serve` then hands
 * every request to the app. `drain` (SIGTERM) refuses new requests with 503 and `Connection: close`,
 * lets the ones in flight finish, and cuts what is left at the deadline.
 */
export class Serving {
  readonly server: Server;
  private app: RequestListener | null = null;
  private draining = false;
  private readonly inFlight = new Set<ServerResponse>();

  private readonly prototypes = prototypeClasses();

  constructor() {
    const { Request, Response } = this.prototypes;
    this.server = http.createServer({ IncomingMessage: Request, ServerResponse: Response }, (req, res) => this.handle(req, res));
    this.server.on('clientError', answerClientError);
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    // A kept-alive connection can still bring a request after close(): it gets a refusal and is closed.
    if (this.draining) return unavailable(req, res, 'This instance is shutting down; retry, another instance will answer.', true);
    this.inFlight.add(res);
    res.once('close', () => {
      this.inFlight.delete(res);
      if (this.draining) setImmediate(() => this.server.closeIdleConnections());
    });
    if (this.app) this.app(req, res);
    else whileStarting(req, res);
  }

  /** Listens; a listen error (EADDRINUSE) rejects, before anything else has started. Resolves to the port (PORT=0: the one the system chose). */
  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve((this.server.address() as AddressInfo).port);
      });
    });
  }

  /** From now on the app answers every request; an Express app's prototypes become those the server's requests are made with. */
  serve(app: RequestListener & Partial<PrototypeOwner>): void {
    if (app.request && app.response) this.prototypes.adopt(app as PrototypeOwner);
    this.app = app;
  }

  /**
   * Stops accepting, closes idle connections, asks the in-flight responses to close their connection
   * when done, and waits for them up to `graceMs`; then cuts the rest. Resolves to how many were cut.
   */
  async drain(graceMs: number): Promise<number> {
    this.draining = true;
    for (const res of this.inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), graceMs)));
    const cutShort = await Promise.race([closed.then(() => false), late]);
    clearTimeout(timer);
    if (!cutShort) return 0;
    const cut = this.inFlight.size;
    this.server.closeAllConnections();
    await closed;
    return cut;
  }

  /** Closes without draining (start-up failed or was stopped before anything was served). */
  close(): Promise<void> {
    this.draining = true;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    return closed;
  }
}
