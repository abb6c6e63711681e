import { createHash, timingSafeEqual } from 'node:crypto';
import { Router, type Request } from 'express';
import type { Pool } from 'pg';
import type { ReadReplicas } from '../db/read-replicas';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { bearerToken } from '../auth/authenticate';
import { sendError } from './http-error';
import type { Budget } from './rate-limit/rate-limit';

/** What one finished request tells the metrics (built by request-log.ts). */
export interface RequestObservation {
  route: 'graphql' | 'export' | 'import';
  /** The GraphQL operation's name; null for an unnamed operation or outside GraphQL. */
  operationName: string | null;
  status: number;
  durationSeconds: number;
  sqlStatements: number | null;
  /** Distinct codes (the request log dedupes them). */
  errorCodes: string[];
}

/**
 * Keeps a label's values few: the first `max` distinct values that look like names pass, the rest
 * share `other`. Operation names and error codes come from clients' documents, and every distinct
 * label value is a new series in Prometheus.
 */
class BoundedLabel {
  private readonly seen = new Set<string>();

  constructor(
    private readonly max: number,
    private readonly shape: RegExp,
  ) {}

  of(value: string): string {
    if (this.seen.has(value)) return value;
    if (!this.shape.test(value) || this.seen.size >= this.max) return 'other';
    this.seen.add(value);
    return value;
  }
}

/**
 * This app's Prometheus metrics, in its own Registry (not prom-client's global one), so that
 * several apps in one process, as in the tests, count apart.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly operations = new BoundedLabel(100, /^[_A-Za-z][_0-9A-Za-z]{0,63}$/);
  private readonly codes = new BoundedLabel(50, /^[A-Z][A-Z0-9_]{0,39}$/);
  private readonly registers = [this.registry];

  private readonly duration = new Histogram({
    name: 'registry_request_duration_seconds',
    help: 'API request duration (/graphql, /export, /import) by route and GraphQL operation name (anonymous: unnamed; other: past the first 100 names).',
    labelNames: ['route', 'operation'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: this.registers,
  });

  private readonly responses = new Counter({
    name: 'registry_responses_total',
    help: 'API responses by route and HTTP status.',
    labelNames: ['route', 'status'],
    registers: this.registers,
  });

  private readonly errors = new Counter({
    name: 'registry_errors_total',
    help: 'API requests that answered an error with this code (extensions.code; each code counted once per request).',
    labelNames: ['route', 'code'],
    registers: this.registers,
  });

  private readonly statements = new Histogram({
    name: 'registry_sql_statements_per_request',
    help: 'SQL statements one API request ran (GraphQL, CSV imports, statistics exports).',
    labelNames: ['route'],
    buckets: [0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144],
    registers: this.registers,
  });

  private readonly rateLimited = new Counter({
    name: 'registry_rate_limit_rejections_total',
    help: 'Requests refused with 429 because their budget was spent, by budget (ANONYMOUS or the key’s role).',
    labelNames: ['budget'],
    registers: this.registers,
  });

  constructor(pool: Pool, replicas: ReadReplicas | null = null) {
    if (replicas) replicaMetrics(replicas, this.registers);
    new Gauge({
      name: 'registry_db_pool_connections',
      help: 'Connections of the request pool: in_use (checked out), idle, and waiting (requests queued for one).',
      labelNames: ['state'],
      registers: this.registers,
      collect() {
        this.set({ state: 'in_use' }, pool.totalCount - pool.idleCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      },
    });
    new Gauge({
      name: 'registry_db_pool_max_connections',
      help: 'Size of the request pool (DB_POOL_SIZE).',
      registers: this.registers,
      collect() {
        this.set(pool.options.max ?? 10);
      },
    });
    collectDefaultMetrics({ register: this.registry });
  }

  observe(request: RequestObservation): void {
    const { route } = request;
    const operation = route !== 'graphql' ? route : request.operationName === null ? 'anonymous' : this.operations.of(request.operationName);
    this.duration.observe({ route, operation }, request.durationSeconds);
    this.responses.inc({ route, status: String(request.status) });
    for (const code of request.errorCodes) this.errors.inc({ route, code: this.codes.of(code) });
    if (request.sqlStatements !== null) this.statements.observe({ route }, request.sqlStatements);
  }

  refused(budget: Budget): void {
    this.rateLimited.inc({ budget: budget.kind });
  }
}

/** Read replicas (src/db/read-replicas.ts): whether each is in use, its lag, and where reads went and why. */
function replicaMetrics(replicas: ReadReplicas, registers: Registry[]): void {
  new Gauge({
    name: 'registry_replica_up',
    help: 'Whether a read replica (DATABASE_REPLICA_URLS, by host:port/database) answered its last check as a streaming replica: 1 up, 0 down.',
    labelNames: ['replica'],
    registers,
    collect() {
      for (const r of replicas.replicas) this.set({ replica: r.name }, r.up ? 1 : 0);
    },
  });
  new Gauge({
    name: 'registry_replica_lag_seconds',
    help: 'How long a read replica has been missing WAL the primary had (0: it had replayed all at its last check). Past REPLICA_MAX_LAG_MS it is not read from.',
    labelNames: ['replica'],
    registers,
    collect() {
      const now = Date.now();
      for (const r of replicas.replicas) if (r.up) this.set({ replica: r.name }, replicas.lagMs(r, now) / 1000);
    },
  });
  new Counter({
    name: 'registry_reads_total',
    help: 'Requests whose reads went to the primary or a replica, and why (replica; no-replica: none up and within the max lag; read-your-writes: behind the caller\'s write or token; write: a mutation or import; replica-failed: read again on the primary).',
    labelNames: ['server', 'reason'],
    registers,
    collect() {
      this.reset();
      for (const [key, count] of replicas.routed) {
        const [server, reason] = key.split(':');
        this.inc({ server, reason }, count);
      }
    },
  });
}

const sha256 = (text: string) => createHash('sha256').update(text).digest();
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/**
 * `GET /metrics`. With METRICS_TOKEN set, a scraper sends `Authorization: Bearer <token>`; without
 * it, only clients on this machine (the TCP peer, not X-Forwarded-For) are answered, since the
 * numbers name operations and show load. Not rate-limited: Prometheus scrapes on its own schedule.
 */
export function metricsRouter(metrics: Metrics, token: string | undefined): Router {
  const tokenHash = token ? sha256(token) : null;
  const allowed = (req: Request): boolean => {
    if (!tokenHash) return LOOPBACK.test(req.socket.remoteAddress ?? '');
    const presented = bearerToken(req.header('authorization'));
    return presented !== null && timingSafeEqual(sha256(presented), tokenHash);
  };
  const router = Router();
  router.get('/metrics', async (req, res) => {
    if (!allowed(req)) {
      if (token) res.setHeader('www-authenticate', 'Bearer realm="metrics"');
      if (token) return sendError(res, 401, 'UNAUTHENTICATED', '/metrics needs Authorization: Bearer <METRICS_TOKEN>.');
      return sendError(res, 403, 'FORBIDDEN', '/metrics answers this machine only; set METRICS_TOKEN to scrape it from elsewhere.');
    }
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return router;
}
