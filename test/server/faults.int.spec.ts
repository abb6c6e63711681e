/**
 * The database goes away and comes back while the registry serves, on a PostgreSQL of this file's
 * own (stopped and started here without disturbing other test files):
 * - while it is down, requests fail fast with UNAVAILABLE and 503, /readyz says 503, /healthz 200,
 *   and the process does not crash on its broken connections;
 * - once it is back, everything answers again without a restart;
 * - writes racing the outage: every acknowledged one is stored exactly once, every failed one said
 *   why, and a failed bulk upsert retried with its idempotency key is applied once;
 * - a server started while the database is down listens, says 503 on /readyz, retries with a log
 *   line per attempt, and becomes ready by itself when the database appears.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { Role } from '../../src/auth/caller';
import { createDataSource } from '../../src/db/data-source';
import { freePort, startEmbeddedPostgres, type RunningPostgres } from '../../src/db/embedded';
import { createRequestPool } from '../../src/db/request-pool';
import { applicationRolePassword, setApplicationRolePassword } from '../../src/db/app-role';
import { requestUrlOf } from '../setup/database-url';
import { seedPublishedDataSet } from '../../src/db/seed';
import { toGlobalId } from '../../src/graphql/relay/global-id';
import { logger } from '../../src/logger';
import { apiKeyStore } from '../../src/modules/api-key/api-key.store';
import { createApp, type RegistryApp } from '../../src/server/app';
import { testEnterprises } from '../setup/fixtures';
import { graphql, httpRequest, logged, sleep, startServer, stopServers, waitFor, waitReady, type HttpAnswer } from '../setup/server-process';
import { migrateRegistry } from '../../src/db/migrate';

let dataDir: string;
let port: number;
let pg: RunningPostgres | null = null;
let url: string;

let dataSource: DataSource;
let requestPool: Pool;
let registry: RegistryApp;
let server: Server;
let base: string;
let admin: string;
let nanjingEditor: string;
let enterpriseId: string;

const startPg = async () => {
  pg = await startEmbeddedPostgres({ dataDir, port });
};
const stopPg = async () => {
  await pg?.stop();
  pg = null;
};

beforeAll(async () => {
  dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'registry-faults-')), 'pg');
  port = await freePort();
  await startPg();
  url = pg!.url;
  dataSource = createDataSource(url);
  await dataSource.initialize();
  await migrateRegistry(dataSource);
  await setApplicationRolePassword(dataSource, applicationRolePassword(url));
  await seedPublishedDataSet(dataSource);
  admin = (await apiKeyStore.create(dataSource, { role: Role.ADMIN, cityCode: null, label: 'faults admin' })).key;
  nanjingEditor = (await apiKeyStore.create(dataSource, { role: Role.CITY_EDITOR, cityCode: '320100', label: 'faults editor' })).key;
  // The published data set has no enterprise in Nanjing: the studios' host is one made here.
  const [enterprise] = await testEnterprises((text, params) => dataSource.query(text, params), '320100');
  enterpriseId = toGlobalId('Enterprise', enterprise.id);

  requestPool = createRequestPool(requestUrlOf(url), 5, { connectionTimeoutMs: 2000 });
  registry = await createApp(dataSource, requestPool, { requireKey: false, logger: logger.child({}, { level: 'fatal' }) });
  server = registry.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  await stopServers();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await registry?.apollo.stop();
  await requestPool?.end();
  if (dataSource?.isInitialized) await dataSource.destroy();
  await stopPg();
  rmSync(path.dirname(dataDir), { recursive: true, force: true });
}, 60_000);

const SOURCES = '{ sources(first: 3) { totalCount nodes { title } } }';
const CREATE_STUDIO = 'mutation ($input: CreateInnovationStudioInput!) { createInnovationStudio(input: $input) { innovationStudio { id } userErrors { code message } } }';
const UPSERT_STUDIOS =
  'mutation ($input: UpsertInnovationStudiosInput!) { upsertInnovationStudios(input: $input) { applied replayed created userErrors { code message } rowErrors { code message } } }';

const ask = (query: string, variables?: Record<string, unknown>, key?: string) =>
  httpRequest(`${base}/graphql`, { query, variables }, key ? { authorization: `Bearer ${key}` } : {});

/** No SQL, stack or driver text reaches the client. */
function expectNoLeak(body: unknown): void {
  expect(JSON.stringify(body)).not.toMatch(/stack|ECONNREFUSED|terminating connection|127\.0\.0\.1|Connection terminated|at .*\.ts/i);
}

function expectUnavailable(res: HttpAnswer): void {
  expect(res.status).toBe(503);
  expect(res.headers['retry-after']).toBe('5');
  expect(res.body.errors[0].extensions.code).toBe('UNAVAILABLE');
  expect(res.body.errors[0].message).toMatch(/database is unavailable/);
  expectNoLeak(res.body);
}

