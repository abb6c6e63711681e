/**
 * The server as `npm start` runs it, in a child process: it starts its own PostgreSQL in DATA_DIR
 * (or uses DATABASE_URL), migrates, loads the published data set once, answers, and on SIGTERM
 * finishes the requests in flight, stops PostgreSQL cleanly and exits 0. A restart on the same
 * DATA_DIR finds the data it left.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { freePort, PASSWORD_FILE } from '../../src/db/embedded';
import { Role } from '../../src/auth/caller';
import { apiKeyStore } from '../../src/modules/api-key/api-key.store';
import { graphql, httpRequest, logged, startServer, stopServers, waitFor, waitReady } from '../setup/server-process';
import { createTestDatabase } from '../setup/test-app';

const LONG = 180_000;

const NANJING_QUERY =
  '{ city(code: "320100") { name innovationStudios { totalCount } goals(metric: INNOVATION_STUDIOS) { target deadline progress { current ratio } } } }';
const NANJING_ANSWER = {
  city: {
    name: '南京',
    innovationStudios: { totalCount: 598 },
    goals: [{ target: 1000, deadline: '2026-12-31', progress: { current: 598, ratio: 0.598 } }],
  },
};
const SOURCES_QUERY = '{ sources(first: 100) { totalCount nodes { title } } }';

/** Processes whose command line mentions this path (PostgreSQL's postmaster runs with `-D <dir>`). */
function processesMentioning(dir: string): { pid: number; cmdline: string }[] {
  const found: { pid: number; cmdline: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ');
      if (cmdline.includes(dir)) found.push({ pid: Number(entry), cmdline });
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** Processes whose parent is `pid` (PostgreSQL's own backends and helpers under the postmaster). */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return children;
}

/** The process exists and is not a zombie waiting to be reaped. */
function isAlive(pid: number): boolean {
  try {
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
  } catch {
    return false;
  }
}

/** Leaves nothing behind if a test failed half-way: stops our servers, then any PostgreSQL left in `dataDir`. */
async function cleanUp(dataDir?: string): Promise<void> {
  await stopServers();
  if (!dataDir) return;
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (existsSync(pidFile)) {
    // A PostgreSQL one of our servers started and did not stop: fast shutdown, by its own pid.
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (pid && isAlive(pid) && processesMentioning(dataDir).some((p) => p.pid === pid)) {
      process.kill(pid, 'SIGINT');
      await waitFor('the left-over PostgreSQL to stop', () => !isAlive(pid) || undefined).catch(() => undefined);
    }
  }
  rmSync(path.dirname(dataDir), { recursive: true, force: true });
}

afterAll(() => cleanUp(), 60_000);

/** The embedded superuser's password, random per data directory and readable by its owner only. */
function superuserPassword(dataDir: string): string {
  const file = path.join(dataDir, PASSWORD_FILE);
  expect(statSync(file).mode & 0o777).toBe(0o600);
  return readFileSync(file, 'utf8').trim();
}

/** A fresh folder for a DATA_DIR (the `data` inside it does not exist yet). */
const freshDataDir = () => path.join(mkdtempSync(path.join(os.tmpdir(), 'registry-lifecycle-')), 'data');

describe('embedded PostgreSQL mode (no DATABASE_URL)', () => {
  let dataDir: string;
  let embeddedPort: number;

  beforeAll(() => {
    dataDir = freshDataDir();
  });
  afterAll(() => cleanUp(dataDir), 60_000);

  it(
    'starts its own PostgreSQL, migrates, seeds, answers, drains an in-flight request on SIGTERM and stops cleanly',
    async () => {
      embeddedPort = await freePort();
      const server = await startServer({ DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(embeddedPort) });
      await waitReady(server);

      expect(await graphql(server, NANJING_QUERY)).toEqual(NANJING_ANSWER);
      expect((await graphql(server, SOURCES_QUERY)).sources.totalCount).toBe(10);
      expect(server.logs.some((l) => l.msg === 'embedded PostgreSQL started')).toBe(true);
      expect(server.logs.some((l) => l.msg === 'migrations applied')).toBe(true);
      expect(server.logs.some((l) => l.msg === 'published data set loaded')).toBe(true);

      // PostgreSQL runs on our data directory.
      const pidFile = path.join(dataDir, 'postmaster.pid');
      expect(existsSync(pidFile)).toBe(true);
      const postmaster = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
      expect(isAlive(postmaster)).toBe(true);
      expect(processesMentioning(dataDir).map((p) => p.pid)).toContain(postmaster);

      // Hold a lock on `source` so that a request reading it stays in flight until we let it go.
      const blocker = new Client({ host: '127.0.0.1', port: embeddedPort, user: 'postgres', password: superuserPassword(dataDir), database: 'postgres' });
      blocker.on('error', () => undefined); // PostgreSQL's shutdown ends this connection
      await blocker.connect();
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE source IN ACCESS EXCLUSIVE MODE');
      let settled = false;
      const inFlight = httpRequest(`${server.base}/graphql`, { query: SOURCES_QUERY }).finally(() => (settled = true));
      await waitFor('the request to wait on the lock', async () => {
        const { rows } = await blocker.query(
          `SELECT count(*)::integer AS n FROM pg_stat_activity WHERE application_name = 'reform-registry' AND wait_event_type = 'Lock'`,
        );
        return rows[0].n > 0 || undefined;
      });

      server.child.kill('SIGTERM');
      await waitFor('the shutdown to begin', () => server.logs.some((l) => l.msg?.startsWith('shutting down')) || undefined);
      expect(settled).toBe(false); // still in flight: the server is waiting for it
      expect(server.child.exitCode).toBeNull();

      await blocker.query('ROLLBACK');
      await blocker.end();
      const answer = await inFlight;
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data.sources.totalCount).toBe(10);
      expect(answer.body.data.sources.nodes).toHaveLength(10);

      expect(await server.exited).toEqual({ code: 0, signal: null });
      expect(server.logs.some((l) => l.msg === 'stopped')).toBe(true);
      // A clean PostgreSQL shutdown removes its lock file; the data stays.
      expect(existsSync(pidFile)).toBe(false);
      expect(existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(true);
      expect(processesMentioning(dataDir)).toEqual([]);
      expect(isAlive(postmaster)).toBe(false);
      expect(childrenOf(postmaster)).toEqual([]);
    },
    LONG,
  );

  it(
    'restarts on the same DATA_DIR with the data it kept, without loading it again',
    async () => {
      const server = await startServer({ DATA_DIR: dataDir });
      await waitReady(server);
      expect(await graphql(server, NANJING_QUERY)).toEqual(NANJING_ANSWER);
      expect((await graphql(server, SOURCES_QUERY)).sources.totalCount).toBe(10);
      expect((await graphql(server, '{ innovationStudios { totalCount } goals { totalCount } }'))).toEqual({
        innovationStudios: { totalCount: 603 },
        goals: { totalCount: 9 },
      });
      expect(server.logs.some((l) => l.msg === 'migrations applied')).toBe(false);
      expect(server.logs.some((l) => l.msg === 'published data set loaded')).toBe(false);

      server.child.kill('SIGTERM');
      expect(await server.exited).toEqual({ code: 0, signal: null });
      expect(existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);
      expect(processesMentioning(dataDir)).toEqual([]);
    },
    LONG,
  );

  // Finding 4 of issue 16: after kill -9 of the server its PostgreSQL kept running detached, and every
  // restart failed on the lock file until an operator killed it by hand.
  it(
    'after kill -9 of the server, its PostgreSQL goes too, and the next start is ready at once with every acknowledged write',
    async () => {
      const server = await startServer({ DATA_DIR: dataDir });
      await waitReady(server);
      const postmaster = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      const port = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[3]);

      // Acknowledged writes: an ADMIN key (made as the superuser), then a source created through the API.
      const owner = new Client({ host: '127.0.0.1', port, user: 'postgres', password: superuserPassword(dataDir), database: 'postgres' });
      owner.on('error', () => undefined);
      await owner.connect();
      const { key } = await apiKeyStore.create(owner, { role: Role.ADMIN, cityCode: null, label: 'crash test' });
      await owner.end();
      const title = `崩溃恢复测试 ${Date.now()}`;
      const created = await httpRequest(`${server.base}/graphql`, {
        query: `mutation { createSource(input: { publisher: "测试", title: "${title}", publishedOn: "2026-01-01" }) { userErrors { code } source { id } } }`,
      }, { authorization: `Bearer ${key}` });
      expect(created.status).toBe(200);
      expect(created.body.data.createSource.userErrors).toEqual([]);

      server.child.kill('SIGKILL');
      expect(await server.exited).toEqual({ code: null, signal: 'SIGKILL' });
      // The kernel tells the orphaned postmaster that its parent died (setpriv --pdeathsig): it shuts down by itself.
      await waitFor('the orphaned PostgreSQL to stop by itself', () => !isAlive(postmaster) || undefined, 60_000);

      // No manual step: the next start takes the directory, recovers and answers with the write.
      const again = await startServer({ DATA_DIR: dataDir });
      await waitReady(again);
      const found = await graphql(again, `{ sources(first: 100) { nodes { title } } }`);
      expect(found.sources.nodes.map((n: { title: string }) => n.title)).toContain(title);
      again.child.kill('SIGTERM');
      expect(await again.exited).toEqual({ code: 0, signal: null });
      expect(processesMentioning(dataDir)).toEqual([]);
    },
    LONG,
  );

  it(
    'a start right after kill -9 stops a PostgreSQL still running on its own directory, and none of another',
    async () => {
      const server = await startServer({ DATA_DIR: dataDir });
      await waitReady(server);
      const postmaster = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      // Another directory's PostgreSQL (the one these tests run on) must be left alone.
      const other = new Client({ connectionString: process.env.REGISTRY_TEST_ADMIN_URL });
      await other.connect();
      server.child.kill('SIGKILL');
      await server.exited;
      // At once: the old postmaster may still be shutting down, holding postmaster.pid.
      const again = await startServer({ DATA_DIR: dataDir });
      await waitReady(again);
      expect(isAlive(postmaster)).toBe(false);
      expect((await graphql(again, NANJING_QUERY))).toEqual(NANJING_ANSWER);
      expect((await other.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      await other.end();
      again.child.kill('SIGTERM');
      expect(await again.exited).toEqual({ code: 0, signal: null });
    },
    LONG,
  );

  it(
    'exits 1 when its PostgreSQL dies under it, since nothing would bring that back',
    async () => {
      const server = await startServer({ DATA_DIR: dataDir });
      await waitReady(server);

      const postmaster = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      process.kill(postmaster, 'SIGKILL'); // a crash: no shutdown of its own
      expect(await server.exited).toEqual({ code: 1, signal: null });
      expect(logged(server, 'embedded PostgreSQL exited unexpectedly')).toBe(true);
      expect(logged(server, 'stopped')).toBe(true);
    },
    LONG,
  );
});

describe('stopping when start-up goes wrong', () => {
  let dataDir: string;

  beforeAll(() => {
    dataDir = freshDataDir();
  });
  afterAll(() => cleanUp(dataDir), 60_000);

  it(
    'a SIGTERM while the first start is still migrating and loading data stops PostgreSQL cleanly and exits 0',
    async () => {
      const server = await startServer({ DATA_DIR: dataDir });
      await waitFor('PostgreSQL to start', () => server.logs.some((l) => l.msg === 'embedded PostgreSQL started') || undefined, 120_000);
      server.child.kill('SIGTERM');
      expect(await server.exited).toEqual({ code: 0, signal: null });
      expect(existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);
      expect(processesMentioning(dataDir)).toEqual([]);

      // Nothing half-done is left behind: the next start is ready and gives the published answer.
      const again = await startServer({ DATA_DIR: dataDir });
      await waitReady(again);
      expect(await graphql(again, NANJING_QUERY)).toEqual(NANJING_ANSWER);
      expect((await graphql(again, SOURCES_QUERY)).sources.totalCount).toBe(10);
      again.child.kill('SIGTERM');
      expect(await again.exited).toEqual({ code: 0, signal: null });
      expect(processesMentioning(dataDir)).toEqual([]);
    },
    LONG,
  );

  it(
    'a port already in use fails the start with exit code 1 and stops PostgreSQL, instead of running without a port',
    async () => {
      const taken = net.createServer();
      const port = await new Promise<number>((resolve) => taken.listen(0, '127.0.0.1', () => resolve((taken.address() as net.AddressInfo).port)));
      try {
        const server = await startServer({ DATA_DIR: dataDir, PORT: String(port) });
        expect(await server.exited).toEqual({ code: 1, signal: null });
        const fatal = server.logs.find((l) => l.level === 60);
        expect(fatal?.msg).toBe('could not start');
        expect(JSON.stringify(fatal?.err)).toContain('EADDRINUSE');
        expect(server.logs.some((l) => typeof l.msg === 'string' && l.msg.startsWith('GraphiQL is at'))).toBe(false);
        expect(existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);
        expect(processesMentioning(dataDir)).toEqual([]);
      } finally {
        await new Promise((resolve) => taken.close(resolve));
      }
    },
    LONG,
  );
});

describe('DATABASE_URL mode', () => {
  let unusedDataDir: string;
  let database: { url: string; drop: () => Promise<void> };

  beforeAll(async () => {
    unusedDataDir = freshDataDir();
    database = await createTestDatabase({ empty: true });
  });
  afterAll(async () => {
    await cleanUp(unusedDataDir);
    await database?.drop();
  }, 60_000);

  it(
    'migrates and seeds the given empty database and answers, starting no PostgreSQL of its own',
    async () => {
      const server = await startServer({ DATABASE_URL: database.url, DATA_DIR: unusedDataDir });
      await waitReady(server);
      expect(await graphql(server, NANJING_QUERY)).toEqual(NANJING_ANSWER);
      expect((await graphql(server, SOURCES_QUERY)).sources.totalCount).toBe(10);
      expect(server.logs.some((l) => l.msg === 'embedded PostgreSQL started')).toBe(false);
      expect(server.logs.some((l) => l.msg === 'published data set loaded')).toBe(true);
      expect(existsSync(unusedDataDir)).toBe(false);
      expect(processesMentioning(unusedDataDir)).toEqual([]);

      // The data really went into the database we named.
      const client = new Client({ connectionString: database.url });
      await client.connect();
      try {
        const { rows } = await client.query('SELECT (SELECT count(*) FROM source)::integer AS sources, (SELECT count(*) FROM migration)::integer AS migrations');
        expect(rows[0].sources).toBe(10);
        expect(rows[0].migrations).toBeGreaterThan(0);
      } finally {
        await client.end();
      }

      server.child.kill('SIGTERM');
      expect(await server.exited).toEqual({ code: 0, signal: null });
    },
    LONG,
  );
});
