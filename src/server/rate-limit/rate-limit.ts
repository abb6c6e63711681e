import { isIPv6 } from 'node:net';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { ANONYMOUS, type Caller, type Role } from '../../auth/caller';
import { ErrorCode } from '../../graphql/errors/codes';
import { sendError } from '../http-error';
import { RedisBuckets } from './redis-buckets';
import { MemoryBuckets, type BucketStore, type Decision, type Limit } from './token-bucket';

export interface RateLimitOptions {
  /** Each API key's budget, unless its role has its own in `roles`. */
  key: Limit;
  /** The budget of each client address that sends no key. */
  anonymous: Limit;
  roles?: Partial<Record<`${Role}`, Limit>>;
  /** Keep the buckets in this Redis, shared by every instance using it; in memory when unset. */
  redisUrl?: string;
}

/** Whose budget a request spends, and the label metrics count refusals under. */
export interface Budget {
  key: string;
  limit: Limit;
  kind: `${Role}` | 'ANONYMOUS';
}

/** An IPv6 address's /64 (what one subscriber is usually given); IPv4 (also IPv4-mapped) as it is. */
export function clientBlock(address: string | undefined): string {
  if (!address) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  const bare = address.split('%')[0];
  if (!isIPv6(bare)) return address;
  const [head, tail] = bare.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(':')}::/64`;
}

/**
 * Whose budget a request spends: with an API key, the key's, wherever its requests come from (a
 * portal's servers share one); without one, its client address's (req.ip, which follows
 * TRUST_PROXY). A bad key never gets here: authenticate() has answered 401.
 */
export function budgetOf(caller: Caller, address: string | undefined, options: RateLimitOptions): Budget {
  if (caller.kind === 'key') return { key: `key:${caller.apiKeyId}`, limit: options.roles?.[caller.role] ?? options.key, kind: caller.role };
  return { key: `addr:${clientBlock(address)}`, limit: options.anonymous, kind: 'ANONYMOUS' };
}

function refuse(res: Response, budget: Budget, decision: Decision): void {
  const { burst, perSecond } = budget.limit;
  const whose = budget.kind === 'ANONYMOUS' ? 'this address without an API key' : 'this API key';
  res.setHeader('retry-after', String(decision.retryAfterSeconds));
  const message = `Too many requests for ${whose}: at most ${burst} at once and ${perSecond} a second. Retry after ${decision.retryAfterSeconds} s.`;
  sendError(res, 429, ErrorCode.RATE_LIMITED, message, { retryAfter: decision.retryAfterSeconds });
}

export interface RateLimiter {
  /** Goes after authenticate() (it needs res.locals.caller): answers 429 with Retry-After when the budget is spent. */
  middleware(req: Request, res: Response, next: NextFunction): Promise<void>;
  /**
   * Before authenticate() looks up a key it has not seen lately: one token from the client address's
   * anonymous budget, so that garbage keys cost a database lookup at the anonymous rate at most.
   * False when refused (the 429 is sent).
   */
  beforeKeyLookup(req: Request, res: Response): Promise<boolean>;
  close(): Promise<void>;
}

/** One token per request from the caller's budget (budgetOf), in memory or, with `redisUrl`, in Redis. */
export async function createRateLimiter(options: RateLimitOptions, log: Logger, onRefused: (budget: Budget) => void): Promise<RateLimiter> {
  let store: BucketStore = new MemoryBuckets();
  if (options.redisUrl) {
    const redis = new RedisBuckets(options.redisUrl, log);
    await redis.ready();
    store = redis;
  }
  /** Takes a token from `budget`; true when allowed (or when the store fails: serve rather than refuse), else answers 429. */
  const spend = async (budget: Budget, res: Response): Promise<boolean> => {
    let decision: Decision;
    try {
      decision = await store.take(budget.key, budget.limit);
    } catch (error) {
      // Stores do not throw (Redis falls back to memory); if one does, serve rather than refuse.
      log.error({ err: error }, 'rate limit: bucket store failed; request let through');
      return true;
    }
    if (decision.allowed) return true;
    onRefused(budget);
    refuse(res, budget, decision);
    return false;
  };
  return {
    async middleware(req, res, next) {
      if (await spend(budgetOf((res.locals.caller as Caller | undefined) ?? ANONYMOUS, req.ip, options), res)) next();
    },
    beforeKeyLookup: (req, res) => spend(budgetOf(ANONYMOUS, req.ip, options), res),
    close: () => store.close(),
  };
}
