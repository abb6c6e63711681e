/**
 * A slow statement or a full pool must not pile requests up. PostgreSQL cancels a request's
 * statement past the statement timeout (TIMEOUT, nothing written); a request that finds every
 * connection taken fails fast (TIMEOUT, 503 with Retry-After) instead of queueing; liveness stays
 * up; and the server serves again as soon as the cause is gone. Statements are made slow the way
 * production makes them slow: another connection holds a lock they need.
 */
import { once } from 'node:events';
import http, { type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { lockTable, unlock } from '../setup/locks';
import { gql, post, sqlNumber } from '../setup/queries';
import { testEnterprises } from '../setup/fixtures';
import { startTestApp, type TestApp } from '../setup/test-app';
import { recordMutations } from '../setup/writes';

const STATEMENT_TIMEOUT_MS = 1000;
const SOURCES = '{ sources(first: 5) { totalCount nodes { title } } }';
const { CREATE } = recordMutations('Source', 'source', 'id title');


/** No SQL, stack or driver text reaches the client. */
function expectNoLeak(body: unknown): void {
  expect(JSON.stringify(body)).not.toMatch(/stack|canceling statement|statement_timeout|SELECT|INSERT|pg-pool|at .*\.ts/i);
}

describe('the statement timeout', () => {
  let app: TestApp;
  let admin: string;
  beforeAll(async () => {
    app = await startTestApp({ pool: { statementTimeoutMs: STATEMENT_TIMEOUT_MS } });
    admin = (await app.createKey('ADMIN')).key;
  });
  afterAll(() => app.close());

  it('is set on every connection of the request pool', async () => {
    const client = await app.requestPool.connect();
    try {
      const { rows } = await client.query(`SELECT current_setting('statement_timeout') AS timeout`);
      expect(rows[0].timeout).toBe('1s');
    } finally {
      client.release();
    }
  });

  it('cancels a read that waits too long: TIMEOUT with a clear message, and the next read is served', async () => {
    const lock = await lockTable(app, 'source');
    try {
      const res = await post(app, SOURCES);
      expect(res.status).toBe(200); // the query's own failure, not the server's
      expect(res.body.data).toEqual({ sources: null });
      for (const error of res.body.errors) {
        expect(error.extensions).toEqual({ code: 'TIMEOUT' });
        expect(error.path[0]).toBe('sources');
        expect(error.message).toMatch(/statement timeout/);
      }
      expect(res.body.extensions.requestId).toEqual(expect.any(String));
      expectNoLeak(res.body);
      // Other tables, and liveness, are not held up meanwhile.
      expect((await gql(app, '{ provinces { totalCount } }')).provinces.totalCount).toBeGreaterThan(0);
      await request(app.app).get('/healthz').expect(200);
    } finally {
      await unlock(lock);
    }
    expect((await gql(app, SOURCES)).sources.totalCount).toBe(10);
  });

  it('cancels a write that waits too long: TIMEOUT, and nothing of it is stored', async () => {
    const audits = await sqlNumber(app, 'SELECT count(*) FROM audit_entry');
    const lock = await lockTable(app, 'source');
    let res;
    try {
      res = await app.graphqlAs(admin, CREATE, { input: { publisher: '新华日报', title: '超时的报道', publishedOn: '2025-06-01' } });
    } finally {
      await unlock(lock);
    }
    expect(res.data).toBeNull();
    expect(res.errors?.[0].extensions).toEqual({ code: 'TIMEOUT' });
    expectNoLeak(res);
    expect(await sqlNumber(app, `SELECT count(*) FROM source WHERE title = '超时的报道'`)).toBe(0);
    expect(await sqlNumber(app, 'SELECT count(*) FROM audit_entry')).toBe(audits);

    const again = await app.graphqlAs(admin, CREATE, { input: { publisher: '新华日报', title: '超时的报道', publishedOn: '2025-06-01' } });
    expect(again.errors).toBeUndefined();
    expect(again.data.createSource.userErrors).toEqual([]);
    expect(await sqlNumber(app, `SELECT count(*) FROM source WHERE title = '超时的报道'`)).toBe(1);
  });

  describe('and exports', () => {
    const EXTRA = 60_000;
    let server: Server;
    let base: string;
    beforeAll(async () => {
      // The published data set has no enterprise in Nanjing: the studios' host is one made here.
      const [enterprise] = await testEnterprises((text, params) => app.dataSource.query(text, params), '320100');
      await app.dataSource.query(
        `INSERT INTO innovation_studio (name, kind, enterprise_id, province_code, city_code, is_sample)
         SELECT '超时测试工作室 ' || g || repeat('名', 40), 'EMPLOYEE', $1, '320000', '320100', true FROM generate_series(1, ${EXTRA}) AS g`,
        [enterprise.id],
      );
      server = app.app.listen(0, '127.0.0.1');
      await once(server, 'listening');
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    }, 60_000);
    afterAll(async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });

    const exportOpen = async () =>
      (await sqlNumber(app, `SELECT count(*) FROM pg_stat_activity WHERE application_name = 'reform-registry export' AND xact_start IS NOT NULL`)) > 0;

    it('a download that lasts longer than the requests\' statement timeout is not cut: its cursor has a timeout of its own', async () => {
      const res = await new Promise<IncomingMessage>((resolve, reject) => http.get(`${base}/export/innovation-studios.ndjson`, resolve).on('error', reject));
      expect(res.statusCode).toBe(200);
      let lines = 0;
      const count = (chunk: Buffer) => {
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines += 1;
      };
      // Read a little, then stop reading for three statement timeouts: backpressure holds the
      // export's transaction open, mid-cursor, all that time.
      await new Promise<void>((resolve) => res.once('data', (chunk: Buffer) => (count(chunk), res.pause(), resolve())));
      await new Promise((resolve) => setTimeout(resolve, 3 * STATEMENT_TIMEOUT_MS));
      expect(await exportOpen()).toBe(true);
      res.on('data', count);
      res.resume();
      await once(res, 'end');
      expect(lines).toBe(await sqlNumber(app, 'SELECT count(*) FROM innovation_studio WHERE archived_at IS NULL'));
    }, 60_000);
  });
});

