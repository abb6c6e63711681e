/**
 * Operations rely on the health endpoints (liveness, readiness) and on request ids to find a
 * request in the logs; analysts rely on GraphiQL and the API sharing one address.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createDataSource, poolOf } from '../../src/db/data-source';
import { retryingSharedCatalogRace } from '../../src/db/faults';
import { createApp, type RegistryApp } from '../../src/server/app';
import { createTestDatabase, startTestApp, type TestApp } from '../setup/test-app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('on a ready, seeded registry', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('/healthz answers 200', async () => {
    const res = await request(app.app).get('/healthz').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('/readyz answers 200 when the database answers and no migration is pending', async () => {
    const res = await request(app.app).get('/readyz').expect(200);
    expect(res.body).toEqual({ status: 'ready' });
  });

  describe('GraphiQL and the API on one port', () => {
    let server: Server;
    let base: string;
    beforeAll(async () => {
      server = await new Promise<Server>((resolve) => {
        const s = app.app.listen(0, '127.0.0.1', () => resolve(s));
      });
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('a browser GET /graphql gets GraphiQL, a POST /graphql gets answers', async () => {
      const page = await fetch(`${base}/graphql`, { headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await page.text();
      expect(html).toContain('GraphiQL');
      expect(html).toContain('data-endpoint="/graphql"');

      const answer = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ query: '{ city(code: "320100") { name innovationStudios { totalCount } } }' }),
      });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toMatch(/^application\/(graphql-response\+)?json/);
      const body = (await answer.json()) as { data?: unknown; errors?: unknown[] };
      expect(body.errors).toBeUndefined();
      expect(body.data).toEqual({ city: { name: '南京', innovationStudios: { totalCount: 598 } } });
    });

    it('/ sends browsers to /graphql', async () => {
      const res = await fetch(`${base}/`, { redirect: 'manual' });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe('/graphql');
    });
  });

  describe('request ids', () => {
    const post = (query: string) => request(app.app).post('/graphql').set('content-type', 'application/json').send({ query });

    it('every GraphQL response carries one, in the x-request-id header and in extensions.requestId', async () => {
      const res = await post('{ provinces { totalCount } }').expect(200);
      const id = res.headers['x-request-id'];
      expect(id).toMatch(UUID);
      expect(res.body.extensions.requestId).toBe(id);
    });

    it('each request gets its own', async () => {
      const ids = new Set<string>();
      for (let i = 0; i < 5; i += 1) ids.add((await post('{ __typename }')).headers['x-request-id']);
      expect(ids.size).toBe(5);
    });

    it('an incoming x-request-id is used and echoed', async () => {
      const res = await request(app.app)
        .post('/graphql')
        .set('content-type', 'application/json')
        .set('x-request-id', 'gateway-7f3a-0001')
        .send({ query: '{ __typename }' })
        .expect(200);
      expect(res.headers['x-request-id']).toBe('gateway-7f3a-0001');
      expect(res.body.extensions.requestId).toBe('gateway-7f3a-0001');
    });

    it('an overlong incoming id is cut to 100 characters', async () => {
      const res = await request(app.app).post('/graphql').set('content-type', 'application/json').set('x-request-id', 'x'.repeat(500)).send({ query: '{ __typename }' });
      expect(res.headers['x-request-id']).toBe('x'.repeat(100));
      expect(res.body.extensions.requestId).toBe('x'.repeat(100));
    });

    it('failed requests carry one too', async () => {
      const invalid = await post('{ noSuchField }');
      expect(invalid.status).toBe(200); // a request error, to an application/json client
      expect(invalid.body.data).toBeUndefined();
      expect(invalid.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(invalid.headers['x-request-id']).toMatch(UUID);
      expect(invalid.body.extensions.requestId).toBe(invalid.headers['x-request-id']);

      const badInput = await post('{ enterprises(first: 101) { totalCount } }');
      expect(badInput.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(badInput.headers['x-request-id']).toMatch(UUID);
      expect(badInput.body.extensions.requestId).toBe(badInput.headers['x-request-id']);
    });
  });
});

describe('readiness when the registry is not ready', () => {
  let database: { url: string; drop: () => Promise<void> };
  let dataSource: DataSource;
  let registry: RegistryApp;

  beforeAll(async () => {
    database = await createTestDatabase({ empty: true });
    dataSource = createDataSource(database.url);
    await dataSource.initialize();
    // Another test file's database may change the shared roles at the same moment ("tuple concurrently updated"):
    // run again, as src/db/migrate.ts does.
    await retryingSharedCatalogRace(() => dataSource.runMigrations({ transaction: 'each' }));
    await dataSource.undoLastMigration({ transaction: 'each' });
    registry = await createApp(dataSource, poolOf(dataSource));
  });
  afterAll(async () => {
    await registry?.apollo.stop();
    if (dataSource?.isInitialized) await dataSource.destroy();
    await database?.drop();
  });

  it('/readyz answers 503 while a migration is pending, and /healthz still 200', async () => {
    const res = await request(registry.app).get('/readyz').expect(503);
    expect(res.body).toEqual({ status: 'unavailable', reason: 'pending migrations' });
    await request(registry.app).get('/healthz').expect(200);
  });

  it('/readyz answers 200 once the migration has run', async () => {
    await retryingSharedCatalogRace(() => dataSource.runMigrations({ transaction: 'each' }));
    await request(registry.app).get('/readyz').expect(200);
  });

  it('/readyz answers 503 once the database connection is gone, and /healthz still 200', async () => {
    await dataSource.destroy();
    const res = await request(registry.app).get('/readyz').expect(503);
    expect(res.body.status).toBe('unavailable');
    expect(typeof res.body.reason).toBe('string');
    await request(registry.app).get('/healthz').expect(200);
  });
});
