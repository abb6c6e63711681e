import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createDataSource, poolOf } from '../../src/db/data-source';
import { createApp, type RegistryApp } from '../../src/server/app';
import { TEMPLATE_DATABASE, withDatabase } from './database-url';

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

export interface TestApp extends RegistryApp {
  dataSource: DataSource;
  /** POST a GraphQL query over HTTP; resolves to the parsed response body. */
  graphql<T = any>(query: string, variables?: Record<string, unknown>): Promise<{ data?: T; errors?: any[]; extensions?: any }>;
  close(): Promise<void>;
}

/** The real HTTP app over its own copy of the seeded database. */
export async function startTestApp(): Promise<TestApp> {
  const database = await createTestDatabase();
  const dataSource = createDataSource(database.url);
  await dataSource.initialize();
  const registry = await createApp(dataSource, poolOf(dataSource));
  return {
    ...registry,
    dataSource,
    async graphql(query, variables) {
      const res = await request(registry.app).post('/graphql').set('content-type', 'application/json').send({ query, variables });
      return res.body;
    },
    async close() {
      await registry.apollo.stop();
      await dataSource.destroy();
      await database.drop();
    },
  };
}
