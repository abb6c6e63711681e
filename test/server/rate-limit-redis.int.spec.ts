/**
 * With REDIS_URL, instances share their budgets: two apps on one (real, private) Redis spend one
 * budget per key and per address. If Redis goes away, requests are still served, limited per
 * instance in memory, with one warning in the log; when it comes back, budgets are shared again.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';
import { createApp, type RegistryApp } from '../../src/server/app';
import type { RateLimitOptions } from '../../src/server/rate-limit/rate-limit';
import { startRedis, type TestRedis } from '../setup/redis';
import { startTestApp, type TestApp } from '../setup/test-app';

/** One token per 100 s: nothing refills while the test runs. */
const LIMIT = { perSecond: 0.01, burst: 4 };

let redis: TestRedis;
let first: TestApp;
let second: RegistryApp;
/** Each instance's warnings and above, to see it lose and regain Redis. */
const logs = { first: [] as string[], second: [] as string[] };

function capture(lines: string[]) {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)).msg);
      done();
    },
  });
  return pino({ level: 'info' }, sink);
}

beforeAll(async () => {
  redis = await startRedis();
  const rateLimit: RateLimitOptions = { key: LIMIT, anonymous: LIMIT, redisUrl: redis.url };
  first = await startTestApp({ rateLimit, logger: capture(logs.first), trustProxy: 'loopback' });
  // A second instance of the API on the same database and the same Redis.
  second = await createApp(first.dataSource, first.requestPool, { requireKey: false, rateLimit, logger: capture(logs.second), trustProxy: 'loopback' });
}, 60_000);
afterAll(async () => {
  await second?.apollo.stop();
  await first?.close();
  await redis?.stop();
});

function ask(instance: RegistryApp, options: { key?: string; address?: string } = {}) {
  const req = request(instance.app).post('/graphql').set('content-type', 'application/json');
  if (options.key) req.set('authorization', `Bearer ${options.key}`);
  if (options.address) req.set('x-forwarded-for', options.address);
  return req.send({ query: '{ provinces(first: 1) { totalCount } }' }).then((res) => res.status);
}

/** Requests alternating between the two instances. */
async function alternating(count: number, options: { key?: string; address?: string }): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i += 1) statuses.push(await ask(i % 2 === 0 ? first : second, options));
  return statuses;
}

async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

it('two instances on one Redis spend one budget per API key', async () => {
  const { key } = await first.createKey('ANALYST');
  // Each request from an address of its own: looking a key up costs a token of the address's budget (beforeKeyLookup), and
  // a new key's notice empties both instances' key caches whenever it arrives, so how many lookups there are is timing.
  const statuses: number[] = [];
  for (let i = 0; i < LIMIT.burst + 2; i += 1) statuses.push(await ask(i % 2 === 0 ? first : second, { key, address: `198.51.100.${i + 1}` }));
  expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
  const other = (await first.createKey('ANALYST')).key;
  expect(await ask(second, { key: other, address: '198.51.100.99' })).toBe(200);
});

it('two instances on one Redis spend one budget per anonymous address', async () => {
  expect(await alternating(LIMIT.burst + 1, { address: '203.0.113.7' })).toEqual([200, 200, 200, 200, 429]);
  expect(await ask(second, { address: '203.0.113.8' })).toBe(200);
});

it('keeps serving when Redis is gone, limited per instance in memory, and shares again once it is back', async () => {
  const { key } = await first.createKey('CITY_EDITOR', '320100');
  await redis.stop();
  // Each instance now has its own bucket for the key: the burst from each, not from both together.
  expect(await alternating(2 * LIMIT.burst + 2, { key })).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 429, 429]);
  const said = (lines: string[], text: string) => lines.filter((msg) => msg.includes(text)).length;
  expect([said(logs.first, 'Redis unreachable'), said(logs.second, 'Redis unreachable')]).toEqual([1, 1]);

  await redis.restart();
  await until(() => said(logs.first, 'Redis reachable again') === 1 && said(logs.second, 'Redis reachable again') === 1, 'both instances to reconnect');
  const fresh = (await first.createKey('CITY_EDITOR', '320100')).key;
  expect(await alternating(LIMIT.burst + 1, { key: fresh })).toEqual([200, 200, 200, 200, 429]);
}, 60_000);
