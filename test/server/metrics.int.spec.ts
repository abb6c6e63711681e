/**
 * GET /metrics in Prometheus text format: request durations by operation name (with a bounded
 * number of names), errors by code, SQL statements per request, the request pool's connections and
 * the process's own metrics; per app, so two apps in one process count apart; open to this machine,
 * or to a bearer of METRICS_TOKEN.
 */
import pino from 'pino';
import request from 'supertest';
import { createApp, type RegistryApp } from '../../src/server/app';
import { startTestApp, type TestApp } from '../setup/test-app';

let app: TestApp;
const quiet = pino({ level: 'silent' });
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

async function scrape(instance: RegistryApp = app): Promise<string> {
  const res = await request(instance.app).get('/metrics');
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text;
}

/** The value of one sample, e.g. sample(text, 'registry_errors_total', { route: 'graphql', code: 'X' }); undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = match[2] ? match[2].split(',') : [];
    if (wanted.length === present.length && wanted.every((l) => present.includes(l))) return Number(match[3]);
  }
  return undefined;
}

const post = (query: string, instance: RegistryApp = app) =>
  request(instance.app).post('/graphql').set('content-type', 'application/json').send({ query });

it('counts requests by operation name, and unnamed ones as anonymous', async () => {
  const before = sample(await scrape(), 'registry_request_duration_seconds_count', { route: 'graphql', operation: 'anonymous' }) ?? 0;
  for (let i = 0; i < 3; i += 1) expect((await post('query MetricsProbe { provinces(first: 1) { totalCount } }')).status).toBe(200);
  await post('{ provinces(first: 1) { totalCount } }');
  const text = await scrape();
  expect(sample(text, 'registry_request_duration_seconds_count', { route: 'graphql', operation: 'MetricsProbe' })).toBe(3);
  expect(sample(text, 'registry_request_duration_seconds_bucket', { route: 'graphql', operation: 'MetricsProbe', le: '+Inf' })).toBe(3);
  expect(sample(text, 'registry_request_duration_seconds_count', { route: 'graphql', operation: 'anonymous' })).toBe(before + 1);
  expect(sample(text, 'registry_responses_total', { route: 'graphql', status: '200' })).toBeGreaterThanOrEqual(4);
});

it('keeps operation names to 100 distinct values; the rest count as other', async () => {
  for (let i = 0; i < 110; i += 1) await post(`query Many${i} { __typename }`);
  const text = await scrape();
  const operations = new Set([...text.matchAll(/^registry_request_duration_seconds_count\{route="graphql",operation="([^"]+)"\}/gm)].map((m) => m[1]));
  expect(operations.size).toBeLessThanOrEqual(102); // 100 names, anonymous, other
  expect(operations.has('other')).toBe(true);
  expect(operations.has('Many0')).toBe(true);
  expect(operations.has('Many109')).toBe(false);
});

it('counts errors by code', async () => {
  const before = sample(await scrape(), 'registry_errors_total', { route: 'graphql', code: 'GRAPHQL_VALIDATION_FAILED' }) ?? 0;
  expect((await post('{ noSuchField }')).body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  expect((await request(app.app).post('/graphql').set('authorization', 'Bearer nope').send({ query: '{ __typename }' })).status).toBe(401);
  expect((await request(app.app).get('/export/nothing.csv')).status).toBe(404);
  const text = await scrape();
  expect(sample(text, 'registry_errors_total', { route: 'graphql', code: 'GRAPHQL_VALIDATION_FAILED' })).toBe(before + 1);
  expect(sample(text, 'registry_errors_total', { route: 'graphql', code: 'UNAUTHENTICATED' })).toBe(1);
  expect(sample(text, 'registry_errors_total', { route: 'export', code: 'NOT_FOUND' })).toBe(1);
  expect(sample(text, 'registry_responses_total', { route: 'graphql', status: '401' })).toBe(1);
});

it('observes the SQL statements of every request, as each response reports them', async () => {
  const before = await scrape();
  const count0 = sample(before, 'registry_sql_statements_per_request_count', { route: 'graphql' }) ?? 0;
  const sum0 = sample(before, 'registry_sql_statements_per_request_sum', { route: 'graphql' }) ?? 0;
  const queries = [
    '{ provinces(first: 2) { totalCount nodes { name cities(first: 3) { nodes { name } } } } }',
    '{ innovationStudios(first: 5, filter: { cityCode: "320100" }) { nodes { name enterprise { name } } } }',
    '{ __typename }',
  ];
  let reported = 0;
  for (const query of queries) {
    const res = await post(query);
    expect(res.status).toBe(200);
    reported += res.body.extensions.sqlStatements;
  }
  expect(reported).toBeGreaterThan(0);
  const after = await scrape();
  expect(sample(after, 'registry_sql_statements_per_request_count', { route: 'graphql' })).toBe(count0 + queries.length);
  expect(sample(after, 'registry_sql_statements_per_request_sum', { route: 'graphql' })).toBe(sum0 + reported);
});

it("reports the request pool's connections and the process's own metrics", async () => {
  await post('{ provinces(first: 1) { totalCount } }');
  const text = await scrape();
  const inUse = sample(text, 'registry_db_pool_connections', { state: 'in_use' });
  const idle = sample(text, 'registry_db_pool_connections', { state: 'idle' });
  expect(sample(text, 'registry_db_pool_connections', { state: 'waiting' })).toBe(0);
  expect(sample(text, 'registry_db_pool_max_connections')).toBe(5); // the test app's pool
  expect(idle).toBeGreaterThanOrEqual(1); // the query above left its connection in the pool
  expect(inUse! + idle!).toBeLessThanOrEqual(5);
  expect(sample(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
  expect(sample(text, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
});

it('keeps each app’s numbers apart (its own registry)', async () => {
  const other = await createApp(app.dataSource, app.requestPool, { requireKey: false, logger: quiet });
  try {
    await post('query OnlyInTheOther { __typename }', other);
    expect(sample(await scrape(other), 'registry_request_duration_seconds_count', { route: 'graphql', operation: 'OnlyInTheOther' })).toBe(1);
    expect(sample(await scrape(other), 'registry_request_duration_seconds_count', { route: 'graphql', operation: 'MetricsProbe' })).toBeUndefined();
    expect(sample(await scrape(app), 'registry_request_duration_seconds_count', { route: 'graphql', operation: 'OnlyInTheOther' })).toBeUndefined();
  } finally {
    await other.apollo.stop();
  }
});

it('asks for METRICS_TOKEN when one is set', async () => {
  const guarded = await createApp(app.dataSource, app.requestPool, { requireKey: false, logger: quiet, metricsToken: 'scrape-me' });
  try {
    const without = await request(guarded.app).get('/metrics');
    expect(without.status).toBe(401);
    expect(without.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(without.body).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }], extensions: { requestId: without.headers['x-request-id'] } });
    expect((await request(guarded.app).get('/metrics').set('authorization', 'Bearer wrong')).status).toBe(401);
    const res = await request(guarded.app).get('/metrics').set('authorization', 'Bearer scrape-me');
    expect(res.status).toBe(200);
    expect(res.text).toContain('# TYPE registry_request_duration_seconds histogram');
  } finally {
    await guarded.apollo.stop();
  }
});
