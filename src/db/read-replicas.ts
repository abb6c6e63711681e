import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { Caller } from '../auth/caller';
import { databaseFaultOf } from './faults';
import { registryChanges } from './registry-changes';

/**
 * Reads on PostgreSQL's streaming replicas (DATABASE_REPLICA_URLS, issue 22), with read-your-writes.
 *
 * A request's reads go to one server, chosen at its first read: a replica that is up, no more than
 * REPLICA_MAX_LAG_MS behind the primary, and past everything the caller must see; otherwise the primary.
 * What the caller must see is its own last write (the primary's WAL position after its commit, kept per API key)
 * and the consistency token it sends back (`Consistency-Token`, given in `extensions.consistencyToken` of every
 * answer that wrote). Mutations, and reads after a write in the same request, use the primary.
 *
 * A monitor asks every CHECK_EVERY_MS where the primary's WAL is and how far each replica has replayed it
 * (`pg_last_wal_replay_lsn()`). A replica's lag is how long it has been missing WAL the primary had: the time of
 * the first sample of the primary's position the replica has not replayed (0 when it has replayed the newest).
 * Unlike `now() - pg_last_xact_replay_timestamp()`, this stays 0 on an idle primary and grows on a paused replica.
 */

/** A WAL position (LSN), as PostgreSQL writes it: two hexadecimal halves, `16/B374D848`. */
export type WalPosition = bigint;

const LSN = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/;

/** The WAL position `text` names, or null where it is not one. */
export function parseWalPosition(text: string): WalPosition | null {
  const match = LSN.exec(text.trim());
  return match ? (BigInt(`0x${match[1]}`) << 32n) | BigInt(`0x${match[2]}`) : null;
}

export function formatWalPosition(position: WalPosition): string {
  return `${(position >> 32n).toString(16).toUpperCase()}/${(position & 0xffffffffn).toString(16).toUpperCase()}`;
}

/** A write heard of from a notification, whose position the next sample of the primary gives: no replica is past it until then. */
const PENDING: WalPosition = 1n << 64n;
/** How often the monitor asks the primary and every replica where they are. */
const CHECK_EVERY_MS = 500;
/** How long a remembered write keeps its caller off replicas that have not replayed it (once all have, it is forgotten). */
const REMEMBER_WRITES_MS = 10 * 60_000;
/** Callers whose last write is remembered at once; past it, the oldest are forgotten (their reads may then lag by up to the max lag). */
const MAX_REMEMBERED = 100_000;

/** Why a request's reads went where they did: in the request log and `registry_reads_total`. */
export type ReadReason =
  | 'replica'
  /** No replica is configured, up, and within REPLICA_MAX_LAG_MS. */
  | 'no-replica'
  /** Every usable replica is behind the caller's own last write or its consistency token. */
  | 'read-your-writes'
  /** A mutation, or a read after this request's own write. */
  | 'write'
  /** The replica chosen failed during the request (down, cancelled by recovery): its reads ran again on the primary. */
  | 'replica-failed';

interface Replica {
  /** host:port/database, never the password: in logs and metrics. */
  name: string;
  pool: Pool;
  up: boolean;
  /** What the last check found wrong, while down. */
  problem: string | null;
  /** How far it had replayed at its last check. */
  replayed: WalPosition | null;
  /** Since when it has been missing WAL the primary had (null: it had everything at its last check). */
  behindSince: number | null;
  /** When its last check answered. */
  checkedAt: number;
}

/** Where one request's reads go. */
export interface ReadRoute {
  pool: Pool;
  /** 'primary' or the replica's name. */
  server: string;
  reason: ReadReason;
  /** How far that server had replayed at its last check: whether its answer may be kept in the response cache (cacheable). */
  replayed: WalPosition | null;
}

export interface ReadReplicaOptions {
  maxLagMs: number;
  log: Logger;
  checkEveryMs?: number;
}

/** A sample of the primary's WAL position: what it had written at `at`. */
interface Sample {
  position: WalPosition;
  at: number;
}

