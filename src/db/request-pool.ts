import { Pool, type ClientConfig } from 'pg';
import { loadConfig } from '../config';
import { APPLICATION_ROLE } from '../../migrations/1730000000016-CreateApplicationRoleWithRowLevelSecurity';
import { logger } from '../logger';
import { retryingSharedCatalogRace } from './faults';

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
export function createRequestPool(url: string, max?: number, timeouts: Partial<PoolTimeouts> = {}, pooler?: Pooler): Pool {
  const config = loadConfig();
  const pool = new Pool({
    connectionString: url,
    max: max ?? config.dbPoolSize,
    application_name: 'reform-registry',
    // Behind a pooler these come from the role instead (roleSettingsForPooler): PgBouncer refuses startup options it does
    // not know, and a setting made at login would stay with the server connection, not with this client.
    ...(pooler
      ? {}
      : {
          // No JIT compilation for the app's statements: they are short, and PostgreSQL would compile
          // any whose cost estimate is high (the goal counts at scale), which costs more than it saves.
          options: '-c jit=off',
          statement_timeout: timeouts.statementTimeoutMs ?? config.statementTimeoutMs,
        }),
    connectionTimeoutMillis: timeouts.connectionTimeoutMs ?? config.dbConnectionTimeoutMs,
  });
  if (pooler) pooled.set(pool, pooler);
  // An idle connection that breaks (the database restarts, a network cut) is dropped by the pool,
  // which then emits 'error'; unheard, that event would end the process. The next request opens a new one.
  pool.on('error', (error) => logger.warn({ reason: error.message }, 'database connection lost while idle; the pool opens a new one when needed'));
  return pool;
}

/** A transaction-mode pooler (PgBouncer, RDS Proxy, Supavisor) between the request pool and PostgreSQL (DATABASE_POOLER_URL). */
export interface Pooler {
  /** The application role straight to PostgreSQL, for the one session a pooler cannot carry: the caches' LISTEN. */
  directUrl: string;
}

const pooled = new WeakMap<Pool, Pooler>();

/**
 * Whether the pool's connections go through a transaction-mode pooler, where a client's statements may each run on another
 * server connection: a statement prepared on one is unknown on the next (so none is named, src/db/request-db.ts), and the
 * process id PostgreSQL gave at login is the pooler's (so a request's deadline is not enforced by pg_cancel_backend, which could
 * hit another session; statement_timeout, set on the role, still ends every statement).
 */
export const behindPooler = (pool: Pool): boolean => pooled.has(pool);

/** `name` for a statement to prepare once per connection, or none behind a pooler (behindPooler). */
export const preparedName = (pool: Pool, name: string | undefined): string | undefined => (pooled.has(pool) ? undefined : name);

/** How a session of the request role that must stay one session (LISTEN) connects: straight to PostgreSQL behind a pooler. */
export function sessionOptions(pool: Pool): ClientConfig {
  const pooler = pooled.get(pool);
  return pooler ? { ...pool.options, connectionString: pooler.directUrl } : pool.options;
}

/**
 * Behind a pooler, what the request pool would send at login is set on the role in this database instead, as the owner, at
 * every start: every server connection the pooler opens as the role starts with it, whichever client it serves.
 */
export async function roleSettingsForPooler(owner: { query(text: string): Promise<unknown> }, statementTimeoutMs: number): Promise<void> {
  // The database is named by PostgreSQL (format %I); the number is a whole number from the configuration (config.ts).
  const timeout = Math.trunc(statementTimeoutMs);
  await retryingSharedCatalogRace(() =>
    owner.query(`DO $$ BEGIN
      EXECUTE format('ALTER ROLE %I IN DATABASE %I SET statement_timeout = ${timeout}', '${APPLICATION_ROLE}', current_database());
      EXECUTE format('ALTER ROLE %I IN DATABASE %I SET jit = off', '${APPLICATION_ROLE}', current_database());
    END $$`),
  );
}
