/**
 * `npm run bench:flood`: whether one accepted request can take the database from everyone (issue 16).
 * On the scale-N bench database, with the API as `npm start` runs it (compiled, 10 connections):
 *
 * 1. Prices: each kind of work a query can ask (a page, a COUNT, a name search short and long, a GROUP
 *    BY, a series, a ranking), one client, the median time of several runs beside the cost the model
 *    gives it (src/graphql/limits/query-cost.ts): what the model's weights are set from. Run with the
 *    cost limit lifted, so that refused queries are measured too.
 * 2. Flood: a simple query's latency with one client, quiet, then again while 10 clients send the
 *    costliest query the API accepts (built from each heavy kind, as many aliases as the cost limit
 *    lets through, and the slowest of them measured in step 1 kept), side by side in one run. Also
 *    what the flood itself got: answers, TIMEOUT refusals.
 *
 * Writes bench/results/<time>-flood-scale-N.{md,json}. Not a test: CI does not run it.
 * Options: --scale N (default 10), --duration S (seconds of each flood phase, default 20), --runs R (step 1, default 7).
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import path from 'node:path';
import autocannon from 'autocannon';
import { DEFAULT_QUERY_LIMITS } from '../src/graphql/limits/query-limits';
import { parseScaleArgument } from '../seeds/scale/plan';
import { argument } from './options';
import { prepareBenchDatabase } from './database';
import { buildApi, startSystem, type RunningSystem } from './systems';

const ROOT = path.resolve(__dirname, '..');
const log = (message: string) => console.log(`[bench:flood ${new Date().toISOString().slice(11, 19)}] ${message}`);


/** A kind of work, as one aliasable root field; `heavy` kinds are candidates for the flood. */
interface Work {
  id: string;
  title: string;
  field: string;
  heavy: boolean;
}

const WORK: Work[] = [
  { id: 'page-20', title: 'a page of 20 enterprises', field: 'enterprises(first: 20) { nodes { id name } }', heavy: false },
  { id: 'page-100-relation', title: 'a page of 100 studios with their enterprise', field: 'innovationStudios(first: 100) { nodes { name enterprise { name } } }', heavy: false },
  { id: 'lookup', title: 'one city by code', field: 'city(code: "320100") { name }', heavy: false },
  { id: 'count-all', title: 'COUNT of all enterprises', field: 'enterprises { totalCount }', heavy: false },
  { id: 'count-city', title: 'COUNT of one city’s enterprises', field: 'enterprises(filter: { cityCode: "320500" }) { totalCount }', heavy: false },
  { id: 'search-1', title: 'enterprise name search, 1 character, COUNT', field: 'enterprises(filter: { nameContains: "企" }) { totalCount }', heavy: true },
  { id: 'search-2', title: 'enterprise name search, 2 characters, COUNT', field: 'enterprises(filter: { nameContains: "苏州" }) { totalCount }', heavy: true },
  { id: 'search-2-page', title: 'enterprise name search, 2 characters, a page', field: 'enterprises(first: 20, filter: { nameContains: "苏州" }) { nodes { name } }', heavy: true },
  { id: 'search-3', title: 'enterprise name search, 5 characters, COUNT', field: 'enterprises(filter: { nameContains: "企业 1234" }) { totalCount }', heavy: false },
  { id: 'search-3-page', title: 'enterprise name search, 5 characters, a page', field: 'enterprises(first: 20, filter: { nameContains: "企业 1234" }) { nodes { name } }', heavy: false },
  { id: 'craftsman-search-2', title: 'craftsman name search, 2 characters, COUNT', field: 'craftsmen(filter: { nameContains: "工匠" }) { totalCount }', heavy: true },
  { id: 'stats-1', title: 'enterprise stats by city', field: 'enterpriseStats(groupBy: [CITY]) { cityCode count }', heavy: true },
  { id: 'stats-2', title: 'enterprise stats by city and ownership', field: 'enterpriseStats(groupBy: [CITY, OWNERSHIP]) { cityCode ownership count employees }', heavy: true },
  { id: 'stats-3', title: 'enterprise stats by district, ownership and year founded', field: 'enterpriseStats(groupBy: [DISTRICT, OWNERSHIP, YEAR_ESTABLISHED]) { districtCode ownership year count }', heavy: true },
  { id: 'studio-stats', title: 'studio stats by city', field: 'innovationStudioStats(groupBy: [CITY]) { cityCode count }', heavy: true },
  { id: 'series-12', title: 'studio series, 12 months', field: 'innovationStudioSeries(from: "2025-01-01", to: "2025-12-31", interval: MONTH) { lines { points { count cumulative } } }', heavy: true },
  { id: 'series-120-city', title: 'studio series, 120 months by city', field: 'innovationStudioSeries(from: "2016-01-01", to: "2025-12-31", interval: MONTH, groupBy: CITY) { lines { cityCode points { count cumulative } } }', heavy: true },
  { id: 'series-600-city', title: 'enterprise series, 600 months by city', field: 'enterpriseSeries(from: "1976-01-01", to: "2025-12-31", interval: MONTH, groupBy: CITY) { lines { cityCode points { count } } }', heavy: true },
  { id: 'ranking', title: 'goal ranking of every city', field: 'goalRanking(metric: INNOVATION_STUDIOS) { rank progress { ratio } }', heavy: true },
];

