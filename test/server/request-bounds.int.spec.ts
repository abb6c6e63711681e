/**
 * What one request may take of the database (issue 16, src/db/request-bounds.ts): all its statements
 * end by its deadline (one still running is cancelled in PostgreSQL, nothing of a write is kept), it holds
 * at most REQUEST_MAX_CONNECTIONS connections at once however many lists it asks for, and heavy requests
 * (aggregates, scans) share a lane of the pool that leaves the rest to everyone else. Statements are made
 * to wait the way production makes them wait: the owner holds a lock they need. Nothing here is timed
 * beyond generous deadlines; the flood's figures are in `npm run bench:flood`.
 */
import request from 'supertest';
import { backendPid, boundRequests } from '../../src/db/request-bounds';
import { lockTable, unlock } from '../setup/locks';
import { gql, post, sqlNumber } from '../setup/queries';
import { waitFor } from '../setup/server-process';
import { startTestApp, type TestApp } from '../setup/test-app';

let app: TestApp;
let admin: string;

beforeAll(async () => {
  app = await startTestApp({ pool: { max: 6 } });
  admin = (await app.createKey('ADMIN')).key;
});
afterAll(() => app.close());


/** Request connections of this test's database waiting on a lock now. */
const waiting = () =>
  sqlNumber(app, `SELECT count(*)::int FROM pg_stat_activity WHERE usename = 'registry_app' AND datname = current_database() AND wait_event_type = 'Lock'`);

const postAs = (query: string, key?: string) => {
  const req = request(app.app).post('/graphql').set('content-type', 'application/json');
  if (key) req.set('authorization', `Bearer ${key}`);
  return req.send({ query }).then((res) => ({ status: res.status, body: res.body }));
};

it("pg's Client keeps the server's process id it was given at login (processID), which the deadline cancels by", async () => {
  const client = await app.requestPool.connect();
  try {
    const { rows } = await client.query('SELECT pg_backend_pid() AS pid');
    expect(backendPid(client)).toBe(rows[0].pid);
  } finally {
    client.release();
  }
});

describe('the request deadline', () => {
  beforeAll(() => boundRequests(app.requestPool, { timeoutMs: 1500, connections: 2, heavyConnections: 2 }));

  it('stops a read still waiting at the deadline, in PostgreSQL too: TIMEOUT, and the connection is free again', async () => {
    const lock = await lockTable(app, 'source');
    try {
      const res = await post(app, '{ sources(first: 3) { nodes { title } } }');
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual({ sources: null });
      expect(res.body.errors[0].extensions).toEqual({ code: 'TIMEOUT' });
      expect(res.body.errors[0].message).toMatch(/REQUEST_TIMEOUT_MS/);
      // The statement was cancelled in PostgreSQL, not only abandoned by Node: nothing of ours waits on the lock.
      await waitFor('the cancelled statement to leave', async () => ((await waiting()) === 0 ? true : undefined), 5_000);
    } finally {
      await unlock(lock);
    }
    expect((await gql(app, '{ sources(first: 3) { nodes { title } } }')).sources.nodes).toHaveLength(3);
  });

  it('stops a write at the deadline and keeps nothing of it', async () => {
    const lock = await lockTable(app, 'source');
    try {
      const res = await postAs('mutation { createSource(input: { publisher: "测试", title: "过期写入", publishedOn: "2026-01-01" }) { source { id } userErrors { code } } }', admin);
      expect(res.body.errors[0].extensions.code).toBe('TIMEOUT');
    } finally {
      await unlock(lock);
    }
    expect(await sqlNumber(app, `SELECT count(*)::int FROM source WHERE title = '过期写入'`)).toBe(0);
  });
});

describe('connections per request', () => {
  beforeAll(() => boundRequests(app.requestPool, { timeoutMs: 20_000, connections: 2, heavyConnections: 2 }));

  it('five aliased lists wait on at most two connections at once, and are all answered in the end', async () => {
    const lock = await lockTable(app, 'source');
    let answer: Promise<{ status: number; body: any }>;
    try {
      answer = post(app, `{ ${Array.from({ length: 5 }, (_, i) => `a${i}: sources(first: ${i + 1}) { nodes { title } }`).join(' ')} }`);
      await waitFor('two statements to wait on the lock', async () => ((await waiting()) === 2 ? true : undefined), 5_000);
      // Never more: the other three wait in the request for one of its two connections.
      for (let i = 0; i < 5; i++) expect(await waiting()).toBe(2);
      // Meanwhile the rest of the pool serves other requests.
      expect((await gql(app, '{ provinces(first: 1) { nodes { name } } }')).provinces.nodes).toHaveLength(1);
    } finally {
      await unlock(lock);
    }
    const res = await answer!;
    expect(res.body.errors).toBeUndefined();
    expect(Object.values(res.body.data).map((c: any) => c.nodes.length)).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('the heavy lane', () => {
  beforeAll(() => boundRequests(app.requestPool, { timeoutMs: 4_000, connections: 2, heavyConnections: 1 }));

  it('runs one heavy statement at a time, serves simple requests meanwhile, and refuses heavy ones that found no room in time (503 TIMEOUT)', async () => {
    const lock = await lockTable(app, 'innovation_studio');
    let answers: Array<Promise<{ status: number; body: any }>>;
    try {
      // Three different statistics (no response cache can answer one for another), each heavy on its own, and each
      // counted over the records (by month, year or enterprise: what the statistics tally does not hold).
      answers = ['MONTH_ESTABLISHED', 'YEAR_ESTABLISHED', 'OWNERSHIP'].map((d) => postAs(`{ innovationStudioStats(groupBy: [${d}]) { count } }`));
      await waitFor('one heavy statement to wait on the lock', async () => ((await waiting()) === 1 ? true : undefined), 5_000);
      for (let i = 0; i < 5; i++) expect(await waiting()).toBe(1);
      // A simple request is served at once, though three heavy ones are waiting.
      expect((await gql(app, '{ provinces(first: 2) { nodes { name } } }')).provinces.nodes).toHaveLength(2);
      expect((await gql(app, '{ sources(first: 1) { totalCount } }')).sources.totalCount).toBe(10);
    } finally {
      // Held past every deadline: the one in the lane is stopped at its deadline (TIMEOUT, 200), the
      // two waiting for the lane are told the server is busy with expensive queries (503).
      await new Promise((resolve) => setTimeout(resolve, 4_500));
      await unlock(lock);
    }
    const results = await Promise.all(answers!);
    const outcomes = results.map((r) => [r.status, r.body.errors?.[0]?.extensions?.code]).sort();
    expect(outcomes).toEqual([[200, 'TIMEOUT'], [503, 'TIMEOUT'], [503, 'TIMEOUT']]);
    const busy = results.find((r) => r.status === 503)!;
    expect(busy.body.errors[0].message).toMatch(/busy with other expensive queries/);
  });

  it('lets heavy requests through one after another once nothing blocks them', async () => {
    const results = await Promise.all(['CITY', 'KIND', 'PROVINCE', 'DISTRICT'].map((d) => postAs(`{ innovationStudioStats(groupBy: [${d}]) { count } }`)));
    for (const r of results) {
      expect(r.status).toBe(200);
      expect(r.body.errors).toBeUndefined();
    }
  });
});
