import path from 'node:path';
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from './graphql/limits/query-limits';
import type { RateLimitOptions } from './server/rate-limit/rate-limit';

/** Every environment variable the platform reads, in one place (the README lists the same). */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /** A transaction-mode pooler (PgBouncer…) in front of DATABASE_URL's server, for the request pool (src/db/request-pool.ts, behindPooler). */
  databasePoolerUrl: string | undefined;
  /** Streaming replicas for reads (DATABASE_REPLICA_URLS, comma-separated; src/db/read-replicas.ts). */
  databaseReplicaUrls: string[];
  /** A replica further behind the primary than this is not read from (REPLICA_MAX_LAG_MS). */
  replicaMaxLagMs: number;
  dataDir: string;
  embeddedPgPort: number;
  logLevel: string;
  nodeEnv: string;
  seedOnEmptyDatabase: boolean;
  /** Lets BI tools log in as bi_reader (src/db/bi-reader.ts); unset, that role cannot log in. */
  biReaderPassword: string | undefined;
  /** The request pool's login password (src/db/app-role.ts); unset, derived from DATABASE_URL's password. */
  registryAppPassword: string | undefined;
  /** Connections in the request pool (src/db/request-pool.ts). */
  dbPoolSize: number;
  /** PostgreSQL statement_timeout on every request connection: a longer statement is cancelled (TIMEOUT). */
  statementTimeoutMs: number;
  /** Longest wait for a free or new database connection before a request fails fast (TIMEOUT, 503). */
  dbConnectionTimeoutMs: number;
  /** All of one request's statements and waits together (src/db/request-bounds.ts): past it, TIMEOUT. */
  requestTimeoutMs: number;
  /** Database connections one request holds at once. */
  requestMaxConnections: number;
  /** Connections all heavy requests (aggregates, scans) hold at once; unset, a quarter of the pool (at least 1). */
  dbHeavyConnections: number | undefined;
  /** With DATABASE_URL: how long start-up keeps retrying an unreachable database; 0 = until it answers. */
  dbStartTimeoutMs: number;
  /** Longest pause between two start-up attempts (the pause doubles from 0.5 s up to this). */
  dbStartRetryMaxMs: number;
  /** On SIGTERM: how long in-flight requests may take to finish before their connections are cut. */
  shutdownTimeoutMs: number;
  /** Token buckets per API key and per anonymous address (src/server/rate-limit/); null when RATE_LIMIT_ENABLED=false. */
  rateLimit: RateLimitOptions | null;
  /** Bearer token /metrics asks for; unset, /metrics answers loopback clients only (src/server/metrics.ts). */
  metricsToken: string | undefined;
  /** Express's "trust proxy": which proxies' X-Forwarded-For gives the client address (rate limits per address). */
  trustProxy: boolean | number | string;
  /** What one GraphQL request may ask: depth, cost, aliases, directives, tokens, fields, batch size. */
  queryLimits: QueryLimits;
  /** CSV and NDJSON downloads made by PostgreSQL's COPY where the type allows (src/modules/export/export-copy.ts); EXPORTS_BY_COPY=false makes every download row by row. */
  exportsByCopy: boolean;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`${name} must be a port number, got '${raw}'`);
  return value;
}

/** A whole number of at least `min`: milliseconds, connections (0 where the variable says what 0 means). */
function whole(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min) throw new Error(`${name} must be a whole number of at least ${min}, got '${raw}'`);
  return value;
}

