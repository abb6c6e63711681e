/**
 * Token buckets: a budget holds up to `burst` requests and refills at `perSecond`; each request
 * takes one token, and a request that finds less than one is refused until the bucket has refilled
 * that far. The in-memory store here serves one instance; redis-buckets.ts shares them.
 */

export interface Limit {
  /** Tokens added per second (may be fractional). */
  perSecond: number;
  /** The most a bucket holds: how many requests may come at once after a quiet spell. */
  burst: number;
}

export interface Decision {
  allowed: boolean;
  /** Whole tokens left after this request. */
  remaining: number;
  /** When refused: whole seconds until a token is there (at least 1). */
  retryAfterSeconds: number;
}

export interface BucketStore {
  take(key: string, limit: Limit): Promise<Decision>;
  close(): Promise<void>;
}

/** The one formula, shared with the Lua script in redis-buckets.ts: refill since `at`, then take one. */
export function decide(tokens: number, elapsedMs: number, limit: Limit): { tokens: number; decision: Decision } {
  const available = Math.min(limit.burst, tokens + (Math.max(0, elapsedMs) * limit.perSecond) / 1000);
  if (available >= 1) return { tokens: available - 1, decision: decisionFor(true, available - 1, limit) };
  return { tokens: available, decision: decisionFor(false, available, limit) };
}

/** The answer once a bucket has `left` tokens after taking (allowed) or without taking (refused); also for Redis's answer. */
export function decisionFor(allowed: boolean, left: number, limit: Limit): Decision {
  if (allowed) return { allowed: true, remaining: Math.floor(left), retryAfterSeconds: 0 };
  return { allowed: false, remaining: 0, retryAfterSeconds: Math.max(1, Math.ceil((1 - left) / limit.perSecond)) };
}

interface Bucket {
  tokens: number;
  at: number;
  /** When it will be full again, and so the same as no bucket at all. */
  fullAt: number;
}

/**
 * Buckets in this process's memory. A flood of new addresses cannot grow it without bound: past
 * `maxBuckets`, full buckets (worth nothing) are swept, and if that is not enough the oldest go.
 */
export class MemoryBuckets implements BucketStore {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxBuckets = 100_000,
  ) {}

  takeNow(key: string, limit: Limit): Decision {
    const now = this.now();
    const bucket = this.buckets.get(key);
    if (!bucket && this.buckets.size >= this.maxBuckets) this.sweep(now);
    const { tokens, decision } = decide(bucket?.tokens ?? limit.burst, bucket ? now - bucket.at : 0, limit);
    this.buckets.delete(key); // re-inserted last: Map order is then least recently used first
    this.buckets.set(key, { tokens, at: now, fullAt: now + ((limit.burst - tokens) * 1000) / limit.perSecond });
    return decision;
  }

  async take(key: string, limit: Limit): Promise<Decision> {
    return this.takeNow(key, limit);
  }

  async close(): Promise<void> {
    this.buckets.clear();
  }

  private sweep(now: number): void {
    for (const [key, bucket] of this.buckets) if (bucket.fullAt <= now) this.buckets.delete(key);
    for (const key of this.buckets.keys()) {
      if (this.buckets.size < this.maxBuckets) break;
      this.buckets.delete(key);
    }
  }
}
