/**
 * API keys seen in the last minute are answered from memory, so a repeat request runs no SQL to
 * authenticate; revocation still bites: through the API at once, by any other way (the CLI,
 * another instance, SQL) as soon as PostgreSQL's notification arrives, and while the connection
 * that listens for notifications is down nothing is cached at all.
 */
import { Writable } from 'node:stream';
import { Client } from 'pg';
import pino from 'pino';
import request from 'supertest';
import { ApiKeyCache, KEY_CHANGES_APPLICATION_NAME } from '../../src/auth/api-key-cache';
import { callerOf } from '../../src/auth/authenticate';
import { API_KEY_CHANNEL } from '../../migrations/1730000000021-NotifyApiKeyChanges';
import { nodeId } from '../setup/queries';
import { sleep, waitFor } from '../setup/server-process';
import { startTestApp, type TestApp } from '../setup/test-app';

const QUERY = '{ city(code: "320100") { name } }';
const REVOKE = 'mutation ($id: ID!) { revokeApiKey(input: { id: $id }) { userErrors { code } } }';

let app: TestApp;
let database: string;
const logs: Array<{ level: number; msg: string }> = [];
/** Authentication statements the request pool has run (the statement is prepared under this name). */
let lookups = 0;

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(JSON.parse(String(chunk)));
      done();
    },
  });
  app = await startTestApp({ requireKey: true, logger: pino({ level: 'info' }, sink) });
  [{ current_database: database }] = await app.dataSource.query('SELECT current_database()');
  const query = app.requestPool.query.bind(app.requestPool) as (...args: unknown[]) => unknown;
  jest.spyOn(app.requestPool, 'query').mockImplementation(((...args: unknown[]) => {
    if ((args[0] as { name?: string })?.name === 'authenticate-api-key') lookups++;
    return query(...args);
  }) as never);
  await waitFor('the key cache to listen', () => app.apiKeys.isListening, 10_000);
});
afterAll(() => app?.close());

async function ask(key: string, path = '/graphql'): Promise<{ status: number; body: any }> {
  const req = path === '/graphql' ? request(app.app).post(path).send({ query: QUERY }) : request(app.app).get(path);
  const res = await req.set('authorization', `Bearer ${key}`);
  return { status: res.status, body: res.body };
}

/** Asks until the key is refused with 401 (a notification is on its way), for at most 2 s. */
const refusedSoon = (key: string) => waitFor('the key to be refused', async () => (await ask(key)).status === 401, 2_000);

it('a repeat request with the same key runs no authentication statement, on every route', async () => {
  const { key } = await app.createKey('ANALYST');
  const before = lookups;
  expect((await ask(key)).body.data).toEqual({ city: { name: '南京' } });
  expect(lookups).toBe(before + 1);
  expect((await ask(key)).body.data).toEqual({ city: { name: '南京' } });
  expect((await ask(key, '/export/sources.csv')).status).toBe(200);
  expect(lookups).toBe(before + 1);
});

it('unknown keys are never cached: each is looked up, and a key made a moment later works at once', async () => {
  const before = lookups;
  for (let i = 0; i < 2; i++) expect((await ask('rr_thisKeyWasNeverIssuedByTheRegistryAtAll000000')).status).toBe(401);
  expect(lookups).toBe(before + 2);
  const { key } = await app.createKey('ANALYST');
  expect((await ask(key)).status).toBe(200);
});

it('a key revoked through the API is refused on the very next request, though it was cached', async () => {
  const { key: admin } = await app.createKey('ADMIN');
  const { key, id } = await app.createKey('CITY_EDITOR', '320100');
  expect((await ask(key)).status).toBe(200);
  const before = lookups;
  expect((await ask(key)).status).toBe(200);
  expect(lookups).toBe(before); // answered from the cache

  expect(await app.graphqlAs(admin, REVOKE, { id: nodeId('ApiKey', id) })).toMatchObject({ data: { revokeApiKey: { userErrors: [] } } });
  const after = await ask(key);
  expect(after.status).toBe(401);
  expect(after.body.errors[0].message).toMatch(/revoked/);
});

