import { ANONYMOUS, Role } from '../../../auth/caller';
import { budgetOf, clientBlock } from '../rate-limit';
import { decide, MemoryBuckets } from '../token-bucket';

/** A clock the test moves by hand. */
function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('token bucket', () => {
  const limit = { perSecond: 2, burst: 3 };

  it('serves the burst at once, then refuses until a token has refilled', () => {
    const time = clock();
    const buckets = new MemoryBuckets(time.now);
    const taken = [1, 2, 3, 4].map(() => buckets.takeNow('k', limit));
    expect(taken.map((d) => d.allowed)).toEqual([true, true, true, false]);
    expect(taken.map((d) => d.remaining)).toEqual([2, 1, 0, 0]);
    expect(taken[3].retryAfterSeconds).toBe(1); // half a second at 2 a second, rounded up to whole seconds
    time.advance(499);
    expect(buckets.takeNow('k', limit).allowed).toBe(false);
    time.advance(1);
    expect(buckets.takeNow('k', limit).allowed).toBe(true);
  });

  it('refills at the rate, never beyond the burst', () => {
    const time = clock();
    const buckets = new MemoryBuckets(time.now);
    for (let i = 0; i < 3; i += 1) buckets.takeNow('k', limit);
    time.advance(60_000);
    expect([1, 2, 3, 4].map(() => buckets.takeNow('k', limit).allowed)).toEqual([true, true, true, false]);
  });

  it('says how long to wait at a slow rate', () => {
    const { decision } = decide(0.25, 0, { perSecond: 0.1, burst: 1 });
    expect(decision).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 8 }); // 0.75 token at 0.1/s = 7.5 s
  });

  it('keeps buckets apart by key', () => {
    const buckets = new MemoryBuckets(clock().now);
    for (let i = 0; i < 3; i += 1) buckets.takeNow('a', limit);
    expect(buckets.takeNow('a', limit).allowed).toBe(false);
    expect(buckets.takeNow('b', limit).allowed).toBe(true);
  });

  it('holds at most maxBuckets, dropping full ones first, then the least recently used', () => {
    const time = clock();
    const buckets = new MemoryBuckets(time.now, 2);
    for (let i = 0; i < 3; i += 1) buckets.takeNow('busy', limit); // empty
    buckets.takeNow('quiet', limit);
    time.advance(1_000); // 'quiet' is full again, 'busy' is not
    buckets.takeNow('new', limit); // sweeps 'quiet'
    expect(buckets.takeNow('busy', limit)).toMatchObject({ allowed: true, remaining: 1 }); // kept its spent tokens (2 refilled)
    // None is full now: a newcomer pushes out the least recently used ('new', 2 tokens left), which starts afresh.
    buckets.takeNow('newer', limit);
    expect(buckets.takeNow('new', limit)).toMatchObject({ allowed: true, remaining: 2 });
  });
});

describe('whose budget', () => {
  const options = { key: { perSecond: 1, burst: 10 }, anonymous: { perSecond: 1, burst: 2 }, roles: { ADMIN: { perSecond: 5, burst: 50 } } };

  it("is an API key's, whatever the address, with its role's limit where one is set", () => {
    const editor = { kind: 'key', apiKeyId: 7, role: Role.CITY_EDITOR, cityCode: '320100', label: 'x' } as const;
    expect(budgetOf(editor, '203.0.113.1', options)).toEqual({ key: 'key:7', limit: options.key, kind: 'CITY_EDITOR' });
    expect(budgetOf(editor, '203.0.113.2', options).key).toBe('key:7');
    expect(budgetOf({ ...editor, role: Role.ADMIN }, undefined, options).limit).toBe(options.roles.ADMIN);
  });

  it("is the address's without a key: IPv4 as it is, IPv6 by its /64", () => {
    expect(budgetOf(ANONYMOUS, '203.0.113.1', options)).toEqual({ key: 'addr:203.0.113.1', limit: options.anonymous, kind: 'ANONYMOUS' });
    expect(clientBlock('::ffff:203.0.113.1')).toBe('203.0.113.1');
    expect(clientBlock('2001:db8:a:b:1:2:3:4')).toBe('2001:db8:a:b::/64');
    expect(clientBlock('2001:0db8:000a:000b::9')).toBe('2001:db8:a:b::/64');
    expect(clientBlock('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientBlock('::1')).toBe('0:0:0:0::/64');
    expect(clientBlock('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(clientBlock(undefined)).toBe('unknown');
  });
});
