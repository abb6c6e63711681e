import { Pool } from 'pg';
import { loadConfig } from '../config';
import { logger } from '../logger';

/** How long a request's statements may run and how long it may wait for a connection. */
export interface PoolTimeouts {
  /** PostgreSQL's statement_timeout on every connection (STATEMENT_TIMEOUT_MS). */
  statementTimeoutMs: number;
  /** Wait for a free connection of a full pool, or for a new one to open (DB_CONNECTION_TIMEOUT_MS). */
  connectionTimeoutMs: number;
}

/**
 * The pool requests run on. Its connections log in as the application role (`url`, from
 * src/db/app-role.ts), which owns no table, is no superuser and can become no other role, so
 * PostgreSQL's row-level security applies to every statement a request runs (migrations, seeds
 * and the CLI keep the owner's connection).
 *
 * Every connection starts with a statement_timeout, so a slow statement is cancelled by PostgreSQL
 * itself (57014 → TIMEOUT) and gives its connection back; a request that finds the pool full waits
 * at most connectionTimeoutMs and then fails fast (→ TIMEOUT, 503) instead of queueing without end.
 * Exports borrow a connection from this pool and raise statement_timeout for their own transaction:
 * to PostgreSQL a cursor is one statement however long the download (src/modules/export/export-stream.ts).
 */
export function createRequestPool(url: string, max?: number, timeouts: Partial<PoolTimeouts> = {}): Pool {
  const config = loadConfig();
  const pool = new Pool({
    connectionString: url,
    max: max ?? config.dbPoolSize,
    application_name: 'reform-registry',
    // No JIT compilation for the app's statements: they are short, and PostgreSQL would compile
    // any whose cost estimate is high (the goal counts at scale), which costs more than it saves.
    options: '-c jit=off',
    statement_timeout: timeouts.statementTimeoutMs ?? config.statementTimeoutMs,
    connectionTimeoutMillis: timeouts.connectionTimeoutMs ?? config.dbConnectionTimeoutMs,
  });
  // An idle connection that breaks (the database restarts, a network cut) is dropped by the pool,
  // which then emits 'error'; unheard, that event would end the process. The next request opens a new one.
  pool.on('error', (error) => logger.warn({ reason: error.message }, 'database connection lost while idle; the pool opens a new one when needed'));
  return pool;
}
