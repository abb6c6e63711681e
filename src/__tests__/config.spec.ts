import path from 'node:path';
import { loadConfig } from '../config';

describe('loadConfig', () => {
  it('reads every setting from the environment it is given', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      DATABASE_URL: 'postgres://u:p@db:5432/registry',
      DATA_DIR: '/var/lib/registry',
      EMBEDDED_PG_PORT: '55432',
      LOG_LEVEL: 'warn',
      SEED_ON_EMPTY: 'false',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      databaseUrl: 'postgres://u:p@db:5432/registry',
      dataDir: '/var/lib/registry',
      embeddedPgPort: 55432,
      logLevel: 'warn',
      seedOnEmptyDatabase: false,
    });
  });

  it('falls back to the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 4000, host: '0.0.0.0', databaseUrl: undefined, embeddedPgPort: 0, logLevel: 'info', seedOnEmptyDatabase: true });
    expect(config.dataDir).toBe(path.resolve('.data'));
  });

  it('reads the database timeouts, the start-up retries and the shutdown deadline, with their defaults', () => {
    expect(loadConfig({})).toMatchObject({
      dbPoolSize: 10,
      statementTimeoutMs: 10_000,
      dbConnectionTimeoutMs: 5_000,
      dbStartTimeoutMs: 0,
      dbStartRetryMaxMs: 30_000,
      shutdownTimeoutMs: 8_000,
    });
    const config = loadConfig({
      DB_POOL_SIZE: '20',
      STATEMENT_TIMEOUT_MS: '2500',
      DB_CONNECTION_TIMEOUT_MS: '800',
      DB_START_TIMEOUT_MS: '120000',
      DB_START_RETRY_MAX_MS: '5000',
      SHUTDOWN_TIMEOUT_MS: '3000',
    });
    expect(config).toMatchObject({ dbPoolSize: 20, statementTimeoutMs: 2500, dbConnectionTimeoutMs: 800, dbStartTimeoutMs: 120_000, dbStartRetryMaxMs: 5000, shutdownTimeoutMs: 3000 });
    expect(() => loadConfig({ STATEMENT_TIMEOUT_MS: '0' })).toThrow(/STATEMENT_TIMEOUT_MS must be a whole number of at least 1/);
    expect(() => loadConfig({ DB_CONNECTION_TIMEOUT_MS: '1.5s' })).toThrow(/DB_CONNECTION_TIMEOUT_MS/);
    expect(() => loadConfig({ DB_POOL_SIZE: '0' })).toThrow(/DB_POOL_SIZE/);
  });

  it('reads the query limits, with the documented defaults', () => {
    expect(loadConfig({}).queryLimits).toEqual({ maxDepth: 10, maxCost: 5000, maxAliases: 30, maxDirectives: 50, maxTokens: 5000, maxFields: 500, maxBatch: 0 });
    const config = loadConfig({
      QUERY_MAX_DEPTH: '12',
      QUERY_MAX_COST: '20000',
      QUERY_MAX_ALIASES: '10',
      QUERY_MAX_DIRECTIVES: '5',
      QUERY_MAX_TOKENS: '8000',
      QUERY_MAX_FIELDS: '300',
      QUERY_MAX_BATCH: '4',
    });
    expect(config.queryLimits).toEqual({ maxDepth: 12, maxCost: 20000, maxAliases: 10, maxDirectives: 5, maxTokens: 8000, maxFields: 300, maxBatch: 4 });
    expect(() => loadConfig({ QUERY_MAX_DEPTH: '0' })).toThrow(/QUERY_MAX_DEPTH must be a whole number of at least 1/);
    expect(() => loadConfig({ QUERY_MAX_COST: 'lots' })).toThrow(/QUERY_MAX_COST/);
  });

  it('reads the rate limits, their Redis, the metrics token and the trusted proxies', () => {
    expect(loadConfig({})).toMatchObject({
      rateLimit: {
        key: { perSecond: 20, burst: 100 },
        anonymous: { perSecond: 5, burst: 30 },
        roles: { ADMIN: { perSecond: 20, burst: 100 }, ANALYST: { perSecond: 20, burst: 100 }, CITY_EDITOR: { perSecond: 20, burst: 100 } },
        redisUrl: undefined,
      },
      metricsToken: undefined,
      trustProxy: false,
    });
    const config = loadConfig({
      RATE_LIMIT_PER_SECOND: '10',
      RATE_LIMIT_BURST: '40',
      RATE_LIMIT_ANONYMOUS_PER_SECOND: '0.5',
      RATE_LIMIT_ANONYMOUS_BURST: '5',
      RATE_LIMIT_ADMIN_BURST: '500',
      REDIS_URL: 'redis://cache:6379/2',
      METRICS_TOKEN: 'scrape',
      TRUST_PROXY: '1',
    });
    expect(config.rateLimit).toEqual({
      key: { perSecond: 10, burst: 40 },
      anonymous: { perSecond: 0.5, burst: 5 },
      roles: { ADMIN: { perSecond: 10, burst: 500 }, ANALYST: { perSecond: 10, burst: 40 }, CITY_EDITOR: { perSecond: 10, burst: 40 } },
      redisUrl: 'redis://cache:6379/2',
    });
    expect(config).toMatchObject({ metricsToken: 'scrape', trustProxy: 1 });
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback, 10.0.0.0/8');
    expect(loadConfig({ RATE_LIMIT_ENABLED: 'false' }).rateLimit).toBeNull();
    expect(() => loadConfig({ RATE_LIMIT_BURST: '0' })).toThrow(/RATE_LIMIT_BURST must be a positive number/);
    expect(() => loadConfig({ RATE_LIMIT_CITY_EDITOR_BURST: '0.5' })).toThrow(/RATE_LIMIT_CITY_EDITOR_BURST must be at least 1/);
    expect(() => loadConfig({ RATE_LIMIT_ANONYMOUS_PER_SECOND: 'fast' })).toThrow(/RATE_LIMIT_ANONYMOUS_PER_SECOND/);
  });

  it('refuses a port that is not one', () => {
    expect(() => loadConfig({ PORT: 'http' })).toThrow(/PORT must be a port number/);
    expect(() => loadConfig({ EMBEDDED_PG_PORT: '70000' })).toThrow(/EMBEDDED_PG_PORT/);
  });
});
