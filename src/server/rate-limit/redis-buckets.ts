import Redis from 'ioredis';
import type { Logger } from 'pino';
import { decisionFor, MemoryBuckets, type BucketStore, type Decision, type Limit } from './token-bucket';

/**
 * The bucket formula of token-bucket.ts `decide`, run inside Redis so that reading, refilling and
 * taking are one atomic step however many instances share the key. The clock is Redis's own
 * (TIME), so instances with skewed clocks still agree. Tokens are stored as strings: Redis would
 * truncate a Lua number to an integer. A bucket expires once it would be full again.
 */
const TAKE_TOKEN = `
if redis.replicate_commands then redis.replicate_commands() end
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate / 1000)
local allowed = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) * 1000 / rate) + 1000)
return { allowed, tostring(tokens) }
`;

type WithTakeToken = Redis & { takeToken(key: string, perSecond: number, burst: number): Promise<[number, string]> };

/**
 * Buckets in Redis, shared by every instance that uses the same REDIS_URL. If Redis cannot be
 * reached, requests are not refused for it: each instance falls back to its own in-memory buckets
 * (so the budget is per instance until Redis is back) and says so once in the log; a hiccup of
 * Redis must not take the API down. Commands fail fast rather than queue while disconnected.
 */
export class RedisBuckets implements BucketStore {
  private readonly redis: WithTakeToken;
  private readonly fallback = new MemoryBuckets();
  private degraded = false;

  constructor(
    url: string,
    private readonly log: Logger,
    private readonly prefix = 'reform-registry:rate:',
  ) {
    this.redis = new Redis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: 500,
      connectTimeout: 2000,
      retryStrategy: (attempt) => Math.min(attempt * 200, 5000),
    }) as WithTakeToken;
    this.redis.defineCommand('takeToken', { numberOfKeys: 1, lua: TAKE_TOKEN });
    this.redis.on('error', (error: Error) => this.fellBack(error));
    this.redis.on('ready', () => this.recovered());
  }

  /** Waits (at most `timeoutMs`) for the first connection, so the first requests share the budget too. */
  async ready(timeoutMs = 2000): Promise<void> {
    if (this.redis.status === 'ready') return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.redis.once('ready', done);
    });
  }

  async take(key: string, limit: Limit): Promise<Decision> {
    try {
      const [allowed, tokens] = await this.redis.takeToken(this.prefix + key, limit.perSecond, limit.burst);
      const left = Number(tokens);
      this.recovered();
      return decisionFor(allowed === 1, left, limit);
    } catch (error) {
      this.fellBack(error as Error);
      return this.fallback.take(key, limit);
    }
  }

  async close(): Promise<void> {
    this.redis.disconnect();
    await this.fallback.close();
  }

  private fellBack(error: Error): void {
    if (this.degraded) return;
    this.degraded = true;
    this.log.warn({ err: { message: error.message } }, 'rate limit: Redis unreachable; limiting in this instance’s memory until it is back');
  }

  private recovered(): void {
    if (!this.degraded) return;
    this.degraded = false;
    this.log.info('rate limit: Redis reachable again; budgets are shared');
  }
}
