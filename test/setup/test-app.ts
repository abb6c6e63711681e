import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { Client } from 'pg';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import type { Pool } from 'pg';
import type { Role } from '../../src/auth/caller';
import { createDataSource } from '../../src/db/data-source';
import { logger } from '../../src/logger';
import { createRequestPool, type PoolTimeouts } from '../../src/db/request-pool';
import { apiKeyStore } from '../../src/modules/api-key/api-key.store';
import { createApp, type AppOptions, type RegistryApp } from '../../src/server/app';
import { requestUrlOf, TEMPLATE_DATABASE, withDatabase } from './database-url';

function adminUrl(): string {
  const url = process.env.REGISTRY_TEST_ADMIN_URL;
  if (!url) throw new Error('the jest global setup did not run (REGISTRY_TEST_ADMIN_URL is unset)');
  return url;
}

async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh database for one test file: a copy of the seeded template, or an empty one. */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `registry_test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(options.empty ? `CREATE DATABASE ${name}` : `CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`));
  return {
    url: withDatabase(adminUrl(), name),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

export type GraphQLResponse<T = any> = { data?: T; errors?: any[]; extensions?: any };

export interface TestApp extends RegistryApp {
  /** The owner's connection: for setting up and checking data behind the API's back. */
  dataSource: DataSource;
  /** The request pool the app runs on (the application role, under row-level security). */
  requestPool: Pool;
  /** POST a GraphQL query over HTTP, anonymously; resolves to the parsed response body. */
  graphql<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** The same with `Authorization: Bearer <key>`. */
  graphqlAs<T = any>(key: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** A new API key with this role (and city, for CITY_EDITOR); resolves to the key and its id. */
  createKey(role: Role | `${Role}`, cityCode?: string | null, label?: string): Promise<{ key: string; id: number }>;
  close(): Promise<void>;
}

/**
 * The real HTTP app over its own copy of the seeded database (no rate limits unless `options.rateLimit`;
 * `pool` sets the request pool's size, 5 by default, and its timeouts).
 */
export async function startTestApp(testOptions: Partial<AppOptions> & { pool?: Partial<PoolTimeouts> & { max?: number } } = {}): Promise<TestApp> {
  const { pool: poolOptions = {}, ...options } = testOptions;
  const database = await createTestDatabase();
  const dataSource = createDataSource(database.url);
  await dataSource.initialize();
  const requestPool = createRequestPool(requestUrlOf(database.url), poolOptions.max ?? 5, poolOptions);
  // Request log lines at warn and above only (5xx), so a test run's output stays readable.
  const quiet = logger.child({}, { level: 'warn' });
  const registry = await createApp(dataSource, requestPool, { logger: quiet, ...options, requireKey: options.requireKey ?? false });
  const post = (query: string, variables?: Record<string, unknown>, key?: string) => {
    const req = request(registry.app).post('/graphql').set('content-type', 'application/json');
    if (key) req.set('authorization', `Bearer ${key}`);
    return req.send({ query, variables }).then((res) => res.body);
  };
  return {
    ...registry,
    dataSource,
    requestPool,
    graphql: (query, variables) => post(query, variables),
    graphqlAs: (key, query, variables) => post(query, variables, key),
    async createKey(role, cityCode = null, label = `test ${role}`) {
      const { record, key } = await apiKeyStore.create(dataSource, { role: role as Role, cityCode, label });
      return { key, id: record.id };
    },
    async close() {
      await registry.apollo.stop();
      await requestPool.end();
      await dataSource.destroy();
      await database.drop();
    },
  };
}

/**
 * The app on a port of its own on loopback, for clients that need a URL rather than supertest (fetch, graphql-http's
 * audit, Apollo Client, Relay): its base URL, and `close`, which also cuts the connections clients keep alive.
 */
export async function listenOnLoopback(app: Express): Promise<{ base: string; close(): Promise<void> }> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** For a whole test file: a test app on a loopback port, started before its tests and closed after them; read `app` and `url` (its /graphql) in the tests. */
export function testAppOnLoopback(options: Parameters<typeof startTestApp>[0] = {}): { readonly app: TestApp; readonly url: string } {
  const served = {} as { app: TestApp; url: string; close: () => Promise<void> };
  beforeAll(async () => {
    served.app = await startTestApp(options);
    const listening = await listenOnLoopback(served.app.app);
    served.url = `${listening.base}/graphql`;
    served.close = listening.close;
  });
  afterAll(async () => {
    await served.close?.();
    await served.app?.close();
  });
  return served;
}