describe('a full request pool', () => {
  let app: TestApp;
  let admin: string;
  beforeAll(async () => {
    app = await startTestApp({ pool: { max: 2, connectionTimeoutMs: 300 } });
    admin = (await app.createKey('ADMIN')).key;
  });
  afterAll(() => app.close());

  it('fails requests fast with TIMEOUT, 503 and Retry-After while every connection is taken; liveness stays up; then serves again', async () => {
    // Every connection busy, as under a burst of slow requests.
    const held = [await app.requestPool.connect(), await app.requestPool.connect()];
    try {
      const anonymous = await post(app, SOURCES);
      expect(anonymous.status).toBe(503);
      expect(anonymous.body.errors[0].extensions).toEqual({ code: 'TIMEOUT' });
      expect(anonymous.body.errors[0].message).toMatch(/busy/);
      expectNoLeak(anonymous.body);

      // With a key, authentication itself needs a connection: the same answer, not a 500.
      const keyed = await request(app.app).post('/graphql').set('authorization', `Bearer ${admin}`).send({ query: SOURCES });
      expect(keyed.status).toBe(503);
      expect(keyed.headers['retry-after']).toBe('1');
      expect(keyed.body.errors[0].extensions).toEqual({ code: 'TIMEOUT' });

      const exported = await request(app.app).get('/export/sources.csv');
      expect(exported.status).toBe(503);
      expect(exported.body.errors[0].extensions).toEqual({ code: 'TIMEOUT' });

      const res = await request(app.app).post('/graphql').send({ query: SOURCES });
      expect(res.headers['retry-after']).toBe('1');
      await request(app.app).get('/healthz').expect(200);
    } finally {
      for (const client of held) client.release();
    }
    expect((await gql(app, SOURCES)).sources.totalCount).toBe(10);
    const keyed = await app.graphqlAs(admin, SOURCES);
    expect(keyed.errors).toBeUndefined();
  });
});