export class ReadReplicas {
  readonly replicas: Replica[];
  /** Reads routed, by server kind and reason, for /metrics. */
  readonly routed = new Map<string, number>();
  private readonly samples: Sample[] = [];
  private readonly lastWrite = new Map<number, { position: WalPosition; at: number }>();
  /** Registry changes heard of (this instance's commits and other instances' notifications), and the number when the cache floor was last set. */
  private notices = 0;
  /**
   * The primary's position sampled after the last registry change this instance heard of: an answer read from a replica that
   * has replayed it may be kept in the response cache, which that change emptied; null until such a sample is taken.
   */
  private cacheFloor: WalPosition | null = null;
  private next = 0;
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<void> | null = null;
  private readonly unsubscribe: () => void;
  private readonly primaryRoute: (reason: ReadReason) => ReadRoute;

  constructor(
    readonly primary: Pool,
    replicas: Array<{ name: string; pool: Pool }>,
    private readonly options: ReadReplicaOptions,
  ) {
    this.replicas = replicas.map(({ name, pool }) => ({ name, pool, up: false, problem: 'not checked yet', replayed: null, behindSince: null, checkedAt: 0 }));
    this.primaryRoute = (reason) => ({ pool: primary, server: 'primary', reason, replayed: null });
    for (const { pool } of replicas) pool.on('error', () => undefined);
    this.unsubscribe = registryChanges.subscribe((writers) => {
      this.notices += 1;
      this.cacheFloor = null;
      // Another instance's write (or this one's, heard back): where it committed is known once the primary is next sampled.
      for (const writer of writers) this.remember(writer, PENDING);
    });
  }

  /** Checks now, then every CHECK_EVERY_MS; resolves once the first check is done, so that the first requests can use replicas. */
  async start(): Promise<void> {
    const every = this.options.checkEveryMs ?? CHECK_EVERY_MS;
    this.timer = setInterval(() => void this.check(), every);
    this.timer.unref();
    await this.check();
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.unsubscribe();
    await this.checking?.catch(() => undefined);
    await Promise.all(this.replicas.map((r) => r.pool.end().catch(() => undefined)));
  }

  /** The reads of one request of `caller`, which sent `token` (a consistency token) or none. */
  forRequest(caller: Caller, token: WalPosition | null): RequestReads {
    return new RequestReads(this, caller.kind === 'key' ? caller.apiKeyId : null, token);
  }

  /** Lag in milliseconds of a replica (0 when it had everything at its last check), as of now. */
  lagMs(replica: Replica, now = Date.now()): number {
    return replica.behindSince === null ? 0 : now - replica.behindSince;
  }

  /** Chooses the server for reads that must see `required` (null: anything within the max lag). */
  choose(required: WalPosition | null): ReadRoute {
    const now = Date.now();
    const stale = Math.max(this.options.maxLagMs, 3 * (this.options.checkEveryMs ?? CHECK_EVERY_MS));
    const usable = this.replicas.filter((r) => r.up && now - r.checkedAt <= stale && this.lagMs(r, now) <= this.options.maxLagMs);
    if (!usable.length) return this.count(this.primaryRoute('no-replica'));
    const current = required === null ? usable : usable.filter((r) => r.replayed !== null && r.replayed >= required);
    if (!current.length) return this.count(this.primaryRoute('read-your-writes'));
    const replica = current[this.next++ % current.length];
    return this.count({ pool: replica.pool, server: replica.name, reason: 'replica', replayed: replica.replayed });
  }

  /** The caller's last write, while some replica may not have replayed it. */
  writeOf(apiKeyId: number | null): WalPosition | null {
    if (apiKeyId === null) return null;
    const known = this.lastWrite.get(apiKeyId);
    if (!known) return null;
    if (Date.now() - known.at > REMEMBER_WRITES_MS) {
      this.lastWrite.delete(apiKeyId);
      return null;
    }
    return known.position;
  }