/** A positive number of requests (a rate may be fractional: 0.5 is one request every two seconds). */
function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got '${raw}'`);
  return value;
}

function rateLimit(env: NodeJS.ProcessEnv): RateLimitOptions | null {
  if (env.RATE_LIMIT_ENABLED === 'false') return null;
  const limit = (prefix: string, perSecond: number, burst: number) => {
    const value = { perSecond: positive(env, `${prefix}_PER_SECOND`, perSecond), burst: positive(env, `${prefix}_BURST`, burst) };
    // A bucket that cannot hold one whole token would refuse every request.
    if (value.burst < 1) throw new Error(`${prefix}_BURST must be at least 1, got '${env[`${prefix}_BURST`]}'`);
    return value;
  };
  const key = limit('RATE_LIMIT', 20, 100);
  return {
    key,
    anonymous: limit('RATE_LIMIT_ANONYMOUS', 5, 30),
    roles: {
      ADMIN: limit('RATE_LIMIT_ADMIN', key.perSecond, key.burst),
      ANALYST: limit('RATE_LIMIT_ANALYST', key.perSecond, key.burst),
      CITY_EDITOR: limit('RATE_LIMIT_CITY_EDITOR', key.perSecond, key.burst),
    },
    redisUrl: env.REDIS_URL || undefined,
  };
}

/** DATABASE_REPLICA_URLS: PostgreSQL URLs separated by commas (a comma inside one is written %2C). */
function replicaUrls(raw: string | undefined): string[] {
  const urls = (raw ?? '').split(',').map((u) => u.trim()).filter(Boolean);
  for (const url of urls) {
    let protocol = '';
    try {
      protocol = new URL(url).protocol;
    } catch {
      // said below, without the URL, which may hold a password
    }
    if (protocol !== 'postgres:' && protocol !== 'postgresql:') throw new Error('DATABASE_REPLICA_URLS must be postgres:// URLs separated by commas');
  }
  return urls;
}

function trustProxy(raw: string | undefined): boolean | number | string {
  if (!raw || raw === 'false') return false;
  if (raw === 'true') return true;
  return /^\d+$/.test(raw) ? Number(raw) : raw;
}

/** QUERY_MAX_*: what one GraphQL request may ask (src/graphql/limits/). */
function queryLimits(env: NodeJS.ProcessEnv): QueryLimits {
  const d = DEFAULT_QUERY_LIMITS;
  return {
    maxDepth: whole(env, 'QUERY_MAX_DEPTH', d.maxDepth, 1),
    maxCost: whole(env, 'QUERY_MAX_COST', d.maxCost, 1),
    maxAliases: whole(env, 'QUERY_MAX_ALIASES', d.maxAliases, 0),
    maxDirectives: whole(env, 'QUERY_MAX_DIRECTIVES', d.maxDirectives, 0),
    maxTokens: whole(env, 'QUERY_MAX_TOKENS', d.maxTokens, 100),
    maxFields: whole(env, 'QUERY_MAX_FIELDS', d.maxFields, 1),
    maxBatch: whole(env, 'QUERY_MAX_BATCH', d.maxBatch, 0),
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: integer(env, 'PORT', 4000),
    host: env.HOST || '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    databasePoolerUrl: env.DATABASE_POOLER_URL || undefined,
    databaseReplicaUrls: replicaUrls(env.DATABASE_REPLICA_URLS),
    replicaMaxLagMs: whole(env, 'REPLICA_MAX_LAG_MS', 3_000, 1),
    dataDir: path.resolve(env.DATA_DIR || '.data'),
    embeddedPgPort: integer(env, 'EMBEDDED_PG_PORT', 0),
    logLevel: env.LOG_LEVEL || 'info',
    nodeEnv: env.NODE_ENV || 'development',
    seedOnEmptyDatabase: env.SEED_ON_EMPTY !== 'false',
    biReaderPassword: env.BI_READER_PASSWORD || undefined,
    registryAppPassword: env.REGISTRY_APP_PASSWORD || undefined,
    dbPoolSize: whole(env, 'DB_POOL_SIZE', 10, 1),
    statementTimeoutMs: whole(env, 'STATEMENT_TIMEOUT_MS', 10_000, 1),
    dbConnectionTimeoutMs: whole(env, 'DB_CONNECTION_TIMEOUT_MS', 5_000, 1),
    requestTimeoutMs: whole(env, 'REQUEST_TIMEOUT_MS', 15_000, 1),
    requestMaxConnections: whole(env, 'REQUEST_MAX_CONNECTIONS', 2, 1),
    dbHeavyConnections: env.DB_HEAVY_CONNECTIONS ? whole(env, 'DB_HEAVY_CONNECTIONS', 1, 1) : undefined,
    dbStartTimeoutMs: whole(env, 'DB_START_TIMEOUT_MS', 0),
    dbStartRetryMaxMs: whole(env, 'DB_START_RETRY_MAX_MS', 30_000, 1),
    shutdownTimeoutMs: whole(env, 'SHUTDOWN_TIMEOUT_MS', 8_000, 0),
    rateLimit: rateLimit(env),
    metricsToken: env.METRICS_TOKEN || undefined,
    trustProxy: trustProxy(env.TRUST_PROXY),
    queryLimits: queryLimits(env),
    exportsByCopy: env.EXPORTS_BY_COPY !== 'false',
  };
}