describe('the database stops while the registry serves', () => {
  it('requests fail fast with UNAVAILABLE and 503, /readyz is 503, /healthz 200; once it is back all answer again by themselves', async () => {
    expect((await httpRequest(`${base}/readyz`)).status).toBe(200);
    expect((await ask(SOURCES)).body.data.sources.totalCount).toBe(10);
    expect((await ask(SOURCES, undefined, admin)).body.data.sources.totalCount).toBe(10);

    await stopPg();
    expectUnavailable(await ask(SOURCES));
    expectUnavailable(await ask(SOURCES, undefined, admin)); // authentication itself needs the database
    expectUnavailable(await ask(CREATE_STUDIO, { input: { name: '断库时的工作室', kind: 'EMPLOYEE', enterpriseId } }, nanjingEditor));
    expectUnavailable(await httpRequest(`${base}/export/sources.csv`));
    const ready = await httpRequest(`${base}/readyz`);
    expect([ready.status, ready.body]).toEqual([503, { status: 'unavailable', reason: 'database unavailable' }]);
    expect((await httpRequest(`${base}/healthz`)).status).toBe(200);

    await startPg();
    await waitFor('/readyz to answer 200 again', async () => (await httpRequest(`${base}/readyz`)).status === 200);
    expect((await ask(SOURCES)).body).toMatchObject({ data: { sources: { totalCount: 10 } } });
    expect((await ask(SOURCES, undefined, admin)).body).toMatchObject({ data: { sources: { totalCount: 10 } } });
    const created = await ask(CREATE_STUDIO, { input: { name: '恢复后的工作室', kind: 'EMPLOYEE', enterpriseId } }, nanjingEditor);
    expect(created.status).toBe(200);
    expect(created.body.data.createInnovationStudio.userErrors).toEqual([]);
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM innovation_studio WHERE name = '断库时的工作室'`)).toEqual([{ n: 0 }]);
  }, 60_000);

  it('writes racing a restart: every acknowledged one is stored exactly once, every failed one said why, and a failed keyed upsert is applied once on retry', async () => {
    interface Outcome {
      marker: string;
      kind: 'create' | 'upsert';
      variables: Record<string, unknown>;
      status: number;
      code?: string;
      acknowledged: boolean;
    }
    const outcomes: Outcome[] = [];
    let running = true;
    const acknowledged = () => outcomes.filter((o) => o.acknowledged).length;
    const failed = () => outcomes.filter((o) => !o.acknowledged).length;

    async function writer(w: number): Promise<void> {
      for (let i = 0; running; i += 1) {
        const marker = `F${w}-${i}`;
        const kind = i % 2 ? 'upsert' : 'create';
        const variables =
          kind === 'create'
            ? { input: { name: `故障测试 ${marker}`, kind: 'EMPLOYEE', enterpriseId } }
            : { input: { idempotencyKey: marker, records: ['a', 'b'].map((s) => ({ externalId: `${marker}-${s}`, name: `故障批量 ${marker}-${s}`, kind: 'MODEL_WORKER', enterpriseId })) } };
        const res = await ask(kind === 'create' ? CREATE_STUDIO : UPSERT_STUDIOS, variables, nanjingEditor);
        const payload = res.body?.data?.[kind === 'create' ? 'createInnovationStudio' : 'upsertInnovationStudios'];
        const ok = res.status === 200 && !res.body.errors && payload?.userErrors.length === 0 && (kind === 'create' || payload.applied === true);
        outcomes.push({ marker, kind, variables, status: res.status, code: res.body?.errors?.[0]?.extensions?.code, acknowledged: ok });
        if (!ok) await sleep(20);
      }
    }

    const writers = [0, 1, 2, 3].map(writer);
    try {
      await waitFor('writes acknowledged before the outage', () => acknowledged() >= 20);
      await stopPg();
      const atRestart = failed();
      await waitFor('writes refused during the outage', () => failed() >= atRestart + 8);
      await startPg();
      const before = acknowledged();
      await waitFor('writes acknowledged after the outage', () => acknowledged() >= before + 20);
    } finally {
      running = false;
      await Promise.all(writers);
    }

    // Every failure was the database's, said plainly: never a 500 or INTERNAL.
    const failures = outcomes.filter((o) => !o.acknowledged);
    expect(failures.length).toBeGreaterThanOrEqual(8);
    for (const f of failures) expect([f.status, f.code]).toEqual([503, expect.stringMatching(/^(UNAVAILABLE|TIMEOUT)$/)]);

    const studios = new Map<string, number>(
      (await dataSource.query(`SELECT name, count(*)::int AS n FROM innovation_studio WHERE name LIKE '故障测试 %' GROUP BY name`)).map((r: any) => [r.name, r.n]),
    );
    const upserted = new Map<string, number>(
      (await dataSource.query(`SELECT external_id, count(*)::int AS n FROM innovation_studio WHERE name LIKE '故障批量 %' GROUP BY external_id`)).map((r: any) => [r.external_id, r.n]),
    );
    for (const o of outcomes.filter((x) => x.kind === 'create')) {
      const stored = studios.get(`故障测试 ${o.marker}`) ?? 0;
      // Acknowledged: there, once. Failed: there at most once (a commit whose answer was lost).
      if (o.acknowledged) expect([o.marker, stored]).toEqual([o.marker, 1]);
      else expect(stored).toBeLessThanOrEqual(1);
    }
    for (const o of outcomes.filter((x) => x.kind === 'upsert' && x.acknowledged)) {
      expect([o.marker, upserted.get(`${o.marker}-a`), upserted.get(`${o.marker}-b`)]).toEqual([o.marker, 1, 1]);
    }

    // A portal retries its failed batches with the same key: each is applied once, or answered
    // with the first result when it had in fact been applied; its key is never left "in progress".
    for (const o of outcomes.filter((x) => x.kind === 'upsert' && !x.acknowledged)) {
      const res = await ask(UPSERT_STUDIOS, o.variables, nanjingEditor);
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.upsertInnovationStudios).toMatchObject({ applied: true, created: 2, userErrors: [], rowErrors: [] });
    }
    // And an acknowledged batch sent again is a replay that writes nothing.
    const first = outcomes.find((x) => x.kind === 'upsert' && x.acknowledged)!;
    expect((await ask(UPSERT_STUDIOS, first.variables, nanjingEditor)).body.data.upsertInnovationStudios).toMatchObject({ applied: true, replayed: true });

    const upserts = outcomes.filter((x) => x.kind === 'upsert');
    const [counts] = await dataSource.query(
      `SELECT count(*)::int AS rows, count(DISTINCT external_id)::int AS ids,
              (SELECT count(*)::int FROM audit_entry WHERE record_type = 'InnovationStudio' AND after->>'name' LIKE '故障批量 %') AS audits
       FROM innovation_studio WHERE name LIKE '故障批量 %'`,
    );
    expect(counts).toEqual({ rows: 2 * upserts.length, ids: 2 * upserts.length, audits: 2 * upserts.length });
  }, 120_000);
});

describe('a server started while its database is down', () => {
  it('listens at once, answers 503 on /readyz and the API, retries with a log line per attempt, and is ready when the database appears', async () => {
    await stopPg();
    const started = await startServer({ DATABASE_URL: url, DB_START_RETRY_MAX_MS: '400' });
    await waitFor('the server to listen', () => httpRequest(`${started.base}/healthz`).catch(() => undefined), 60_000);
    await waitFor('two start-up attempts', () => started.logs.filter((l) => l.msg === 'database unreachable at start; retrying').length >= 2, 60_000);
    const attempt = started.logs.find((l) => l.msg === 'database unreachable at start; retrying')!;
    expect(attempt).toMatchObject({ level: 40, attempt: 1, retryInMs: 400, database: `127.0.0.1:${port}/postgres` });
    expect(JSON.stringify(started.logs)).not.toContain('postgres:postgres'); // no password in the logs

    expect((await httpRequest(`${started.base}/healthz`)).status).toBe(200);
    const ready = await httpRequest(`${started.base}/readyz`);
    expect([ready.status, ready.body]).toEqual([503, { status: 'unavailable', reason: 'starting: the database is not ready yet' }]);
    const api = await httpRequest(`${started.base}/graphql`, { query: SOURCES });
    expect([api.status, api.headers['retry-after'], api.body.errors[0].extensions.code]).toEqual([503, '5', 'UNAVAILABLE']);
    expect(api.body.extensions.requestId).toBe(api.headers['x-request-id']);

    await startPg();
    await waitReady(started, 60_000);
    expect(logged(started, 'database reached')).toBe(true);
    expect((await graphql(started, SOURCES)).sources.totalCount).toBe(10);
    started.child.kill('SIGTERM');
    expect(await started.exited).toEqual({ code: 0, signal: null });
  }, 120_000);

  it('stops at once on SIGTERM while it waits, and gives up with exit 1 after DB_START_TIMEOUT_MS', async () => {
    await stopPg();
    const waiting = await startServer({ DATABASE_URL: url, DB_START_RETRY_MAX_MS: '400' });
    await waitFor('a start-up attempt', () => logged(waiting, 'database unreachable at start; retrying'), 60_000);
    waiting.child.kill('SIGTERM');
    expect(await waiting.exited).toEqual({ code: 0, signal: null });

    const impatient = await startServer({ DATABASE_URL: url, DB_START_RETRY_MAX_MS: '200', DB_START_TIMEOUT_MS: '1000' });
    expect(await impatient.exited).toEqual({ code: 1, signal: null });
    const fatal = impatient.logs.find((l) => l.level === 60);
    expect(fatal?.msg).toBe('could not start');
    expect(fatal?.err.message).toMatch(/did not answer within DB_START_TIMEOUT_MS/);
    await startPg();
  }, 120_000);
});
