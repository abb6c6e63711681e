/**
 * Exports stream from a PostgreSQL cursor: the server's memory stays flat however many rows there
 * are, the first bytes leave while the export's transaction is still reading, and the connection
 * goes back to the pool when the download ends or the client walks away. Measured over real HTTP
 * on a table of 300,000 extra studios.
 */
import { once } from 'node:events';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import http, { type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { copyPlan } from '../../src/modules/export/export-copy';
import { exportStatement } from '../../src/modules/export/export-stream';
import { exportTypeOf } from '../../src/modules/export/export-types';
import { testEnterprises } from '../setup/fixtures';
import { sqlNumber, sqlRows } from '../setup/queries';
import { startTestApp, type TestApp } from '../setup/test-app';

const EXTRA_STUDIOS = 300_000;
const MB = 1024 * 1024;

// V8's collector, called from the test: what the export keeps alive is the heap after a collection, not the
// garbage a given Node line lets pile up before collecting (Node 24 lets more than 22 does).
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;
const liveHeap = () => {
  collect();
  return process.memoryUsage().heapUsed;
};

let app: TestApp;
let server: Server;
let base: string;
let studios: number;

beforeAll(async () => {
  app = await startTestApp();
  // The published data set has no enterprise in Nanjing: the studios' host is one made here.
  const [enterprise] = await testEnterprises((text, params) => app.dataSource.query(text, params), '320100');
  await app.dataSource.query(
    `INSERT INTO innovation_studio (name, kind, enterprise_id, province_code, city_code, established_on, is_sample)
     SELECT '压测创新工作室 ' || g || ' ' || repeat('名称很长', 8), 'EMPLOYEE', $1, '320000', '320100', date '2020-01-01' + g % 1500, true
     FROM generate_series(1, ${EXTRA_STUDIOS}) AS g`,
    [enterprise.id],
  );
  await app.dataSource.query('ANALYZE innovation_studio');
  studios = await sqlNumber(app, 'SELECT count(*) FROM innovation_studio WHERE archived_at IS NULL');
  server = app.app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await app.close();
});

function get(path: string): Promise<{ req: http.ClientRequest; res: IncomingMessage }> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${base}${path}`, (res) => resolve({ req, res }));
    req.on('error', reject);
  });
}

/** Counts a body's bytes and line feeds without keeping it. */
function countBody(res: IncomingMessage): Promise<{ bytes: number; lines: number }> {
  return new Promise((resolve, reject) => {
    let bytes = 0;
    let lines = 0;
    res.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines += 1;
    });
    res.on('end', () => resolve({ bytes, lines }));
    res.on('error', reject);
  });
}

/** Reads until more than `lines` line feeds have arrived, then pauses the response; resolves to the line feeds read. */
function readSomeLines(res: IncomingMessage, lines: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let seen = 0;
    const onData = (chunk: Buffer) => {
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) seen += 1;
      if (seen <= lines) return;
      res.pause();
      res.off('data', onData);
      resolve(seen);
    };
    res.on('data', onData);
    res.on('error', reject);
  });
}

/** The connections exports hold (a COPY's parallel workers, which show its name and statement too, are not connections). */
const exportBackends = () =>
  sqlRows<{ state: string; in_transaction: boolean; query: string }>(
    app,
    `SELECT state, xact_start IS NOT NULL AS in_transaction, query FROM pg_stat_activity
      WHERE application_name = 'reform-registry export' AND backend_type = 'client backend'`,
  );

/** Waits until no export holds a connection: its transaction is over and the pool has every connection back. */
async function untilReleased(): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if ((await exportBackends()).length === 0 && app.requestPool.idleCount === app.requestPool.totalCount) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the export did not give its connection back: ${JSON.stringify(await exportBackends())}`);
}

describe('a large export', () => {
  it('streams every row with flat memory: the live heap grows far less than the body size', async () => {
    // The live heap is sampled every 4 MB of body, not on a timer: a full collection of a jest worker's heap
    // can take longer than any timer's period, and back to back they would starve the server in this process.
    const baseline = liveHeap();
    let peak = baseline;
    const { res } = await get('/export/innovation-studios.csv');
    expect(res.statusCode).toBe(200);
    let nextSample = 4 * MB;
    let received = 0;
    res.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received < nextSample) return;
      nextSample += 4 * MB;
      peak = Math.max(peak, liveHeap());
    });
    const body = await countBody(res);
    expect(body.lines - 1).toBe(studios);
    expect(body.bytes).toBeGreaterThan(50 * MB);
    expect(received).toBe(body.bytes);
    // Kept whole, the body alone would be more than 50 MB of live heap (twice that as JavaScript strings).
    expect(peak - baseline).toBeLessThan(16 * MB);
    await untilReleased();
  }, 180_000);

  it("sends the first rows while the export's transaction is still reading, then the rest", async () => {
    const { res } = await get('/export/innovation-studios.ndjson');
    expect(res.statusCode).toBe(200);
    const seen = await readSomeLines(res, 1000);
    const [backend, ...others] = await exportBackends();
    expect(others).toEqual([]);
    expect(backend.in_transaction).toBe(true);
    expect(['active', 'idle in transaction']).toContain(backend.state);
    // The export's own statement (pg_stat_activity keeps its first kilobyte).
    const statement = copyPlan(exportTypeOf('innovation-studios')!, 'ndjson', exportStatement(exportTypeOf('innovation-studios')!, {}))!.statement;
    expect(statement.startsWith(backend.query.slice(0, 600))).toBe(true);
    expect(seen).toBeLessThan(studios);
    res.resume();
    const rest = await countBody(res);
    // NDJSON has no header: one line per row.
    expect(seen + rest.lines).toBe(studios);
    await untilReleased();
  }, 180_000);

  it('gives the connection back when the client walks away mid-download', async () => {
    const { req, res } = await get('/export/innovation-studios.csv');
    await readSomeLines(res, 1000);
    expect(await exportBackends()).toHaveLength(1);
    req.destroy();
    await untilReleased();
    const { res: again } = await get('/export/goals.csv');
    expect(again.statusCode).toBe(200);
    expect((await countBody(again)).lines).toBeGreaterThan(1);
    await untilReleased();
  }, 60_000);

  it('runs at most half the request pool as exports at once, refusing more with 503 and Retry-After', async () => {
    const running = [await get('/export/innovation-studios.csv'), await get('/export/innovation-studios.ndjson')];
    for (const { res } of running) await readSomeLines(res, 10);
    const refused = await get('/export/goals.csv');
    expect(refused.res.statusCode).toBe(503);
    expect(refused.res.headers['retry-after']).toBe('30');
    const chunks: Buffer[] = [];
    for await (const chunk of refused.res) chunks.push(chunk as Buffer);
    expect(JSON.parse(Buffer.concat(chunks).toString('utf8')).errors[0].extensions.code).toBe('TOO_MANY_EXPORTS');
    // The API itself still answers while the exports hold their connections.
    expect((await app.graphql('{ goals(first: 1) { totalCount } }')).errors).toBeUndefined();
    for (const { req } of running) req.destroy();
    await untilReleased();
    const after = await get('/export/goals.csv');
    expect(after.res.statusCode).toBe(200);
    await countBody(after.res);
    await untilReleased();
  }, 60_000);
});