  /** Remembers that the caller's write committed at `position` (its reads avoid replicas until they have replayed it). */
  wrote(apiKeyId: number | null, position: WalPosition): void {
    if (apiKeyId !== null) this.remember(apiKeyId, position);
  }

  private remember(apiKeyId: number, position: WalPosition): void {
    const known = this.lastWrite.get(apiKeyId);
    // Nothing lowers what is known: a pending write stays pending until the next sample (which is past every write heard of
    // before it), and an exact position stays unless a later one comes.
    if (known && position !== PENDING && (known.position === PENDING || known.position > position)) return;
    this.lastWrite.delete(apiKeyId);
    this.lastWrite.set(apiKeyId, { position, at: Date.now() });
    if (this.lastWrite.size > MAX_REMEMBERED) this.lastWrite.delete(this.lastWrite.keys().next().value!);
  }

  /** A replica failed a request's read (a lost connection, a recovery conflict): taken out until the next check finds it well. */
  failed(route: ReadRoute, error: unknown): void {
    const replica = this.replicas.find((r) => r.pool === route.pool);
    if (!replica) return;
    if (databaseFaultOf(error) === 'unavailable') {
      replica.up = false;
      replica.problem = (error as Error).message;
    }
    this.options.log.warn({ replica: replica.name, reason: (error as Error).message }, 'a read failed on a replica: read again on the primary');
    this.count(this.primaryRoute('replica-failed'));
  }

  /** Whether an answer read through `route` may be kept in the response cache: it saw every change this instance has heard of. */
  cacheable(route: ReadRoute): boolean {
    if (route.server === 'primary') return true;
    return this.cacheFloor !== null && route.replayed !== null && route.replayed >= this.cacheFloor;
  }

  /** The primary, for a request that writes (counted in registry_reads_total). */
  onPrimary(reason: ReadReason): ReadRoute {
    return this.count(this.primaryRoute(reason));
  }

  private count(route: ReadRoute): ReadRoute {
    const key = `${route.server === 'primary' ? 'primary' : 'replica'}:${route.reason}`;
    this.routed.set(key, (this.routed.get(key) ?? 0) + 1);
    return route;
  }

  /** One check of the primary and every replica; a check still running when the next is due is not doubled. */
  check(): Promise<void> {
    this.checking ??= this.checkOnce().finally(() => (this.checking = null));
    return this.checking;
  }

  private async checkOnce(): Promise<void> {
    const noticesBefore = this.notices;
    // Writes heard of before this sample committed before it: the sample's position is past them.
    const pending = [...this.lastWrite].filter(([, write]) => write.position === PENDING).map(([key]) => key);
    const at = Date.now();
    let position: WalPosition;
    try {
      const { rows } = await this.primary.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
      position = parseWalPosition(rows[0].lsn)!;
    } catch (error) {
      // Without the primary's position no lag can be told: the replicas' last state stands until they go stale (choose).
      this.options.log.warn({ reason: (error as Error).message }, 'replica check: the primary did not answer');
      return;
    }
    const last = this.samples[this.samples.length - 1];
    if (!last || last.position !== position) this.samples.push({ position, at });
    // Samples further back than the max lag (and a little) tell nothing more: a replica that far behind is skipped anyway.
    const horizon = at - 2 * this.options.maxLagMs - 10_000;
    while (this.samples.length > 1 && this.samples[1].at < horizon) this.samples.shift();
    if (noticesBefore === this.notices) this.cacheFloor = position;
    for (const key of pending) {
      const write = this.lastWrite.get(key);
      if (write?.position === PENDING) write.position = position;
    }

    await Promise.all(this.replicas.map((replica) => this.checkReplica(replica)));

    // A remembered write every replica has replayed no longer steers anyone.
    const slowest = this.replicas.reduce<WalPosition | null>((min, r) => (r.replayed === null ? min : min === null || r.replayed < min ? r.replayed : min), null);
    if (slowest !== null && this.replicas.every((r) => r.replayed !== null)) {
      for (const [key, write] of this.lastWrite) if (write.position <= slowest) this.lastWrite.delete(key);
    }
  }

