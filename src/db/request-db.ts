import type { Context } from '@opentelemetry/api';
import type { Pool, PoolClient } from 'pg';
import { traceStatement } from '../server/tracing';
import { setTimeout as sleep } from 'node:timers/promises';
import { logger } from '../logger';
import { isTransactionConflict } from './faults';
import { backendPid, poolBounds, RequestDeadlineError, Semaphore, watchDeadline } from './request-bounds';
import { registryChanges } from './registry-changes';
import { isReplicaFailure, parseWalPosition, type RequestReads } from './read-replicas';
import { behindPooler, preparedName } from './request-pool';
import { render, type SqlFragment } from './sql';

/**
 * Whom a write transaction acts for: PostgreSQL takes the caller from the API key itself
 * (registry_begin, migration 31), for row-level security and the audit log; null for no key.
 */
export interface TransactionSettings {
  apiKey: string | null;
  requestId: string;
}

/**
 * Statements run as named (prepared) statements: a connection parses and plans a text once and
 * then only binds and executes it, which for the folded statements of a list (src/registry/fold.ts) is
 * about half of PostgreSQL's work. Texts follow the query's shape, never its values; the first
 * MAX_PREPARED distinct texts get a name and later ones run unnamed, which bounds what this process
 * and every connection keep. A statement whose plan depends on its values (sql.ts, planByValues)
 * runs unnamed.
 */
const MAX_PREPARED = 200;
/** How often a write transaction is run when PostgreSQL breaks a deadlock by ending it (isTransactionConflict). */
const TRANSACTION_ATTEMPTS = 3;
/** After COMMIT: the WAL's insert position is past the commit record. */
const WRITE_POSITION = 'SELECT pg_current_wal_insert_lsn()::text AS lsn';
const statementNames = new Map<string, string>();
function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < MAX_PREPARED) statementNames.set(text, (name = `registry_${statementNames.size + 1}`));
  return name;
}

/**
 * The database as one request sees it: every statement goes through here, so the request knows
 * how many it ran (reported in the response's `extensions.sqlStatements`). Inside `transaction`
 * statements run on the transaction's connection.
 *
 * And so that no request can take the database from the others (src/db/request-bounds.ts): all its
 * statements end by its deadline (a statement still running then is cancelled, and none starts
 * after), it holds at most `connections` connections at once, and a heavy request (the cost walk
 * says so: aggregates, scans; `heavy` is set before execution) runs its statements in the pool's
 * heavy lane, which leaves the rest of the pool to everyone else.
 */
export class RequestDb {
  statements = 0;
  /** Set by the limits plugin for an operation whose cost walk found aggregates or table scans. */
  heavy = false;
  /** With tracing on, the GraphQL execution's span (src/server/tracing.ts): the statements' spans go under it. */
  traceParent: Context | undefined;
  /** With read replicas (DATABASE_REPLICA_URLS): where this request's reads outside a transaction go (src/db/read-replicas.ts). */
  reads: RequestReads | null = null;
  private readonly deadline: number;
  private readonly timeoutMs: number;
  private readonly slots: Semaphore;

  constructor(
    private readonly pool: Pool,
    private readonly client: PoolClient | null = null,
    private readonly parent: RequestDb | null = null,
  ) {
    const { bounds } = poolBounds(pool);
    this.timeoutMs = bounds.timeoutMs;
    this.deadline = parent?.deadline ?? Date.now() + bounds.timeoutMs;
    this.slots = parent?.slots ?? new Semaphore(bounds.connections);
  }

  async query<T = Record<string, unknown>>(fragment: SqlFragment): Promise<T[]> {
    const { text, values, plannedByValues } = render(fragment);
    if (this.client) {
      this.count();
      return (await this.run(this.client, this.pool, this.nameFor(this.pool, text, plannedByValues), text, values)) as T[];
    }
    const route = this.reads?.current();
    if (!route || route.server === 'primary') return this.queryOn<T>(this.pool, text, values, plannedByValues);
    try {
      return await this.queryOn<T>(route.pool, text, values, plannedByValues);
    } catch (error) {
      // A replica that went down or cancelled the read to replay WAL: the same read on the primary, no error to the caller.
      if (error instanceof RequestDeadlineError || !isReplicaFailure(error)) throw error;
      this.reads!.failed(error);
      return this.queryOn<T>(this.pool, text, values, plannedByValues);
    }
  }

  /** The statement's name on `pool`: behind a transaction pooler the next statement may meet another server connection, which knows no name (behindPooler). */
  private nameFor(pool: Pool, text: string, plannedByValues: boolean): string | undefined {
    return plannedByValues ? undefined : preparedName(pool, statementName(text));
  }

  /** One statement on a connection of `pool` (the primary's request pool or a replica's), held for it alone. */
  private async queryOn<T>(pool: Pool, text: string, values: unknown[], plannedByValues: boolean): Promise<T[]> {
    const name = this.nameFor(pool, text, plannedByValues);
    const release = this.holdNow() ?? (await this.hold(pool));
    try {
      const client = await pool.connect();
      // As pool.query does: a connection that breaks while checked out emits 'error' (unheard, that
      // would end the process), and one whose statement failed (a deadline's cancel among others) is
      // dropped rather than given back.
      let broken: Error | undefined;
      const onError = (error: Error) => (broken ??= error);
      client.on('error', onError);
      try {
        this.count();
        return (await this.run(client, pool, name, text, values)) as T[];
      } catch (error) {
        broken ??= error as Error;
        throw error;
      } finally {
        client.off('error', onError);
        client.release(broken);
      }
    } finally {
      release();
    }
  }

