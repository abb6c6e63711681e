import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { databaseFaultOf, type DatabaseFaultKind } from '../../db/faults';
import { logger } from '../../logger';
import { ErrorCode } from './codes';

/** What a client is told about a database fault: a stable code, what to do, and the HTTP status of a whole response. */
export interface DatabaseFault {
  code: ErrorCode.TIMEOUT | ErrorCode.UNAVAILABLE;
  message: string;
  /** 503 when the server cannot serve anyone now (a load balancer should look elsewhere); a slow statement is the query's own. */
  status: 200 | 503;
  /** Seconds for the Retry-After header of a 503. */
  retryAfter: number;
}

const FAULTS = {
  'statement-timeout': {
    code: ErrorCode.TIMEOUT,
    message:
      'A database statement ran longer than the statement timeout and was cancelled; nothing of it was written. Ask for less (a narrower filter, a smaller page) or retry later.',
    status: 200,
    retryAfter: 5,
  },
  'pool-timeout': {
    code: ErrorCode.TIMEOUT,
    message: 'The server is busy: no database connection became free in time. Retry in a moment.',
    status: 503,
    retryAfter: 1,
  },
  'request-deadline': {
    code: ErrorCode.TIMEOUT,
    message:
      'The request ran past its time limit (REQUEST_TIMEOUT_MS) and its statements were stopped; nothing of it was written. Ask for less in one request (fewer aliases, smaller pages, narrower filters) or retry later.',
    status: 200,
    retryAfter: 5,
  },
  'heavy-lane-timeout': {
    code: ErrorCode.TIMEOUT,
    message:
      'The server is busy with other expensive queries (statistics, series, rankings, short name searches) and had no room for this one in time. Retry in a few seconds, or ask for less.',
    status: 503,
    retryAfter: 2,
  },
  unavailable: {
    code: ErrorCode.UNAVAILABLE,
    message:
      'The database is unavailable; retry in a few seconds. A write whose answer was lost may or may not have been applied: read it back, or repeat a bulk upsert with the same idempotencyKey.',
    status: 503,
    retryAfter: 5,
  },
} as const satisfies Record<string, DatabaseFault>;

/** When each kind of fault was last logged, and how many since then were not. */
const lastLogged = new Map<DatabaseFaultKind, { at: number; unlogged: number }>();
const LOG_EVERY_MS = 5000;

/**
 * A warning line, not an error with a stack: the cause is outside the process. At most one per kind
 * every few seconds, so that an outage does not flood the log (each request's own line has its code).
 */
function logFault(kind: DatabaseFaultKind, error: unknown): void {
  const now = Date.now();
  const last = lastLogged.get(kind);
  if (last && now - last.at < LOG_EVERY_MS) {
    last.unlogged += 1;
    return;
  }
  logger.warn({ fault: kind, reason: (error as Error)?.message, unloggedSincePrevious: last?.unlogged ?? 0 }, 'database fault');
  lastLogged.set(kind, { at: now, unlogged: 0 });
}

/** The client-facing fault behind `error` (a pg error, possibly wrapped), or null when it is not a database fault. */
export function databaseFault(error: unknown): DatabaseFault | null {
  const kind = databaseFaultOf(error);
  if (!kind) return null;
  logFault(kind, error);
  return FAULTS[kind];
}

/**
 * Sends a GraphQL response that failed for want of the database as 503 with Retry-After, so that
 * load balancers and clients back off; the errors themselves are formatted by formatError.
 */
export const databaseFaultStatus: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ errors, response }) {
        const kinds = (errors ?? []).map((e) => databaseFaultOf(unwrapResolverError(e)));
        const fault = kinds.map((kind) => (kind ? FAULTS[kind] : null)).find((f) => f?.status === 503);
        if (!fault) return;
        response.http.status = 503;
        response.http.headers.set('retry-after', String(fault.retryAfter));
      },
    };
  },
};
