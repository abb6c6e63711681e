import http, { type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { ErrorCode } from '../graphql/errors/codes';
import { requestIdFrom } from './http-context';
import { errorBody } from './http-error';

/** 503 with Retry-After and the API's error body with the request id (written here, as the app does not exist yet or is closing). */
function unavailable(req: IncomingMessage, res: ServerResponse, message: string, close: boolean): void {
  const requestId = requestIdFrom(req.headers['x-request-id']);
  const body = JSON.stringify(errorBody(ErrorCode.UNAVAILABLE, message, {}, requestId));
  res.writeHead(503, { 'content-type': 'application/json; charset=utf-8', 'retry-after': '5', 'x-request-id': requestId, ...(close ? { connection: 'close' } : {}) });
  res.end(body);
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

  constructor() {
    this.server = http.createServer((req, res) => this.handle(req, res));
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

  /** Listens; a listen error (EADDRINUSE) rejects, before anything else has started. */
  listen(port: number, host: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
  }

  /** From now on the app answers every request. */
  serve(app: RequestListener): void {
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
