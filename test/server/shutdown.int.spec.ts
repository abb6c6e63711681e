/**
 * SIGTERM under load, on the server as `npm start` runs it (with DATABASE_URL): the requests in
 * flight finish with their answers, new ones are refused, the process exits 0, and every
 * acknowledged write is in the database exactly once. A request that would outlast
 * SHUTDOWN_TIMEOUT_MS is cut, its write is not applied, and the process still exits 0.
 *
 * Requests are held in flight the way a slow database holds them: another connection locks the
 * table they write, until the test lets go.
 */
import { Role } from '../../src/auth/caller';
import type { DataSource, QueryRunner } from 'typeorm';
import { createDataSource } from '../../src/db/data-source';
import { toGlobalId } from '../../src/graphql/relay/global-id';
import { apiKeyStore } from '../../src/modules/api-key/api-key.store';
import { httpRequest, logged, startServer, stopServers, waitFor, waitReady, type HttpAnswer, type Running } from '../setup/server-process';
import { testEnterprises } from '../setup/fixtures';
import { createTestDatabase } from '../setup/test-app';

let database: { url: string; drop: () => Promise<void> };
let owner: DataSource;
let editor: string;
let enterpriseId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  owner = createDataSource(database.url);
  await owner.initialize();
  editor = (await apiKeyStore.create(owner, { role: Role.CITY_EDITOR, cityCode: '320100', label: 'shutdown test' })).key;
  // The published data set has no enterprise in Nanjing: the studios' host is one made here.
  const [enterprise] = await testEnterprises((text, params) => owner.query(text, params), '320100');
  enterpriseId = toGlobalId('Enterprise', enterprise.id);
});

afterAll(async () => {
  await stopServers();
  if (owner?.isInitialized) await owner.destroy();
  await database?.drop();
}, 60_000);

const CREATE = 'mutation ($input: CreateInnovationStudioInput!) { createInnovationStudio(input: $input) { innovationStudio { id } userErrors { code message } } }';
const READ = '{ innovationStudios(first: 1) { totalCount } }';

interface Sent {
  marker: string;
  write: boolean;
  answer?: HttpAnswer;
  /** The socket error when there was no answer (ECONNREFUSED, ECONNRESET). */
  failure?: string;
}

const acknowledged = (s: Sent) =>
  s.answer?.status === 200 && !s.answer.body.errors && (!s.write || s.answer.body.data.createInnovationStudio.userErrors.length === 0);

/** Sends a write (or, every third time, a read) on a connection of its own and records what came back. */
async function send(server: Running, marker: string, write: boolean, into: Sent[]): Promise<Sent> {
  const sent: Sent = { marker, write };
  into.push(sent);
  const body = write ? { query: CREATE, variables: { input: { name: `停机测试 ${marker}`, kind: 'EMPLOYEE', enterpriseId } } } : { query: READ };
  try {
    sent.answer = await httpRequest(`${server.base}/graphql`, body, { authorization: `Bearer ${editor}` });
  } catch (error) {
    sent.failure = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  }
  return sent;
}

/** Locks the studio table on the owner's connection: every read and write of it waits until unlock. */
async function lockStudios(): Promise<QueryRunner> {
  const runner = owner.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  await runner.query('LOCK TABLE innovation_studio IN ACCESS EXCLUSIVE MODE');
  return runner;
}

const waitingOnLock = async () =>
  Number((await owner.query(`SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'reform-registry' AND wait_event_type = 'Lock'`))[0].n);

const stored = async (marker: string) => Number((await owner.query(`SELECT count(*) AS n FROM innovation_studio WHERE name = $1`, [`停机测试 ${marker}`]))[0].n);

it('finishes the requests in flight, refuses new ones, exits 0, and keeps every acknowledged write', async () => {
  const server = await startServer({ DATABASE_URL: database.url });
  await waitReady(server);
  const before: Sent[] = [];
  const after: Sent[] = [];

  // Steady load from six clients until a good number of writes have been acknowledged.
  let loading = true;
  const clients = [0, 1, 2, 3, 4, 5].map(async (c) => {
    for (let i = 0; loading; i += 1) await send(server, `L${c}-${i}`, i % 3 !== 2, before);
  });
  await waitFor('writes acknowledged under load', () => before.filter(acknowledged).length >= 30);

  loading = false;
  await Promise.all(clients);

  // Hold five requests in flight.
  const lock = await lockStudios();
  let unlocked = false;
  try {
    const held = [0, 1, 2, 3, 4].map((i) => send(server, `H${i}`, i !== 4, before));
    await waitFor('the held requests to wait on the lock', async () => (await waitingOnLock()) === 5);

    server.child.kill('SIGTERM');
    await waitFor('the shutdown to begin', () => server.logs.some((l) => l.msg?.startsWith('shutting down')));
    for (let i = 0; i < 6; i += 1) await send(server, `A${i}`, i % 3 !== 2, after);
    expect(server.child.exitCode).toBeNull(); // still waiting for the held requests

    await lock.rollbackTransaction();
    unlocked = true;
    for (const sent of await Promise.all(held)) expect([sent.marker, acknowledged(sent)]).toEqual([sent.marker, true]);
  } finally {
    if (!unlocked) await lock.rollbackTransaction();
    await lock.release();
  }
  expect(await server.exited).toEqual({ code: 0, signal: null });
  expect(logged(server, 'stopped')).toBe(true);

  // Everything sent before the signal was answered; everything after it was refused.
  for (const sent of before) expect([sent.marker, acknowledged(sent)]).toEqual([sent.marker, true]);
  for (const sent of after) {
    const refused = sent.failure === 'ECONNREFUSED' || (sent.answer?.status === 503 && sent.answer.body.errors[0].extensions.code === 'UNAVAILABLE');
    expect([sent.marker, refused]).toEqual([sent.marker, true]);
  }
  for (const sent of before.filter((s) => s.write)) expect([sent.marker, await stored(sent.marker)]).toEqual([sent.marker, 1]);
  for (const sent of after.filter((s) => s.write)) expect([sent.marker, await stored(sent.marker)]).toEqual([sent.marker, 0]);
}, 180_000);

it('cuts a request that outlasts SHUTDOWN_TIMEOUT_MS, applies none of its write, and still exits 0', async () => {
  const server = await startServer({ DATABASE_URL: database.url, SHUTDOWN_TIMEOUT_MS: '1500' });
  await waitReady(server);
  const sent: Sent[] = [];
  const lock = await lockStudios();
  try {
    const held = [0, 1, 2].map((i) => send(server, `C${i}`, true, sent));
    await waitFor('the requests to wait on the lock', async () => (await waitingOnLock()) === 3);
    server.child.kill('SIGTERM');
    // The lock is still held: the server must not wait for it.
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.logs.find((l) => l.msg === 'in-flight requests cut at the shutdown deadline')).toMatchObject({ requests: 3, shutdownTimeoutMs: 1500 });
    for (const s of await Promise.all(held)) expect([s.marker, s.answer, typeof s.failure]).toEqual([s.marker, undefined, 'string']);
  } finally {
    await lock.rollbackTransaction();
    await lock.release();
  }
  // Once their connections are gone, the cut writes were never committed.
  await waitFor('the cut requests to leave the database', async () => (await waitingOnLock()) === 0 && Number((await owner.query(`SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'reform-registry'`))[0].n) === 0);
  for (const s of sent) expect([s.marker, await stored(s.marker)]).toEqual([s.marker, 0]);
}, 180_000);
