import { Client, type Pool, type PoolClient } from 'pg';
import { loadConfig } from '../config';

/**
 * How much of the database one request may take (issue 16): the statement timeout bounds one
 * statement; these bound the request as a whole and its share of the pool.
 */
export interface RequestBounds {
  /** All of a request's statements, waits included, end within this (REQUEST_TIMEOUT_MS); later ones are not started, a running one is cancelled. */
  timeoutMs: number;
  /** Connections one request holds at once (REQUEST_MAX_CONNECTIONS): 30 aliased lists run two at a time, not 30 at once. */
  connections: number;
  /**
   * Connections the pool's heavy requests hold at once, all requests together (DB_HEAVY_CONNECTIONS):
   * the rest of the pool stays free for simple reads and writes, however many heavy requests come.
   */
  heavyConnections: number;
}

/** Why a request stopped waiting or running: it used up its time, or found no room for its heavy statements in time. */
export type DeadlineKind = 'request-deadline' | 'heavy-lane-timeout';

/** Thrown in place of a statement a request may no longer run; src/db/faults.ts tells the client which. */
export class RequestDeadlineError extends Error {
  readonly code = 'REGISTRY_REQUEST_DEADLINE';
  constructor(readonly kind: DeadlineKind, timeoutMs: number) {
    super(kind === 'request-deadline' ? `the request ran past its ${timeoutMs} ms` : `no room for a heavy statement within ${timeoutMs} ms`);
  }
}

/**
 * A counting semaphore whose waiters are served earliest deadline first (the order they came in, for
 * equal deadlines); a waiter gives up at its deadline. In the heavy lane this finishes heavy requests
 * one after another, in the order they arrived, instead of interleaving all their statements so that
 * every one of them ends late.
 */
/** Less time than this left at a deadline is not worth a slot: the deadline sweeper would cancel the statement at once. */
const MIN_USEFUL_MS = 100;

interface Waiter {
  deadline: number;
  grant(): void;
  expire(): void;
}

export class Semaphore {
  private readonly waiting: Waiter[] = [];

  constructor(private free: number) {}

  /** Resolves with the release function once a slot is free; rejects with `onTimeout()` at `deadline` (ms since the epoch). */
  acquire(deadline: number, onTimeout: () => Error): Promise<() => void> {
    const now = this.tryAcquire();
    if (now) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const leave = () => {
        const at = this.waiting.indexOf(waiter);
        if (at >= 0) this.waiting.splice(at, 1);
        clearTimeout(timer);
        reject(onTimeout());
      };
      const waiter: Waiter = {
        deadline,
        grant: () => {
          clearTimeout(timer);
          resolve(this.releaser());
        },
        expire: leave,
      };
      const timer = setTimeout(leave, Math.max(0, deadline - Date.now()));
      const before = this.waiting.findIndex((w) => w.deadline > deadline);
      if (before < 0) this.waiting.push(waiter);
      else this.waiting.splice(before, 0, waiter);
    });
  }

  /** A slot now, without waiting, or null: the common case costs no promise. */
  tryAcquire(): (() => void) | null {
    if (this.free <= 0 || this.waiting.length > 0) return null;
    this.free -= 1;
    return this.releaser();
  }

  /** Slots free now (for tests and metrics). */
  get available(): number {
    return this.free;
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // A waiter whose deadline is (all but) past is told so rather than handed a slot it has no time to use:
      // its own timer may not have fired yet when the event loop is busy.
      for (let next = this.waiting.shift(); next; next = this.waiting.shift()) {
        if (next.deadline - Date.now() < MIN_USEFUL_MS) next.expire();
        else return next.grant();
      }
      this.free += 1;
    };
  }
}

interface PoolBounds {
  bounds: RequestBounds;
  heavyLane: Semaphore;
}

const boundsOfPool = new WeakMap<Pool, PoolBounds>();

/** The defaults: REQUEST_TIMEOUT_MS, REQUEST_MAX_CONNECTIONS, DB_HEAVY_CONNECTIONS (a quarter of the pool, at least 1). */
export function configuredBounds(poolSize: number): RequestBounds {
  const config = loadConfig();
  return {
    timeoutMs: config.requestTimeoutMs,
    connections: config.requestMaxConnections,
    heavyConnections: Math.min(poolSize, config.dbHeavyConnections ?? Math.max(1, Math.floor(poolSize / 4))),
  };
}

/** Sets the bounds of the requests run on `pool` (src/db/request-pool.ts does, from the configuration). */
export function boundRequests(pool: Pool, bounds: RequestBounds): void {
  boundsOfPool.set(pool, { bounds, heavyLane: new Semaphore(bounds.heavyConnections) });
}

/** The bounds of `pool`'s requests, set once per pool. */
export function poolBounds(pool: Pool): PoolBounds {
  let known = boundsOfPool.get(pool);
  if (!known) {
    boundRequests(pool, configuredBounds(pool.options.max ?? 10));
    known = boundsOfPool.get(pool)!;
  }
  return known;
}

/**
 * The server process id of a pool connection: pg keeps the BackendKeyData PostgreSQL sends at
 * login on the client as `processID` (not in @types/pg; test/server/request-bounds.int.spec.ts pins it).
 */
export function backendPid(client: PoolClient): number | null {
  const pid = (client as unknown as { processID?: unknown }).processID;
  return typeof pid === 'number' ? pid : null;
}

/**
 * Cancels the statement running on backend `pid` from a connection of its own, logged in as the pool's
 * connections are (a role may cancel its own backends): the pool may be full when a deadline passes.
 */
export async function cancelBackend(pool: Pool, pid: number): Promise<void> {
  const { connectionString, host, port, user, password, database, ssl } = pool.options;
  const client = new Client({ connectionString, host, port, user, password, database, ssl, application_name: 'reform-registry deadline', connectionTimeoutMillis: 5_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT pg_cancel_backend($1)', [pid]);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A statement running for a request with a deadline. */
interface Running {
  deadline: number;
  pool: Pool;
  pid: number;
  /** Set once its cancel has been sent; the statement's caller awaits it before giving the connection up. */
  cancelling?: Promise<void>;
}

const running = new Set<Running>();
let sweeper: NodeJS.Timeout | null = null;
/** How often running statements are checked against their deadline: the deadline's precision. */
const SWEEP_EVERY_MS = 100;

/**
 * Watches a statement until `done`: past its deadline it is cancelled (cancelBackend). One timer for
 * the whole process, running only while statements do, rather than one per statement.
 */
export function watchDeadline(entry: Running): () => void {
  running.add(entry);
  sweeper ??= setInterval(() => {
    const now = Date.now();
    for (const r of running) if (!r.cancelling && r.deadline <= now) r.cancelling = cancelBackend(r.pool, r.pid).catch(() => undefined);
    if (!running.size && sweeper) {
      clearInterval(sweeper);
      sweeper = null;
    }
  }, SWEEP_EVERY_MS).unref();
  return () => running.delete(entry);
}
