/**
 * Rate limits in one instance's memory: each API key has its budget (wherever its requests come
 * from), each address without a key has its own, a spent budget answers 429 with Retry-After and
 * RATE_LIMITED on /graphql, /export and /import, while health, metrics and GraphiQL stay open.
 * The shared budget in Redis is in rate-limit-redis.int.spec.ts.
 */
import request from 'supertest';
import { startTestApp, type TestApp } from '../setup/test-app';

/** One token per 100 s: nothing refills while the test runs, so every count below is exact. */
const SLOW = 0.01;
const BURST = 3;
const ADMIN_BURST = 5;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({
    rateLimit: { key: { perSecond: SLOW, burst: BURST }, anonymous: { perSecond: SLOW, burst: BURST }, roles: { ADMIN: { perSecond: SLOW, burst: ADMIN_BURST } } },
    // The test client is on loopback: trusting it as a proxy lets X-Forwarded-For play many addresses.
    trustProxy: 'loopback',
  });
});
afterAll(() => app.close());

const QUERY = '{ provinces(first: 1) { totalCount } }';

function ask(options: { address?: string; key?: string } = {}) {
  const req = request(app.app).post('/graphql').set('content-type', 'application/json');
  if (options.address) req.set('x-forwarded-for', options.address);
  if (options.key) req.set('authorization', `Bearer ${options.key}`);
  return req.send({ query: QUERY });
}

async function statuses(count: number, options: { address?: string; key?: string }): Promise<number[]> {
  const result: number[] = [];
  for (let i = 0; i < count; i += 1) result.push((await ask(options)).status);
  return result;
}

describe('without an API key, per client address', () => {
  it('serves the burst, then answers 429 with Retry-After and a RATE_LIMITED error', async () => {
    expect(await statuses(BURST, { address: '203.0.113.1' })).toEqual([200, 200, 200]);
    const res = await ask({ address: '203.0.113.1' });
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers['retry-after']);
    expect(Number.isInteger(retryAfter) && retryAfter >= 1).toBe(true);
    expect(res.headers['x-request-id']).toBeTruthy();
    expect(res.body).toEqual({
      errors: [{ message: expect.stringContaining('Too many requests for this address without an API key'), extensions: { code: 'RATE_LIMITED', retryAfter } }],
      extensions: { requestId: res.headers['x-request-id'] },
    });
  });

  it('gives every address its own budget, and an IPv6 client its /64', async () => {
    expect(await statuses(BURST + 1, { address: '203.0.113.2' })).toEqual([200, 200, 200, 429]);
    expect((await ask({ address: '203.0.113.3' })).status).toBe(200);

    expect(await statuses(2, { address: '2001:db8:a:b::1' })).toEqual([200, 200]);
    // Another address of the same /64 spends the same budget …
    expect(await statuses(2, { address: '2001:db8:a:b:ffff::2' })).toEqual([200, 429]);
    // … another /64 has its own.
    expect((await ask({ address: '2001:db8:a:c::1' })).status).toBe(200);
  });
});

describe('with an API key', () => {
  it('gives every key its own budget, spent from any address, apart from the address’s own', async () => {
    const first = (await app.createKey('ANALYST')).key;
    const second = (await app.createKey('CITY_EDITOR', '320100')).key;
    expect(await statuses(2, { key: first, address: '198.51.100.1' })).toEqual([200, 200]);
    expect(await statuses(2, { key: first, address: '198.51.100.2' })).toEqual([200, 429]);
    expect((await ask({ key: second, address: '198.51.100.1' })).status).toBe(200);
    // The address's anonymous budget is untouched by the key's requests.
    expect((await ask({ address: '198.51.100.1' })).status).toBe(200);

    const refused = await ask({ key: first, address: '198.51.100.1' });
    expect(refused.body.errors[0].message).toContain('this API key');
    expect(refused.body.errors[0].extensions.code).toBe('RATE_LIMITED');
  });

  it("uses the role's own budget where one is set", async () => {
    const admin = (await app.createKey('ADMIN')).key;
    expect(await statuses(ADMIN_BURST + 1, { key: admin, address: '198.51.100.30' })).toEqual([200, 200, 200, 200, 200, 429]);
  });

  // Finding 7 of issue 16: garbage keys were never limited, and each cost a database lookup.
  it("refuses a bad key with 401, each lookup spending a token of its address's anonymous budget, then 429 before any lookup", async () => {
    const garbage = () => ask({ key: `rr_garbage${Math.random().toString(36).slice(2)}`, address: '198.51.100.9' });
    for (let i = 0; i < BURST; i += 1) expect((await garbage()).status).toBe(401);
    const limited = await garbage();
    expect(limited.status).toBe(429);
    expect(limited.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    // The address's anonymous requests share that budget; another address is untouched.
    expect((await ask({ address: '198.51.100.9' })).status).toBe(429);
    expect((await garbage()).status).toBe(429);
    expect((await ask({ address: '198.51.100.10' })).status).toBe(200);
  });

  it('looks a good key up once, and then answers it from memory without spending its address’s budget', async () => {
    const { key } = await app.createKey('ANALYST');
    expect(await statuses(BURST, { key, address: '198.51.100.11' })).toEqual([200, 200, 200]);
    // One lookup, one token of the address; the rest of its burst is there.
    expect(await statuses(BURST, { address: '198.51.100.11' })).toEqual([200, 200, 429]);
  });
});

describe('which routes', () => {
  it('limits /export and /import with the same budget, and leaves health, metrics and GraphiQL open', async () => {
    const key = (await app.createKey('CITY_EDITOR', '320100')).key;
    // The key's requests come from an address of their own (its first lookup spends a token there).
    const portal = '198.51.100.20';
    const asPortal = (req: request.Test) => req.set('authorization', `Bearer ${key}`).set('x-forwarded-for', portal);
    expect((await asPortal(request(app.app).get('/export/sources.csv'))).status).toBe(200);
    expect(await statuses(BURST - 1, { key, address: portal })).toEqual([200, 200]);

    const exported = await asPortal(request(app.app).get('/export/sources.csv'));
    expect(exported.status).toBe(429);
    expect(exported.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    const imported = await asPortal(request(app.app).post('/import/innovation-studios')).set('content-type', 'text/csv').send('name\n');
    expect(imported.status).toBe(429);
    expect((await ask({ key, address: portal })).status).toBe(429);

    // The loopback address spends its own anonymous budget:
    expect(await statuses(BURST + 1, {})).toEqual([200, 200, 200, 429]);
    // … and still gets the pages that are not the API.
    expect((await request(app.app).get('/healthz')).status).toBe(200);
    expect((await request(app.app).get('/metrics')).status).toBe(200);
    expect((await request(app.app).get('/graphql').set('accept', 'text/html')).status).toBe(200);
  });

  it('counts refusals in /metrics by budget', async () => {
    const metrics = (await request(app.app).get('/metrics')).text;
    const count = (budget: string) => Number(new RegExp(`^registry_rate_limit_rejections_total\\{budget="${budget}"\\} (\\d+)$`, 'm').exec(metrics)?.[1]);
    // The refusals of the tests above: anonymous 1 + 2, then 3 (garbage keys and their address) + 1 (after a good
    // key's lookup), then 1 (loopback); 2 ANALYST, 1 ADMIN, 3 CITY_EDITOR.
    expect([count('ANONYMOUS'), count('ANALYST'), count('ADMIN'), count('CITY_EDITOR')]).toEqual([8, 2, 1, 3]);
  });
});