const SIMPLE = { query: '{ city(code: "320100") { name innovationStudios(first: 5) { nodes { name } } } }' };

interface Answer {
  status: number;
  ms: number;
  body: any;
}

const agent = new Agent({ keepAlive: true, maxSockets: 4 });

function post(url: string, body: object): Promise<Answer> {
  const payload = JSON.stringify(body);
  const target = new URL(url);
  const t0 = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = request({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => {
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        let parsed: unknown = null;
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = text;
        }
        resolve({ status: res.statusCode ?? 0, ms, body: parsed });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
let nonce = 0;
/** A varying variable no operation declares: no response cache answers. */
const busted = (query: string) => ({ query, variables: { benchNonce: (nonce += 1) } });

interface Price {
  id: string;
  title: string;
  heavy: boolean;
  cost: number | null;
  medianMs: number;
  statements: number | null;
  error: string | null;
}

async function prices(api: RunningSystem, runs: number): Promise<Price[]> {
  const measured: Price[] = [];
  for (const work of WORK) {
    const query = `{ ${work.field} }`;
    const times: number[] = [];
    let last: Answer | undefined;
    for (let i = 0; i < runs + 2; i += 1) {
      last = await post(api.url, busted(query));
      if (i >= 2) times.push(last.ms);
    }
    const error = last!.body?.errors?.[0]?.extensions?.code ?? (last!.status === 200 ? null : `HTTP ${last!.status}`);
    measured.push({ id: work.id, title: work.title, heavy: work.heavy, cost: last!.body?.extensions?.cost ?? null, medianMs: median(times), statements: last!.body?.extensions?.sqlStatements ?? null, error });
    log(`${work.id}: ${median(times).toFixed(1)} ms, cost ${last!.body?.extensions?.cost}${error ? `, ${error}` : ''}`);
  }
  return measured;
}

interface Latency {
  requests: number;
  failures: number;
  p50: number;
  p99: number;
  max: number;
}

/** One client sending `body` back to back for `seconds`: latency percentiles of the answered requests. */
async function oneClient(url: string, body: { query: string }, seconds: number): Promise<Latency> {
  const times: number[] = [];
  let failures = 0;
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    const answer = await post(url, busted(body.query));
    if (answer.status === 200 && !answer.body?.errors) times.push(answer.ms);
    else failures += 1;
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))] * 10) / 10;
  return { requests: times.length, failures, p50: at(0.5), p99: at(0.99), max: Math.round(times[times.length - 1] * 10) / 10 };
}

interface FloodResult {
  query: string;
  cost: number | null;
  quiet: Latency;
  flooded: Latency;
  flood: { answered: number; timeouts: number; otherFailures: number; perSecond: number; codes: Record<string, number>; unfinished: number };
}

