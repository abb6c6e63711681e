/**
 * Load with autocannon (a warm-up, then a timed run with N connections), and a timed run with one
 * client that times each request itself: autocannon's latencies are whole milliseconds, too coarse
 * for sub-millisecond answers.
 */
import { Agent, request } from 'node:http';
import autocannon from 'autocannon';
import type { GraphQLBody } from './queries';

export interface LoadSettings {
  connections: number;
  /** Seconds of each phase. */
  warmup: number;
  duration: number;
  latencyDuration: number;
  /** Vary a variable no operation declares on every request, so that no response cache answers. */
  bustCache: boolean;
  /** Sent with every request (the API key). */
  headers: Record<string, string>;
}

export interface Phase {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  failures: number;
}

export interface LoadResult {
  loaded: Phase;
  oneClient: Phase;
}

async function run(url: string, body: GraphQLBody, connections: number, seconds: number, { bustCache, headers }: LoadSettings): Promise<Phase> {
  let nonce = 0;
  const fixed = JSON.stringify(body);
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [{
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      setupRequest: (req) => ({ ...req, body: bustCache ? JSON.stringify({ ...body, variables: { ...body.variables, benchNonce: (nonce += 1) } }) : fixed }),
    }],
  });
  return {
    requestsPerSecond: Math.round((result['2xx'] / result.duration) * 10) / 10,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result['2xx'],
    failures: result.errors + result.timeouts + result.non2xx,
  };
}

/** One keep-alive connection, one request at a time, each timed with hrtime (ms with µs resolution). */
async function oneClient(url: string, body: GraphQLBody, seconds: number, { bustCache, headers }: LoadSettings): Promise<Phase> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const target = new URL(url);
  const latencies: number[] = [];
  let failures = 0;
  const send = (payload: string) => new Promise<number>((resolve, reject) => {
    const req = request({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent,
      headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (res) => {
      res.on('data', () => undefined);
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(payload);
  });
  const fixed = JSON.stringify(body);
  const started = process.hrtime.bigint();
  const end = started + BigInt(Math.round(seconds * 1e9));
  for (let nonce = 1; process.hrtime.bigint() < end; nonce += 1) {
    const payload = bustCache ? JSON.stringify({ ...body, variables: { ...body.variables, benchNonce: -nonce } }) : fixed;
    const t0 = process.hrtime.bigint();
    const status = await send(payload).catch(() => 0);
    if (status !== 200) failures += 1;
    else latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => (latencies.length ? Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] * 1000) / 1000 : NaN);
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  return { requestsPerSecond: Math.round((latencies.length / elapsed) * 10) / 10, p50: at(0.5), p99: at(0.99), requests: latencies.length, failures };
}

export interface Hooks {
  beforeRun?: () => Promise<unknown>;
  afterRun?: () => Promise<unknown>;
}

export async function loadTest(url: string, body: GraphQLBody, s: LoadSettings, hooks: Hooks = {}): Promise<LoadResult> {
  if (s.warmup > 0) await run(url, body, s.connections, s.warmup, s);
  await hooks.beforeRun?.();
  const loaded = await run(url, body, s.connections, s.duration, s);
  await hooks.afterRun?.();
  return { loaded, oneClient: await oneClient(url, body, s.latencyDuration, s) };
}
