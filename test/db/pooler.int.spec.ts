/**
 * Behind a transaction-mode pooler (Debian's PgBouncer 1.18, three server connections for eight clients), with
 * DATABASE_POOLER_URL: the request pool goes through the pooler and names no prepared statement, sends no startup setting
 * (PgBouncer refuses them; the role carries statement_timeout and jit instead), and the key cache's LISTEN goes straight
 * to PostgreSQL. Reads, writes under row-level security with their audit entry, COPY and cursor exports and revocation
 * all work through it. Without the setting, the pooler refuses the pool's connections, and named statements collide on the
 * shared server connection: the two reasons it exists.
 */
import { Pool } from 'pg';
import request from 'supertest';
import { applicationRolePassword, applicationRoleAt } from '../../src/db/app-role';
import { createRequestPool, roleSettingsForPooler } from '../../src/db/request-pool';
import { logger } from '../../src/logger';
import { createApp, type RegistryApp } from '../../src/server/app';
import { requestUrlOf } from '../setup/database-url';
import { startPgBouncer, type TestPgBouncer } from '../setup/pgbouncer';
import { asBytes, nodeId } from '../setup/queries';
import { startTestApp, type TestApp } from '../setup/test-app';

const NANJING = '320100';
const STATEMENT_TIMEOUT_MS = 4_000;

let app: TestApp;
let bouncer: TestPgBouncer;
let pooledPool: Pool;
let pooled: RegistryApp;
let ownerUrl: string;
let poolerUrl: string;
/** The same database through one server connection that every client shares. */
let singleUrl: string;

beforeAll(async () => {
  app = await startTestApp();
  ownerUrl = (app.dataSource.options as { url: string }).url;
  const server = new URL(ownerUrl);
  const database = server.pathname.slice(1);
  // Three server connections for the app's eight: a download's transaction holds one while its batches ask another.
  bouncer = await startPgBouncer({ host: server.hostname, port: Number(server.port) }, { registry_app: applicationRolePassword(ownerUrl) }, { poolSize: 3, single: [database] });
  poolerUrl = bouncer.url(database);
  singleUrl = bouncer.url(`${database}_single`);
  await roleSettingsForPooler(app.dataSource, STATEMENT_TIMEOUT_MS);
  pooledPool = createRequestPool(applicationRoleAt(requestUrlOf(ownerUrl), poolerUrl), 8, {}, { directUrl: requestUrlOf(ownerUrl) });
  pooled = await createApp(app.dataSource, pooledPool, { requireKey: false, logger: logger.child({}, { level: 'warn' }) });
}, 120_000);
afterAll(async () => {
  await pooled?.apollo.stop();
  await pooledPool?.end();
  await bouncer?.stop();
  await app?.close();
});

const ask = (registry: RegistryApp, key: string, query: string, variables?: Record<string, unknown>) =>
  request(registry.app).post('/graphql').set('authorization', `Bearer ${key}`).send({ query, variables }).then((res) => res.body);

const SHAPES = [
  `{ innovationStudios(first: 5, filter: { cityCode: "${NANJING}" }) { totalCount nodes { id name city { name } enterprise { name } } } }`,
  `{ cities(first: 3) { nodes { code name innovationStudios(first: 2) { totalCount nodes { name } } } } }`,
  `{ goalRanking(metric: INNOVATION_STUDIOS, provinceCode: "320000") { rank city { code } progress { current ratio } } }`,
  `{ innovationStudioStats(groupBy: [CITY, KIND]) { cityCode kind count } }`,
];

it('answers every read through the pooler as it does straight to PostgreSQL, many at once, each shape many times', async () => {
  const { key } = await app.createKey('ADMIN');
  const direct = await Promise.all(SHAPES.map((query) => ask(app, key, query)));
  // The same shapes again and again, concurrently: a named statement prepared on the shared server connection would collide.
  const through = await Promise.all(Array.from({ length: 24 }, (_, i) => ask(pooled, key, SHAPES[i % SHAPES.length])));
  through.forEach((body, i) => {
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual(direct[i % SHAPES.length].data);
  });
});

