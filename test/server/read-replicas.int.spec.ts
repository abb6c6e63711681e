/**
 * Reads on a streaming replica (DATABASE_REPLICA_URLS, src/db/read-replicas.ts), with a real primary and a real replica
 * (test/setup/streaming-replica.ts) and the server as `npm start` runs it: reads are counted on the replica by PostgreSQL's
 * own statistics, writes land on the primary, a caller reads its own write at once while the replica's replay is paused
 * (and so does any caller that sends the write's consistency token), a replica past REPLICA_MAX_LAG_MS is skipped, and
 * reads go on when the replica is stopped.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/db/data-source';
import { adminAndEnterprise } from '../setup/fixtures';
import { httpRequest, sleep, startServer, stopServers, waitFor, waitReady, type Running } from '../setup/server-process';
import { startPrimaryAndReplica, type PrimaryAndReplica } from '../setup/streaming-replica';

const MAX_LAG_MS = 5_000;
let servers: PrimaryAndReplica;
let owner: DataSource;
let server: Running;
/** A second instance on the same primary and replica, which tolerates a long lag: what it knows of others' writes comes from PostgreSQL's notifications. */
let other: Running;
let admin: string;
let enterpriseId: string;

beforeAll(async () => {
  servers = await startPrimaryAndReplica('registry');
  // The server migrates and seeds the primary; the replica follows by streaming.
  server = await startServer({ DATABASE_URL: servers.primaryUrl, DATABASE_REPLICA_URLS: servers.replicaUrl, REPLICA_MAX_LAG_MS: String(MAX_LAG_MS), RATE_LIMIT_ENABLED: 'false' });
  await waitReady(server);
  other = await startServer({ DATABASE_URL: servers.primaryUrl, DATABASE_REPLICA_URLS: servers.replicaUrl, REPLICA_MAX_LAG_MS: '600000', RATE_LIMIT_ENABLED: 'false' });
  await waitReady(other);
  owner = createDataSource(servers.primaryUrl);
  await owner.initialize();
  ({ admin, enterpriseId } = await adminAndEnterprise(owner, 'replica test'));
}, 240_000);

afterAll(async () => {
  await stopServers();
  if (owner?.isInitialized) await owner.destroy();
  await servers?.stop();
}, 60_000);

/** A GraphQL request under its own request id; resolves to the answer and where the server says its reads went (its log line). */
async function ask(query: string, headers: Record<string, string> = {}, through: Running = server) {
  const requestId = randomUUID();
  const res = await httpRequest(`${through.base}/graphql`, { query }, { 'x-request-id': requestId, ...headers });
  const line = await waitFor('the request log line', () => through.logs.find((l) => l.requestId === requestId && l.msg === 'request'), 5_000);
  return { res, readFrom: line.readFrom as string | undefined, readReason: line.readReason as string | undefined };
}

const adminHeaders = () => ({ authorization: `Bearer ${admin}` });

/** Scans of the innovation studio table a server has counted (its own statistics, whichever session ran them). */
async function studioScans(on: PrimaryAndReplica['onPrimary']): Promise<number> {
  const [row] = await on<{ scans: string }>(`SELECT coalesce(seq_scan, 0) + coalesce(idx_scan, 0) AS scans FROM pg_stat_user_tables WHERE relname = 'innovation_studio'`);
  return Number(row.scans);
}

async function createStudio(name: string) {
  const { res } = await ask(`mutation { createInnovationStudio(input: { name: "${name}", kind: MODEL_WORKER, enterpriseId: "${enterpriseId}" }) { innovationStudio { id } userErrors { code } } }`, adminHeaders());
  expect(res.body.errors).toBeUndefined();
  expect(res.body.data.createInnovationStudio.userErrors).toEqual([]);
  return { id: res.body.data.createInnovationStudio.innovationStudio.id as string, token: res.body.extensions.consistencyToken as string };
}

const studioName = (id: string) => `{ node(id: "${id}") { ... on InnovationStudio { name } } }`;
const STUDIO_COUNT = '{ innovationStudioStats(groupBy: [], filter: { cityCode: "320100" }) { count } }';

