/**
 * Two instances of the server (two processes, as `npm start` runs them) behind a real nginx as the load balancer, on one
 * database and one Redis, needing nothing else (issue 22): a client that goes through the balancer, whichever instance
 * answers, sees one registry: a write through one instance is in the other's next answer (its response cache emptied by
 * PostgreSQL's notification), a revoked key is refused by both at once, and a key's rate-limit budget is one budget.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Role } from '../../src/auth/caller';
import { createDataSource } from '../../src/db/data-source';
import { toGlobalId } from '../../src/graphql/relay/global-id';
import { apiKeyStore } from '../../src/modules/api-key/api-key.store';
import { adminAndEnterprise } from '../setup/fixtures';
import { startNginx, type TestNginx } from '../setup/nginx';
import { startRedis, type TestRedis } from '../setup/redis';
import { httpRequest, startServer, stopServers, waitFor, waitReady, type Running } from '../setup/server-process';
import { createTestDatabase } from '../setup/test-app';

/** A key's budget: this many requests, and nothing refills while the test runs. */
const KEY_BURST = 6;
let database: { url: string; drop: () => Promise<void> };
let owner: DataSource;
let redis: TestRedis;
let nginx: TestNginx;
let instances: Running[];
let admin: string;
let enterpriseId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  owner = createDataSource(database.url);
  await owner.initialize();
  redis = await startRedis();
  ({ admin, enterpriseId } = await adminAndEnterprise(owner, 'load balancer test'));
  // Nothing but the same database and Redis; the balancer is the client's proxy (TRUST_PROXY), as in production.
  const env = {
    DATABASE_URL: database.url,
    REDIS_URL: redis.url,
    TRUST_PROXY: 'loopback',
    RATE_LIMIT_PER_SECOND: '0.001',
    RATE_LIMIT_BURST: String(KEY_BURST),
    RATE_LIMIT_ADMIN_BURST: '1000',
    RATE_LIMIT_ANONYMOUS_BURST: '1000',
  };
  instances = await Promise.all([startServer(env), startServer(env)]);
  await Promise.all(instances.map((instance) => waitReady(instance)));
  nginx = await startNginx(instances.map((instance) => instance.base));
}, 180_000);

afterAll(async () => {
  await nginx?.stop();
  await stopServers();
  await redis?.stop();
  if (owner?.isInitialized) await owner.destroy();
  await database?.drop();
}, 60_000);

/** A GraphQL request through the balancer; resolves to the answer and the index of the instance that served it (its log line). */
async function viaBalancer(query: string, key?: string) {
  const requestId = randomUUID();
  const res = await httpRequest(`${nginx.base}/graphql`, { query }, { 'x-request-id': requestId, ...(key ? { authorization: `Bearer ${key}` } : {}) });
  const servedBy = await waitFor('the request log line', () => {
    const at = instances.findIndex((instance) => instance.logs.some((l) => l.requestId === requestId && l.msg === 'request'));
    return at >= 0 ? at : undefined;
  }, 5_000);
  return { res, servedBy };
}

const STATS = '{ innovationStudioStats(groupBy: [], filter: { cityCode: "320100" }) { count } }';

it('spreads requests over both instances, and a write through one is in the answers of both at once', async () => {
  // Both instances cache the statistic (an answer from the cache runs no SQL).
  const cached = new Set<number>();
  let before = 0;
  await waitFor('both instances to answer from their caches', async () => {
    const { res, servedBy } = await viaBalancer(STATS);
    before = res.body.data.innovationStudioStats[0].count;
    if (res.body.extensions.sqlStatements === 0) cached.add(servedBy);
    return cached.size === 2 ? true : undefined;
  }, 10_000);

  const created = await viaBalancer(`mutation { createInnovationStudio(input: { name: "负载均衡测试工作室", kind: MODEL_WORKER, enterpriseId: "${enterpriseId}" }) { userErrors { code } } }`, admin);
  expect(created.res.body.data.createInnovationStudio.userErrors).toEqual([]);

  // Whichever instance answers, the write is there.
  const answeredBy = new Set<number>();
  for (let i = 0; i < 4; i += 1) {
    const { res, servedBy } = await viaBalancer(STATS);
    expect({ servedBy, count: res.body.data.innovationStudioStats[0].count }).toEqual({ servedBy, count: before + 1 });
    answeredBy.add(servedBy);
  }
  expect(answeredBy.size).toBe(2);
}, 60_000);

it('a key revoked through one instance is refused by both at once', async () => {
  const { record, key } = await apiKeyStore.create(owner, { role: Role.ANALYST, cityCode: null, label: 'revoked behind the balancer' });
  // Both instances have the key in their key caches.
  const servedBefore = new Set<number>();
  for (let i = 0; i < 4; i += 1) {
    const { res, servedBy } = await viaBalancer('{ cities(first: 1) { totalCount } }', key);
    expect(res.status).toBe(200);
    servedBefore.add(servedBy);
  }
  expect(servedBefore.size).toBe(2);

  const revoked = await viaBalancer(`mutation { revokeApiKey(input: { id: "${toGlobalId('ApiKey', record.id)}" }) { userErrors { code } } }`, admin);
  expect(revoked.res.body.data.revokeApiKey.userErrors).toEqual([]);

  const refusedBy = new Set<number>();
  for (let i = 0; i < 4; i += 1) {
    const { res, servedBy } = await viaBalancer('{ cities(first: 1) { totalCount } }', key);
    expect({ servedBy, status: res.status, code: res.body.errors?.[0]?.extensions?.code }).toEqual({ servedBy, status: 401, code: 'UNAUTHENTICATED' });
    refusedBy.add(servedBy);
  }
  expect(refusedBy.size).toBe(2);
}, 60_000);

it("a key's rate-limit budget is one budget across the instances (Redis)", async () => {
  const { key } = await apiKeyStore.create(owner, { role: Role.ANALYST, cityCode: null, label: 'rate limited behind the balancer' });
  const statuses: Array<{ status: number; servedBy: number }> = [];
  for (let i = 0; i < KEY_BURST + 2; i += 1) {
    const { res, servedBy } = await viaBalancer('{ cities(first: 1) { totalCount } }', key);
    statuses.push({ status: res.status, servedBy });
  }
  // Each instance alone would have let all through (half the requests each, under the burst); shared, the budget ends.
  expect(statuses.map((s) => s.status)).toEqual([...Array(KEY_BURST).fill(200), 429, 429]);
  expect(new Set(statuses.slice(0, KEY_BURST).map((s) => s.servedBy)).size).toBe(2);
}, 60_000);