it('writes through the pooler under row-level security, the audit entry naming the caller, and refuses another city', async () => {
  const editor = await app.createKey('CITY_EDITOR', NANJING, 'pooled portal');
  const [studio] = await app.dataSource.query(`SELECT id, version FROM innovation_studio WHERE city_code = $1 ORDER BY id LIMIT 1`, [NANJING]);
  const [other] = await app.dataSource.query(`SELECT id, version FROM innovation_studio WHERE city_code <> $1 ORDER BY id LIMIT 1`, [NANJING]);
  const update = `mutation($id: ID!, $version: Int!) { updateInnovationStudio(input: { id: $id, version: $version, name: "经连接池改名" }) {
    userErrors { code } innovationStudio { name history { actor { label cityCode } } } } }`;
  const res = await ask(pooled, editor.key, update, { id: nodeId('InnovationStudio', studio.id), version: studio.version });
  expect(res.errors).toBeUndefined();
  expect(res.data.updateInnovationStudio.userErrors).toEqual([]);
  expect(res.data.updateInnovationStudio.innovationStudio.name).toBe('经连接池改名');
  expect(res.data.updateInnovationStudio.innovationStudio.history[0].actor).toEqual({ label: 'pooled portal', cityCode: NANJING });
  const refused = await ask(pooled, editor.key, update, { id: nodeId('InnovationStudio', other.id), version: other.version });
  expect(refused.data?.updateInnovationStudio?.userErrors?.[0]?.code ?? refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
});

it('downloads through the pooler, by COPY and from a cursor, the same bytes as straight to PostgreSQL', async () => {
  const { key } = await app.createKey('ADMIN');
  for (const path of ['/export/innovation-studios.csv', '/export/craftsmen.ndjson', '/export/enterprises.xlsx']) {
    const get = (registry: RegistryApp) => asBytes(request(registry.app).get(path).set('authorization', `Bearer ${key}`));
    const [direct, through] = await Promise.all([get(app), get(pooled)]);
    expect({ path, status: through.status }).toEqual({ path, status: 200 });
    // A workbook carries its creation time; its size is the check there.
    if (path.endsWith('.xlsx')) expect(Math.abs((through.body as Buffer).length - (direct.body as Buffer).length)).toBeLessThan(64);
    else expect({ path, same: (through.body as Buffer).equals(direct.body as Buffer) }).toEqual({ path, same: true });
  }
});

it('has the statement timeout on every pooled connection, from the role, and no JIT', async () => {
  const rows = await Promise.all(Array.from({ length: 4 }, () => pooledPool.query(`SELECT current_setting('statement_timeout') AS timeout, current_setting('jit') AS jit`)));
  for (const { rows: [row] } of rows) expect(row).toEqual({ timeout: `${STATEMENT_TIMEOUT_MS / 1000}s`, jit: 'off' });
  await expect(pooledPool.query('SELECT pg_sleep(6)')).rejects.toMatchObject({ code: '57014' });
});

it('refuses a revoked key at once: the key cache listens straight to PostgreSQL, not through the pooler', async () => {
  const analyst = await app.createKey('ANALYST');
  const admin = await app.createKey('ADMIN');
  expect((await ask(pooled, analyst.key, '{ provinces(first: 1) { totalCount } }')).errors).toBeUndefined();
  const revoked = await ask(app, admin.key, `mutation { revokeApiKey(input: { id: "${nodeId('ApiKey', analyst.id)}" }) { apiKey { revokedAt } } }`);
  expect(revoked.errors).toBeUndefined();
  let status = 200;
  for (let i = 0; i < 50 && status === 200; i += 1) {
    status = (await request(pooled.app).post('/graphql').set('authorization', `Bearer ${analyst.key}`).send({ query: '{ provinces(first: 1) { totalCount } }' })).status;
    if (status === 200) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(status).toBe(401);
});

describe('without DATABASE_POOLER_URL, the same pooler', () => {
  it('refuses the request pool: it sends statement_timeout and options at login', async () => {
    const plain = createRequestPool(applicationRoleAt(requestUrlOf(ownerUrl), poolerUrl), 2);
    try {
      await expect(plain.query('SELECT 1')).rejects.toThrow(/unsupported startup parameter/);
    } finally {
      await plain.end();
    }
  });

  it('lets named statements of two clients meet on its one server connection', async () => {
    const plain = new Pool({ connectionString: applicationRoleAt(requestUrlOf(ownerUrl), singleUrl), max: 2 });
    try {
      const [a, b] = [await plain.connect(), await plain.connect()];
      await a.query({ name: 'registry_1', text: 'SELECT 1 AS one' });
      await expect(b.query({ name: 'registry_1', text: 'SELECT 2 AS two' })).rejects.toMatchObject({ code: '42P05' });
      a.release();
      b.release();
    } finally {
      await plain.end();
    }
  });
});