it('reads go to the replica, as its own statistics count them, and not to the primary', async () => {
  const READS = 20;
  const [replicaBefore, primaryBefore] = [await studioScans(servers.onReplica), await studioScans(servers.onPrimary)];
  for (let i = 0; i < READS; i += 1) {
    const { res, readFrom, readReason } = await ask('{ innovationStudios(first: 3) { nodes { name } } }');
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.innovationStudios.nodes.length).toBe(3);
    expect({ readFrom, readReason }).toEqual({ readFrom: expect.stringMatching(/^127\.0\.0\.1:\d+\/registry$/), readReason: 'replica' });
  }
  // A backend reports its statistics when idle, within seconds.
  await waitFor('the replica to count the reads', async () => ((await studioScans(servers.onReplica)) - replicaBefore >= READS ? true : undefined), 20_000);
  expect((await studioScans(servers.onPrimary)) - primaryBefore).toBeLessThan(READS);

  // Downloads and statistics read there too.
  for (const file of ['innovation-studios.csv', 'stats/innovation-studios.csv?groupBy=CITY']) {
    const requestId = randomUUID();
    const download = await httpRequest(`${server.base}/export/${file}`, undefined, { 'x-request-id': requestId });
    expect(download.status).toBe(200);
    const line = await waitFor('the export log line', () => server.logs.find((l) => l.requestId === requestId && l.msg === 'request'), 5_000);
    expect(line).toMatchObject({ readFrom: expect.stringMatching(/^127\.0\.0\.1:\d+\/registry$/), readReason: 'replica' });
  }

  const metrics = await httpRequest(`${server.base}/metrics`);
  expect(metrics.body).toMatch(/registry_replica_up\{replica="127\.0\.0\.1:\d+\/registry"\} 1/);
  expect(metrics.body).toMatch(/registry_replica_lag_seconds\{replica="127\.0\.0\.1:\d+\/registry"\} \d/);
  const replicaReads = /registry_reads_total\{server="replica",reason="replica"\} (\d+)/.exec(metrics.body);
  expect(Number(replicaReads?.[1])).toBeGreaterThanOrEqual(READS);
}, 60_000);

