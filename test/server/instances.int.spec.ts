/**
 * Two instances of the server (two processes, as `npm start` runs them) on one database: a write committed
 * through one empties the other's response cache at once (PostgreSQL NOTIFY at commit, migration 51), so an
 * aggregate read through the other shows the write, not the cached answer from before it.
 */
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/db/data-source';
import { adminAndEnterprise } from '../setup/fixtures';
import { httpRequest, startServer, stopServers, waitFor, waitReady, type Running } from '../setup/server-process';
import { createTestDatabase } from '../setup/test-app';

let database: { url: string; drop: () => Promise<void> };
let owner: DataSource;
let one: Running;
let other: Running;
let admin: string;
let enterpriseId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  owner = createDataSource(database.url);
  await owner.initialize();
  ({ admin, enterpriseId } = await adminAndEnterprise(owner, 'instances test'));
  [one, other] = await Promise.all([startServer({ DATABASE_URL: database.url }), startServer({ DATABASE_URL: database.url })]);
  await Promise.all([waitReady(one), waitReady(other)]);
}, 180_000);

afterAll(async () => {
  await stopServers();
  if (owner?.isInitialized) await owner.destroy();
  await database?.drop();
}, 60_000);

const STATS = '{ innovationStudioStats(groupBy: [], filter: { cityCode: "320100" }) { count } }';
const read = async (server: Running) => {
  const res = await httpRequest(`${server.base}/graphql`, { query: STATS });
  expect(res.body.errors).toBeUndefined();
  return { count: res.body.data.innovationStudioStats[0].count as number, statements: res.body.extensions.sqlStatements as number };
};

it("a write through one instance empties the other's response cache at once", async () => {
  const before = await read(other);
  // Cached now: the same question again runs no SQL on that instance. (The instance empties its cache once more when
  // its notification connection comes up, which may be just after it is ready: asked until the answer is cached.)
  await waitFor('a cached answer on the other instance', async () => ((await read(other)).statements === 0 ? true : undefined), 5_000);

  const created = await httpRequest(`${one.base}/graphql`, {
    query: `mutation { createInnovationStudio(input: { name: "多实例测试工作室", kind: MODEL_WORKER, enterpriseId: "${enterpriseId}" }) { userErrors { code } } }`,
  }, { authorization: `Bearer ${admin}` });
  expect(created.body.data.createInnovationStudio.userErrors).toEqual([]);

  // The notification arrives within moments; without it the other instance would answer from its cache for up to 60 s.
  const after = await waitFor('the other instance to see the write', async () => {
    const now = await read(other);
    return now.count === before.count + 1 ? now : undefined;
  }, 5_000);
  expect(after.statements).toBeGreaterThan(0);
});
