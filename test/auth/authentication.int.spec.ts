/**
 * Who is asking, over HTTP: `Authorization: Bearer <API key>`. Without a key a request reads
 * anonymously during development and is refused in production (requireKey); a key that is
 * unknown, malformed or revoked is refused everywhere, never treated as anonymous.
 */
import request from 'supertest';
import { sqlRows } from '../setup/queries';
import { waitFor } from '../setup/server-process';
import { startTestApp, type TestApp } from '../setup/test-app';

const QUERY = '{ city(code: "320100") { name } }';
const ANSWER = { city: { name: '南京' } };

async function ask(app: TestApp, authorization?: string): Promise<{ status: number; body: any; headers: Record<string, string> }> {
  const req = request(app.app).post('/graphql').set('content-type', 'application/json');
  if (authorization !== undefined) req.set('authorization', authorization);
  const res = await req.send({ query: QUERY });
  return { status: res.status, body: res.body, headers: res.headers as Record<string, string> };
}

function expectUnauthenticated(res: { status: number; body: any; headers: Record<string, string> }, message: RegExp): void {
  expect(res.status).toBe(401);
  expect(res.headers['www-authenticate']).toMatch(/^Bearer /);
  expect(res.body).toEqual({
    errors: [{ message: expect.stringMatching(message), extensions: { code: 'UNAUTHENTICATED' } }],
    extensions: { requestId: res.headers['x-request-id'] },
  });
}

const MALFORMED = [
  ['another scheme', 'Basic dXNlcjpwYXNz'],
  ['Bearer without a key', 'Bearer'],
  ['Bearer with two words', 'Bearer rr_abc rr_def'],
  ['a bare key', 'rr_abcdefghijklmnopqrstuvwxyz'],
  // Finding 7 of issue 16: a blank header was read as no header, anonymously.
  ['only spaces', '   '],
  ['empty', ''],
];

describe('during development (requireKey false)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ requireKey: false });
  });
  afterAll(() => app.close());

  it('answers reads without a key, anonymously', async () => {
    const res = await ask(app);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual(ANSWER);
  });

  it('answers with a valid key', async () => {
    const { key } = await app.createKey('ANALYST');
    const res = await ask(app, `Bearer ${key}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual(ANSWER);
  });

  it('refuses an unknown key with 401 rather than reading anonymously', async () => {
    expectUnauthenticated(await ask(app, 'Bearer rr_thisKeyWasNeverIssuedByTheRegistryAtAll000000'), /Unknown API key/);
  });

  it.each(MALFORMED)('refuses a malformed Authorization header (%s) with 401', async (_case, header) => {
    expectUnauthenticated(await ask(app, header), /Bearer <API key>/);
  });

  it('refuses a revoked key with 401 rather than reading anonymously', async () => {
    const { key, id } = await app.createKey('CITY_EDITOR', '320100');
    expect((await ask(app, `Bearer ${key}`)).status).toBe(200);
    // Revoked behind the app's back (as the CLI or another instance would): it hears of it by
    // PostgreSQL's notification, within moments (through the API it is at once: api-key.int.spec.ts).
    await app.dataSource.query('UPDATE api_key SET revoked_at = now() WHERE id = $1', [id]);
    await waitFor('the revocation to arrive', async () => (await ask(app, `Bearer ${key}`)).status === 401, 2_000);
    expectUnauthenticated(await ask(app, `Bearer ${key}`), /revoked/);
  });

  it('accepts the scheme in any case and surrounding spaces', async () => {
    const { key } = await app.createKey('ANALYST');
    expect((await ask(app, `bearer ${key}`)).body.data).toEqual(ANSWER);
    expect((await ask(app, `Bearer   ${key}  `)).body.data).toEqual(ANSWER);
  });

  it('records when a key was last used, at most once a minute', async () => {
    const { key, id } = await app.createKey('ANALYST');
    const lastUsed = async () => (await sqlRows(app, 'SELECT last_used_at FROM api_key WHERE id = $1', [id]))[0].last_used_at as Date | null;
    expect(await lastUsed()).toBeNull();

    const before = Date.now();
    await ask(app, `Bearer ${key}`);
    const first = await lastUsed();
    expect(first).toBeInstanceOf(Date);
    expect(Math.abs(first!.getTime() - before)).toBeLessThan(60_000);

    await ask(app, `Bearer ${key}`);
    expect(await lastUsed()).toEqual(first); // within the minute: not written again

    // A minute later: last_used_at is old, and the key's cached entry (kept a minute) has expired.
    await app.dataSource.query(`UPDATE api_key SET last_used_at = now() - interval '2 minutes' WHERE id = $1`, [id]);
    app.apiKeys.clear();
    const stale = await lastUsed();
    await ask(app, `Bearer ${key}`);
    expect((await lastUsed())!.getTime()).toBeGreaterThan(stale!.getTime() + 60_000);
  });

  it('a refused key is not marked used', async () => {
    const { key, id } = await app.createKey('ANALYST');
    await app.dataSource.query('UPDATE api_key SET revoked_at = now() WHERE id = $1', [id]);
    await ask(app, `Bearer ${key}`);
    expect((await sqlRows(app, 'SELECT last_used_at FROM api_key WHERE id = $1', [id]))[0].last_used_at).toBeNull();
  });
});

describe('in production (requireKey true)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ requireKey: true });
  });
  afterAll(() => app.close());

  it('refuses a request without a key with 401 UNAUTHENTICATED', async () => {
    expectUnauthenticated(await ask(app), /API key is required/);
    // GET (GraphiQL's own requests, persisted queries) is refused the same way.
    const res = await request(app.app).get('/graphql').query({ query: QUERY }).set('accept', 'application/json');
    expect(res.status).toBe(401);
    expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('keeps the health endpoints open', async () => {
    expect((await request(app.app).get('/healthz')).status).toBe(200);
    expect((await request(app.app).get('/readyz')).status).toBe(200);
  });

  it('answers with a valid key of every role', async () => {
    for (const [role, city] of [['ADMIN', null], ['ANALYST', null], ['CITY_EDITOR', '320100']] as const) {
      const { key } = await app.createKey(role, city);
      const res = await ask(app, `Bearer ${key}`);
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual(ANSWER);
    }
  });

  it('refuses unknown, malformed and revoked keys with 401', async () => {
    expectUnauthenticated(await ask(app, 'Bearer rr_thisKeyWasNeverIssuedByTheRegistryAtAll000000'), /Unknown API key/);
    for (const [, header] of MALFORMED) expectUnauthenticated(await ask(app, header), /Bearer <API key>/);
    const { key, id } = await app.createKey('ADMIN');
    await app.dataSource.query('UPDATE api_key SET revoked_at = now() WHERE id = $1', [id]);
    expectUnauthenticated(await ask(app, `Bearer ${key}`), /revoked/);
  });
});