it('a write goes to the primary and answers with a consistency token', async () => {
  const { id, token } = await createStudio('主库写入测试工作室');
  expect(token).toMatch(/^[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/);
  const rows = await servers.onPrimary(`SELECT name FROM innovation_studio WHERE name = '主库写入测试工作室'`);
  expect(rows).toHaveLength(1);
  // The caller's own next read sees it.
  const { res } = await ask(studioName(id), adminHeaders());
  expect(res.body.data.node).toEqual({ name: '主库写入测试工作室' });
  // The mutation's own reads were the primary's, and counted so.
  const metrics = await httpRequest(`${server.base}/metrics`);
  expect(Number(/registry_reads_total\{server="primary",reason="write"\} (\d+)/.exec(metrics.body)?.[1])).toBeGreaterThanOrEqual(1);
});

it("reads its own write at once while the replica's replay is paused; others do with the write's token, or once the replica lags too far", async () => {
  const countBefore = (await ask(STUDIO_COUNT)).res.body.data.innovationStudioStats[0].count as number;
  await servers.onReplica('SELECT pg_wal_replay_pause()');
  let id = '';
  let token = '';
  try {
    await waitFor('replay to pause', async () => ((await servers.onReplica<{ state: string }>('SELECT pg_get_wal_replay_pause_state() AS state'))[0].state === 'paused' ? true : undefined), 10_000);
    ({ id, token } = await createStudio('回放暂停时写入的工作室'));

    // The writer: its reads wait for a replica past its write, so they go to the primary.
    const own = await ask(studioName(id), adminHeaders());
    expect(own.res.body.data.node).toEqual({ name: '回放暂停时写入的工作室' });
    expect(own.readReason).toBe('read-your-writes');

    // Another caller, within the max lag, reads the paused replica: the write is not there (and that answer is not cached).
    const other = await ask(studioName(id));
    expect(other.readReason).toBe('replica');
    expect(other.res.body.data.node).toBeNull();
    const staleCount = await ask(STUDIO_COUNT);
    expect(staleCount.readReason).toBe('replica');
    expect(staleCount.res.body.data.innovationStudioStats[0].count).toBe(countBefore);

    // The same caller with the write's token, as through any other instance, reads it.
    const withToken = await ask(studioName(id), { 'consistency-token': token });
    expect(withToken.res.body.data.node).toEqual({ name: '回放暂停时写入的工作室' });
    expect(withToken.readReason).toBe('read-your-writes');

    // Past the max lag the replica is skipped: everyone reads the primary.
    await sleep(MAX_LAG_MS + 1_000);
    const lagging = await ask(studioName(id));
    expect(lagging.readReason).toBe('no-replica');
    expect(lagging.res.body.data.node).toEqual({ name: '回放暂停时写入的工作室' });
  } finally {
    await servers.onReplica('SELECT pg_wal_replay_resume()');
  }
  // Replay resumed: reads go back to the replica, which has the write.
  await waitFor('reads on the replica again', async () => {
    const answer = await ask(studioName(id));
    return answer.readReason === 'replica' && answer.res.body.data.node?.name === '回放暂停时写入的工作室' ? true : undefined;
  }, 15_000);
  // The count read from the paused replica was not kept in the response cache, which the write had emptied.
  expect((await ask(STUDIO_COUNT)).res.body.data.innovationStudioStats[0].count).toBe(countBefore + 1);
}, 60_000);

it("another instance keeps the writer's reads off a replica that has not replayed its write, told by PostgreSQL's notification", async () => {
  await servers.onReplica('SELECT pg_wal_replay_pause()');
  try {
    await waitFor('replay to pause', async () => ((await servers.onReplica<{ state: string }>('SELECT pg_get_wal_replay_pause_state() AS state'))[0].state === 'paused' ? true : undefined), 10_000);
    const { id, token } = await createStudio('另一实例读到的工作室');
    // The notification reaches the other instance within moments of the commit (asked until then; its replica stays
    // within its max lag throughout, so only the notice keeps the writer's reads off it).
    const own = await waitFor('the other instance to hear of the write', async () => {
      const answer = await ask(studioName(id), adminHeaders(), other);
      return answer.res.body.data.node ? answer : undefined;
    }, 3_000);
    expect(own.res.body.data.node).toEqual({ name: '另一实例读到的工作室' });
    expect(own.readReason).toBe('read-your-writes');
    // Anyone else reads the paused replica there, unless they bring the token.
    const anonymous = await ask(studioName(id), {}, other);
    expect({ reason: anonymous.readReason, node: anonymous.res.body.data.node }).toEqual({ reason: 'replica', node: null });
    const withToken = await ask(studioName(id), { 'consistency-token': token }, other);
    expect(withToken.res.body.data.node).toEqual({ name: '另一实例读到的工作室' });
  } finally {
    await servers.onReplica('SELECT pg_wal_replay_resume()');
  }
}, 60_000);

it('a malformed consistency token is refused with BAD_REQUEST', async () => {
  const { res } = await ask('{ cities { code } }', { 'consistency-token': 'yesterday' });
  expect(res.status).toBe(400);
  expect(res.body.errors[0].extensions.code).toBe('BAD_REQUEST');
});

it('reads go on, from the primary, when the replica is stopped', async () => {
  await servers.stopReplica();
  for (let i = 0; i < 5; i += 1) {
    const { res, readFrom } = await ask('{ innovationStudios(first: 3) { nodes { name } } }');
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(readFrom).toBe('primary');
  }
  await waitFor('the replica reported down', async () => {
    const metrics = await httpRequest(`${server.base}/metrics`);
    return /registry_replica_up\{replica="[^"]+"\} 0/.test(metrics.body) ? true : undefined;
  }, 10_000);
}, 60_000);