describe('changes made behind this instance (the CLI, another instance, SQL) arrive by notification', () => {
  it('revoked: refused within moments', async () => {
    const { key, id } = await app.createKey('ANALYST');
    expect((await ask(key)).status).toBe(200);
    await app.dataSource.query('UPDATE api_key SET revoked_at = now() WHERE id = $1', [id]);
    await refusedSoon(key);
    expect((await ask(key)).body.errors[0].message).toMatch(/revoked/);
  });

  it('deleted: refused within moments', async () => {
    const { key, id } = await app.createKey('ANALYST');
    expect((await ask(key)).status).toBe(200);
    await app.dataSource.query('DELETE FROM api_key WHERE id = $1', [id]);
    await refusedSoon(key);
    expect((await ask(key)).body.errors[0].message).toMatch(/Unknown API key/);
  });

  it('re-roled: the next requests act with the new role', async () => {
    const { key, id } = await app.createKey('ANALYST');
    const apiKeys = () => request(app.app).post('/graphql').set('authorization', `Bearer ${key}`).send({ query: '{ apiKeys { id } }' });
    expect((await apiKeys()).body.errors[0].extensions.code).toBe('FORBIDDEN');
    await app.dataSource.query(`UPDATE api_key SET role = 'ADMIN' WHERE id = $1`, [id]);
    const listed = await waitFor('the new role to apply', async () => ((await apiKeys()).body.data?.apiKeys as unknown[] | undefined), 2_000);
    expect(listed.length).toBeGreaterThan(0);
  });

  it('the trigger announces changes to who a key is, and not its being marked used', async () => {
    const { id } = await app.createKey('ANALYST');
    const listener = new Client({ connectionString: app.requestPool.options.connectionString });
    const heard: string[] = [];
    await listener.connect();
    try {
      listener.on('notification', (message) => heard.push(message.payload ?? ''));
      // The channel is named with a secret of the database (migration 35), which the owner reads.
      const [{ channel }] = await app.dataSource.query('SELECT registry_api_key_channel() AS channel');
      expect(channel).toMatch(new RegExp(`^${API_KEY_CHANNEL}_[0-9a-f]{32}$`));
      await listener.query(`LISTEN "${channel}"`);
      await app.dataSource.query('UPDATE api_key SET last_used_at = now() WHERE id = $1', [id]);
      await app.dataSource.query(`UPDATE api_key SET label = 'renamed' WHERE id = $1`, [id]);
      // Notifications arrive in commit order: once the label's is here, a last_used_at one would be too.
      await waitFor('the notification', () => heard.length > 0, 2_000);
      expect(heard).toEqual([String(id)]);
    } finally {
      await listener.end();
    }
  });
});

it('without its LISTEN connection the cache is off, a revocation bites on the very next request, and it comes back by itself', async () => {
  const { key, id } = await app.createKey('ANALYST');
  expect((await ask(key)).status).toBe(200);
  const warningsBefore = logs.filter((l) => l.level === 40 && /notifications lost/.test(l.msg)).length;
  // The outage lasts until we say so: nobody may connect (the pool keeps its open connections).
  // A database's own connections may not change that, so the server's admin connection does.
  const server = new Client({ connectionString: process.env.REGISTRY_TEST_ADMIN_URL });
  await server.connect();
  await server.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS false`);
  try {
    const [{ terminated }] = await app.dataSource.query(
      'SELECT count(pg_terminate_backend(pid))::int AS terminated FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()',
      [KEY_CHANGES_APPLICATION_NAME],
    );
    expect(terminated).toBe(1);
    await waitFor('the cache to notice', () => !app.apiKeys.isListening, 2_000);
    expect(app.apiKeys.size).toBe(0);

    const before = lookups;
    expect((await ask(key)).status).toBe(200);
    expect((await ask(key)).status).toBe(200);
    expect(lookups).toBe(before + 2); // every request checks its key in the database
    await app.dataSource.query('UPDATE api_key SET revoked_at = now() WHERE id = $1', [id]);
    expect((await ask(key)).status).toBe(401);
    // Long enough for reconnection attempts to fail (after 0.2 s and 0.7 s): still one warning.
    await sleep(1_000);
    expect(app.apiKeys.isListening).toBe(false);
  } finally {
    await server.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS true`);
    await server.end();
  }
  await waitFor('the cache to listen again', () => app.apiKeys.isListening, 10_000);
  const { key: other } = await app.createKey('ANALYST');
  const before = lookups;
  await ask(other);
  await ask(other);
  expect(lookups).toBe(before + 1);
  // One warning for the outage, however many attempts failed, and a line when it is over.
  expect(logs.filter((l) => l.level === 40 && /notifications lost/.test(l.msg)).length).toBe(warningsBefore + 1);
  expect(logs.some((l) => /notifications resumed/.test(l.msg))).toBe(true);
});

it('a cached key is looked up again after a minute', async () => {
  let now = Date.now();
  const cache = new ApiKeyCache(app.requestPool, pino({ level: 'silent' }), () => now);
  try {
    await waitFor('the cache to listen', () => cache.isListening, 10_000);
    const { key, id } = await app.createKey('ANALYST');
    const before = lookups;
    await callerOf(app.requestPool, `Bearer ${key}`, cache);
    now += 59_000;
    expect(await callerOf(app.requestPool, `Bearer ${key}`, cache)).toMatchObject({ kind: 'key', apiKeyId: id });
    expect(lookups).toBe(before + 1);
    now += 2_000;
    expect(await callerOf(app.requestPool, `Bearer ${key}`, cache)).toMatchObject({ kind: 'key', apiKeyId: id });
    expect(lookups).toBe(before + 2);
  } finally {
    await cache.close();
  }
});

it('closing the app closes its LISTEN connection', async () => {
  const other = await startTestApp();
  const [{ current_database: otherDatabase }] = await other.dataSource.query('SELECT current_database()');
  const listeners = async () =>
    (await app.dataSource.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND datname = $2', [KEY_CHANGES_APPLICATION_NAME, otherDatabase]))[0].n as number;
  await waitFor('the other app to listen', () => other.apiKeys.isListening, 10_000);
  expect(await listeners()).toBe(1);
  await other.apollo.stop();
  expect(other.apiKeys.isListening).toBe(false);
  await waitFor('its connection to end', async () => (await listeners()) === 0, 2_000);
  await other.close();
});