  /** Whether this request (or the transaction's) is heavy: the lane is taken per connection held. */
  private get isHeavy(): boolean {
    return this.heavy || (this.parent?.isHeavy ?? false);
  }

  /** A connection slot of this request at once, when one is free and the request is light: no promise to wait on. */
  private holdNow(): (() => void) | null {
    if (this.isHeavy || Date.now() >= this.deadline) return null;
    return this.slots.tryAcquire();
  }

  /** A connection slot of this request, and of the heavy lane for a heavy one; refused past the deadline. */
  private async hold(pool: Pool = this.pool): Promise<() => void> {
    if (Date.now() >= this.deadline) throw new RequestDeadlineError('request-deadline', this.timeoutMs);
    const slot = await this.slots.acquire(this.deadline, () => new RequestDeadlineError('request-deadline', this.timeoutMs));
    if (!this.isHeavy) return slot;
    try {
      const lane = await poolBounds(pool).heavyLane.acquire(this.deadline, () => new RequestDeadlineError('heavy-lane-timeout', this.timeoutMs));
      return () => {
        lane();
        slot();
      };
    } catch (error) {
      slot();
      throw error;
    }
  }

  /**
   * One statement on `client`, cancelled if it is still running at the deadline (watchDeadline); the
   * cancelled statement fails with RequestDeadlineError rather than PostgreSQL's "canceling statement".
   */
  private async run(client: PoolClient, pool: Pool, name: string | undefined, text: string, values: unknown[]): Promise<unknown[]> {
    if (Date.now() >= this.deadline) throw new RequestDeadlineError('request-deadline', this.timeoutMs);
    const pid = behindPooler(pool) ? null : backendPid(client);
    const watched = pid === null ? null : { deadline: this.deadline, pool, pid, cancelling: undefined as Promise<void> | undefined };
    const unwatch = watched ? watchDeadline(watched) : null;
    try {
      const result = await traceStatement(text, name, () => client.query({ name, text, values }), this.traceParent ?? this.parent?.traceParent);
      // Past the deadline even if it got through: the request is over, and the connection, which a cancel
      // may still reach, is dropped by the caller.
      if (watched?.cancelling) throw new RequestDeadlineError('request-deadline', this.timeoutMs);
      return result.rows;
    } catch (error) {
      if (watched?.cancelling) throw new RequestDeadlineError('request-deadline', this.timeoutMs);
      throw error;
    } finally {
      unwatch?.();
      // The cancel goes to this connection's backend: it must land before anyone else uses the connection.
      if (watched?.cancelling) await watched.cancelling;
    }
  }

  private count(): void {
    this.statements += 1;
    this.parent?.count();
  }

  /**
   * Runs `work` in one transaction for the caller of `settings`, whom row-level security and the audit
   * log read; commits if it returns, rolls back if it throws; runs it again (twice at most) where PostgreSQL
   * ended it to break a deadlock. The transaction holds one of the request's connection slots throughout.
   */
  async transaction<T>(settings: TransactionSettings, work: (tx: RequestDb) => Promise<T>): Promise<T> {
    if (this.client) throw new Error('transactions do not nest');
    const release = await this.hold();
    try {
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await this.inTransaction(settings, work);
        } catch (error) {
          // A deadlock or serialisation failure rolled everything back: run it again, a little later (the
          // other transaction is finishing), a few times, within the request's deadline.
          if (attempt >= TRANSACTION_ATTEMPTS || !isTransactionConflict(error)) throw error;
          const pause = 5 * attempt + Math.random() * 20;
          if (Date.now() + pause >= this.deadline) throw error;
          logger.warn({ attempt, reason: (error as Error).message }, 'write transaction ran into another: retrying');
          await sleep(pause);
        }
      }
    } finally {
      release();
    }
  }

  private async inTransaction<T>(settings: TransactionSettings, work: (tx: RequestDb) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    // A checked-out connection that breaks emits 'error' (besides failing the statement in flight);
    // unheard, that would end the process. Such a client, or one a failed ROLLBACK left in its
    // transaction, is dropped rather than given back to the pool.
    let broken: Error | undefined;
    const onError = (error: Error) => (broken = error);
    client.on('error', onError);
    const tx = new RequestDb(this.pool, client, this);
    try {
      const traced = (text: string, run: () => Promise<unknown>) => traceStatement(text, undefined, run, this.traceParent);
      await traced('BEGIN', () => client.query('BEGIN'));
      this.statements += 1;
      if (settings.apiKey !== null) {
        const begin = { name: preparedName(this.pool, 'registry-begin'), text: 'SELECT api_key_id FROM registry_begin($1, $2)', values: [settings.apiKey, settings.requestId] };
        await traced(begin.text, () => client.query(begin));
        this.statements += 1;
      }
      const result = await work(tx);
      await traced('COMMIT', () => client.query('COMMIT'));
      this.statements += 1;
      if (this.reads) {
        // Where the commit is in the WAL: this caller's later reads wait for a replica past it (read-your-writes).
        const position = (await traced(WRITE_POSITION, () => client.query<{ lsn: string }>(WRITE_POSITION))) as { rows: Array<{ lsn: string }> };
        this.statements += 1;
        this.reads.wrote(parseWalPosition(position.rows[0].lsn)!);
      }
      registryChanges.committed();
      return result;
    } catch (error) {
      if (error instanceof RequestDeadlineError) broken = error;
      else await client.query('ROLLBACK').catch((rollbackError: Error) => (broken ??= rollbackError));
      throw error;
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }
}
