import { RequestDeadlineError, type DeadlineKind } from './request-bounds';

/**
 * Which database failures are faults of the database rather than of the request, told apart so
 * that the error layer can answer with a stable code (src/graphql/errors/database-fault.ts) and
 * start-up can tell "retry" from "give up" (src/db/bootstrap.ts).
 *
 * - `statement-timeout`: PostgreSQL cancelled a statement (57014), i.e. it ran past statement_timeout.
 * - `pool-timeout`: no connection of the request pool became free within its connection timeout.
 * - `unavailable`: the database cannot be reached, is shutting down or starting, or the connection broke.
 * - `request-deadline`: the request's statements together ran past REQUEST_TIMEOUT_MS (src/db/request-bounds.ts).
 * - `heavy-lane-timeout`: a heavy request found no room among the heavy requests before its deadline.
 */
export type DatabaseFaultKind = 'statement-timeout' | 'pool-timeout' | 'unavailable' | DeadlineKind;

/** Socket errors of a database that is down, restarting or unreachable. */
const NETWORK_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** SQLSTATEs of a server going away or not there yet: admin/crash shutdown, starting up, out of connections. */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);

/** What pg and pg-pool say when a connection ends under them (they set no code). */
const LOST_CONNECTION = /^(Connection terminated|Client has encountered a connection error|Client was closed and is not queryable)/;

/** pg-pool's error when the pool stayed full for connectionTimeoutMillis. */
const POOL_TIMEOUT = 'timeout exceeded when trying to connect';

function classifyOne(error: { code?: unknown; message?: unknown }): DatabaseFaultKind | null {
  if (error instanceof RequestDeadlineError) return error.kind;
  const code = typeof error.code === 'string' ? error.code : '';
  const message = typeof error.message === 'string' ? error.message : '';
  if (code === '57014') return 'statement-timeout';
  if (message === POOL_TIMEOUT) return 'pool-timeout';
  if (NETWORK_ERRORS.has(code) || UNAVAILABLE_STATES.has(code) || code.startsWith('08') || LOST_CONNECTION.test(message)) return 'unavailable';
  return null;
}

/**
 * The kind of database fault behind `error`, or null for anything else (a constraint, a bug). Looks
 * through the wrappers on the way: TypeORM's `driverError`, `cause`, graphql-js's `thrownValue` (it
 * wraps what is not an Error of its own realm, as Node's socket errors are under Jest), and the
 * AggregateError Node raises when every address of a host refuses.
 */
export function databaseFaultOf(error: unknown, depth = 0): DatabaseFaultKind | null {
  if (!error || typeof error !== 'object' || depth > 5) return null;
  const e = error as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; thrownValue?: unknown; errors?: unknown };
  return (
    classifyOne(e) ??
    databaseFaultOf(e.driverError, depth + 1) ??
    databaseFaultOf(e.cause, depth + 1) ??
    databaseFaultOf(e.thrownValue, depth + 1) ??
    (Array.isArray(e.errors) ? (e.errors.map((inner) => databaseFaultOf(inner, depth + 1)).find(Boolean) ?? null) : null)
  );
}

/**
 * Whether PostgreSQL ended the transaction behind `error` to break a deadlock (40P01) or because it could
 * not serialise it (40001): nothing was written, and the same transaction run again may well succeed.
 * Concurrent writes of one province meet on the same tally rows (src/registry/goal-tally.ts).
 */
export function isTransactionConflict(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const e = error as { code?: unknown; driverError?: unknown; cause?: unknown };
  if (e.code === '40P01' || e.code === '40001') return true;
  return isTransactionConflict(e.driverError, depth + 1) || isTransactionConflict(e.cause, depth + 1);
}

/**
 * Whether `error` is PostgreSQL's "tuple concurrently updated": two sessions changed one row of a catalog
 * that every database of the server shares (a role, its password) at once, and the later one fails rather
 * than waiting its turn. It comes as XX000 with no code of its own, so the message tells. Nothing was
 * written by the failed statement's transaction, and once the other has committed the same change succeeds.
 * Instances and test databases that start together on one server meet here (migration 30, the role passwords).
 */
export function isSharedCatalogRace(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const e = error as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
  if (e.code === 'XX000' && e.message === 'tuple concurrently updated') return true;
  return isSharedCatalogRace(e.driverError, depth + 1) || isSharedCatalogRace(e.cause, depth + 1);
}

/** Runs `work` again (up to `attempts` times, a short random pause between) while it fails with isSharedCatalogRace. */
export async function retryingSharedCatalogRace<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isSharedCatalogRace(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 80 * attempt));
    }
  }
}