/** The costliest accepted request of a heavy kind: as many aliases of it as the cost limit and the alias limit let through. */
async function candidate(api: RunningSystem, work: Work): Promise<{ query: string; cost: number } | null> {
  const one = await post(api.url, busted(`{ ${work.field} }`));
  const cost = one.body?.extensions?.cost as number | undefined;
  if (!cost) return null;
  const n = Math.min(DEFAULT_QUERY_LIMITS.maxAliases, Math.floor(DEFAULT_QUERY_LIMITS.maxCost / cost));
  if (n < 1) return null;
  const query = `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${work.field}`).join(' ')} }`;
  const check = await post(api.url, busted(query));
  return check.status === 200 && !check.body?.errors ? { query, cost: check.body.extensions.cost } : null;
}

async function flood(api: RunningSystem, seconds: number): Promise<FloodResult> {
  // The slowest accepted candidate, timed alone.
  let worst: { query: string; cost: number; ms: number } | null = null;
  for (const work of WORK.filter((w) => w.heavy)) {
    const found = await candidate(api, work);
    if (!found) continue;
    const ms = median(await Promise.all([0, 1, 2].map(async () => (await post(api.url, busted(found.query))).ms)));
    log(`flood candidate ${work.id}: ${found.query.length} chars, cost ${found.cost}, ${ms.toFixed(0)} ms alone`);
    if (!worst || ms > worst.ms) worst = { ...found, ms };
  }
  if (!worst) throw new Error('no heavy query is accepted');
  log(`flood query: cost ${worst.cost}, ${worst.ms.toFixed(0)} ms alone`);

  const quiet = await oneClient(api.url, SIMPLE, seconds);
  log(`quiet: p50 ${quiet.p50} ms, p99 ${quiet.p99} ms`);
  let sent = 0;
  let timeouts = 0;
  let answered = 0;
  const codes: Record<string, number> = {};
  const floodRun = autocannon({
    url: api.url,
    connections: 10,
    duration: seconds + 2,
    // Past the API's own deadline (REQUEST_TIMEOUT_MS, 15 s): every request is answered, one way or another.
    timeout: 30,
    requests: [{
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      setupRequest: (req) => ({ ...req, body: JSON.stringify(busted(worst!.query)) }),
      onResponse: (status, body) => {
        sent += 1;
        if (status === 503 || body.includes('"TIMEOUT"')) timeouts += 1;
        else if (status === 200 && !body.includes('"errors"')) answered += 1;
        for (const [, code] of body.matchAll(/"code":"([A-Z_]+)"/g)) codes[`${status} ${code}`] = (codes[`${status} ${code}`] ?? 0) + 1;
        if (!/"code":"/.test(body) && status !== 200) codes[`${status}`] = (codes[`${status}`] ?? 0) + 1;
      },
    }],
  });
  await new Promise((r) => setTimeout(r, 1000)); // the flood is under way
  const flooded = await oneClient(api.url, SIMPLE, seconds);
  const result = await floodRun;
  log(`flooded: p50 ${flooded.p50} ms, p99 ${flooded.p99} ms; the flood: ${answered} answered, ${timeouts} TIMEOUT`);
  return {
    query: worst.query,
    cost: worst.cost,
    quiet,
    flooded,
    flood: { answered, timeouts, otherFailures: sent - answered - timeouts + result.errors + result.timeouts, perSecond: Math.round((sent / result.duration) * 10) / 10, codes, unfinished: result.errors + result.timeouts },
  };
}

async function main(): Promise<void> {
  const scale = parseScaleArgument(['--scale', argument('--scale', process.env.BENCH_SCALE ?? '10')])!;
  const seconds = Number(argument('--duration', '20'));
  const runs = Number(argument('--runs', '7'));
  log(`preparing the scale ${scale} database`);
  const db = await prepareBenchDatabase(scale, { fresh: process.argv.includes('--fresh'), root: ROOT });
  buildApi(ROOT);
  const start = (env: Record<string, string>) => {
    Object.assign(process.env, env);
    return startSystem('api', { root: ROOT, databaseUrl: db.url, poolSize: 10, apiLogLevel: 'warn', production: false });
  };
  try {
    log('step 1: prices (cost limit lifted)');
    const lifted = await start({ QUERY_MAX_COST: '100000000' });
    let measured: Price[];
    try {
      measured = await prices(lifted, runs);
    } finally {
      await lifted.stop();
    }
    delete process.env.QUERY_MAX_COST;
    log('step 2: flood (the limits as configured)');
    const api = await start({});
    let flooded: FloodResult;
    try {
      flooded = await flood(api, seconds);
    } finally {
      await api.stop();
    }
    const stamp = new Date().toISOString().slice(0, 16).replace(/[:T]/g, '-');
    const base = path.join(ROOT, 'bench', 'results', `${stamp}-flood-scale-${scale}`);
    const page = measured.find((m) => m.id === 'page-20')!;
    const lines = [
      `# Flood at scale ${scale}, ${new Date().toISOString()}`,
      '',
      `## Prices: one client, median of ${runs}; "× page" is the time over a page of 20 enterprises (${page.medianMs.toFixed(1)} ms, cost ${page.cost})`,
      '',
      '| work | ms | × page | cost | SQL statements | answer |',
      '|---|---:|---:|---:|---:|---|',
      ...measured.map((m) => `| ${m.title} | ${m.medianMs.toFixed(1)} | ${(m.medianMs / page.medianMs).toFixed(1)} | ${m.cost ?? '–'} | ${m.statements ?? '–'} | ${m.error ?? 'ok'} |`),
      '',
      `## Flood: 10 clients sending the costliest accepted query (cost ${flooded.cost}), ${seconds} s`,
      '',
      `The simple query: \`${SIMPLE.query}\``,
      '',
      '| phase | answered | failed | p50 ms | p99 ms | max ms |',
      '|---|---:|---:|---:|---:|---:|',
      `| quiet | ${flooded.quiet.requests} | ${flooded.quiet.failures} | ${flooded.quiet.p50} | ${flooded.quiet.p99} | ${flooded.quiet.max} |`,
      `| during the flood | ${flooded.flooded.requests} | ${flooded.flooded.failures} | ${flooded.flooded.p50} | ${flooded.flooded.p99} | ${flooded.flooded.max} |`,
      '',
      `The flood itself: ${flooded.flood.answered} answered, ${flooded.flood.timeouts} stopped or refused with TIMEOUT (out of time, or no room among heavy requests), ${flooded.flood.otherFailures} other failures or unfinished (${flooded.flood.unfinished} still running when the flood ended), ${flooded.flood.perSecond} responses/s; error codes by HTTP status: ${JSON.stringify(flooded.flood.codes)}.`,
      '',
      `The flood query: \`${flooded.query.slice(0, 300)}${flooded.query.length > 300 ? '…' : ''}\``,
    ];
    writeFileSync(`${base}.md`, lines.join('\n') + '\n');
    writeFileSync(`${base}.json`, JSON.stringify({ scale, seconds, runs, prices: measured, flood: flooded }, null, 2));
    console.log(lines.join('\n'));
    log(`results: ${path.relative(ROOT, base)}.md`);
  } finally {
    agent.destroy();
    await db.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