  private async checkReplica(replica: Replica): Promise<void> {
    try {
      const { rows } = await replica.pool.query<{ standby: boolean; replayed: string | null }>(
        'SELECT pg_is_in_recovery() AS standby, pg_last_wal_replay_lsn()::text AS replayed',
      );
      const { standby, replayed } = rows[0];
      // A promoted replica is a primary of its own now: what it answers is no longer this registry's.
      if (!standby || replayed === null) throw new Error('not a streaming replica (pg_is_in_recovery() is false)');
      const position = parseWalPosition(replayed)!;
      const firstMissing = this.samples.find((s) => s.position > position);
      const wasUp = replica.up;
      Object.assign(replica, { up: true, problem: null, replayed: position, behindSince: firstMissing ? firstMissing.at : null, checkedAt: Date.now() });
      if (!wasUp) this.options.log.info({ replica: replica.name }, 'replica in use for reads');
    } catch (error) {
      if (replica.up || replica.problem === 'not checked yet') {
        this.options.log.warn({ replica: replica.name, reason: (error as Error).message }, 'replica not used for reads: reads go to the primary');
      }
      Object.assign(replica, { up: false, problem: (error as Error).message, checkedAt: Date.now() });
    }
  }
}

/**
 * The reads of one request: the server is chosen at the first read and kept for the request, so that its statements see
 * one state of the registry; after a write in the request, the primary.
 */
export class RequestReads {
  private route: ReadRoute | null = null;
  /** Where this request's own write committed (the consistency token it answers with). */
  committedAt: WalPosition | null = null;

  constructor(
    readonly replicas: ReadReplicas,
    private readonly apiKeyId: number | null,
    private readonly token: WalPosition | null,
  ) {}

  /** Where the request's reads go now. */
  current(): ReadRoute {
    if (this.route) return this.route;
    const own = this.replicas.writeOf(this.apiKeyId);
    const required = own === null ? this.token : this.token === null || own > this.token ? own : this.token;
    return (this.route = this.replicas.choose(required));
  }

  /** A mutation: everything it reads comes from the primary. */
  writing(): void {
    if (this.route?.server !== 'primary') this.route = this.replicas.onPrimary('write');
  }

  /** The request's write committed at `position`. */
  wrote(position: WalPosition): void {
    this.writing();
    this.committedAt = this.committedAt === null || position > this.committedAt ? position : this.committedAt;
    this.replicas.wrote(this.apiKeyId, position);
  }

  /** The chosen replica failed a read: the request reads from the primary from now on. */
  failed(error: unknown): void {
    if (!this.route || this.route.server === 'primary') return;
    this.replicas.failed(this.route, error);
    this.route = { pool: this.replicas.primary, server: 'primary', reason: 'replica-failed', replayed: null };
  }

  /** Where the request's reads went, once it has read (or written). */
  get taken(): ReadRoute | null {
    return this.route;
  }

  /** Whether the answer may be kept in the response cache. */
  get cacheable(): boolean {
    return this.route === null || this.replicas.cacheable(this.route);
  }
}

/**
 * Errors of a replica after which the same read is run again on the primary: it is down or unreachable (no connection
 * within DB_CONNECTION_TIMEOUT_MS included), or it cancelled the read to replay WAL.
 */
export function isReplicaFailure(error: unknown): boolean {
  const fault = databaseFaultOf(error);
  if (fault === 'unavailable' || fault === 'pool-timeout') return true;
  const code = (error as { code?: unknown })?.code;
  // 40001 with "conflict with recovery" (a vacuum's cleanup replayed under a read), 40P01 (a deadlock with recovery),
  // 25006 (a statement that writes, which a standby refuses).
  const message = String((error as { message?: unknown })?.message ?? '');
  return (code === '40001' && /conflict with recovery/i.test(message)) || code === '40P01' || code === '25006';
}
