/**
 * `npm run bench`: the API beside a raw SQL baseline and PostGraphile v5, on the same scale-N
 * database, in one run. Prepares (or reuses) the database, starts the three servers, checks once
 * that they return the same data and counts their SQL statements per request, loads each query on
 * each server with autocannon, and writes bench/results/<time>-scale-N.{json,md}. Not a test: CI
 * does not run it. Options: bench/options.ts (`npm run bench -- --help`).
 */
import 'reflect-metadata';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Client } from 'pg';
import { Role } from '../src/auth/caller';
import { apiKeyStore } from '../src/modules/api-key/api-key.store';
import { ownerQuery, prepareBenchDatabase } from './database';
import { loadTest, type LoadResult } from './load';
import { parseOptions, USAGE, type BenchOptions } from './options';
import { summarize } from './profile-summary';
import { benchQueries, resolveParameters, type BenchQuery, type GraphQLBody, type System } from './queries';
import { commitOf, machine, writeReport, type Cell, type Report } from './report';
import { buildApi, ensureLeanInstalled, ensurePostGraphileInstalled, startSystem, type Probe, type RunningSystem } from './systems';
import { measureWrites, WRITE_ROWS, writesTable, type WriteCell } from './writes';

const ROOT = path.resolve(__dirname, '..');
const log = (message: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

/**
 * Indexes PostGraphile needs to ask the questions at all (amber offers a `condition` only on a
 * column that leads an index), made in the bench database only, so that every system reads the
 * same indexes. Not a migration: the API's plans do not use it (measured: PostgreSQL keeps
 * enterprise (city_code, id) for the API's `ownership = ANY(…)` page).
 */
const POSTGRAPHILE_INDEXES = ['CREATE INDEX IF NOT EXISTS bench_enterprise_ownership_idx ON enterprise (ownership, city_code, id)'];

async function post(url: string, body: GraphQLBody, headers: Record<string, string>): Promise<any> {
  const res = await fetch(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await res.json()) as any;
  if (res.status !== 200 || json.errors) throw new Error(`HTTP ${res.status}: ${JSON.stringify(json.errors ?? json).slice(0, 500)}`);
  return json;
}

/** Where two canonical answers first differ, briefly. */
function difference(a: unknown, b: unknown, at = ''): string {
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${at || 'answer'} has ${a.length} items, not ${b.length}`;
    for (let i = 0; i < a.length; i += 1) if (!isDeepStrictEqual(a[i], b[i])) return difference(a[i], b[i], `${at}[${i}]`);
  }
  return `${at || 'answer'}: ${JSON.stringify(a).slice(0, 120)} ≠ ${JSON.stringify(b).slice(0, 120)}`;
}

/**
 * Three requests per query and system before the load: the first's answer in canonical form, the
 * fewest statements any of them ran (a first request may prepare what later ones reuse), and the
 * SQL of the last with each statement's time.
 */
async function verify(q: BenchQuery, systems: Map<System, RunningSystem>, bustCache: boolean, headers: Record<string, string>): Promise<Cell[]> {
  const cells: Cell[] = [];
  const answers = new Map<System, unknown>();
  for (const [system, server] of systems) {
    const body = system === 'postgraphile' ? q.postgraphile : q.api;
    if ('skip' in body) {
      cells.push({ query: q.id, title: q.title, system, skipped: body.skip });
      continue;
    }
    const counts: number[] = [];
    let reported: number | undefined;
    let sql: Cell['sql'];
    for (let i = 0; i < 3; i += 1) {
      if (i === 2) await server.startSql();
      const before = await server.probe();
      // As under load: no response cache answers unless --cache.
      const response = await post(server.url, bustCache ? { ...body, variables: { ...body.variables, benchNonce: `check-${i}` } } : body, headers);
      const after = await server.probe();
      counts.push(after.statements - before.statements);
      if (i === 0) answers.set(system, q.canonical[system](response.data));
      reported = response.extensions?.sqlStatements;
      if (i === 2) sql = (await server.stopSql()).sql;
    }
    cells.push({ query: q.id, title: q.title, system, statements: Math.min(...counts), reportedStatements: reported, sql });
  }
  const reference: System | undefined = answers.has('raw') ? 'raw' : [...answers.keys()][0];
  for (const cell of cells) {
    if (cell.skipped) continue;
    if (cell.system === reference) cell.equivalence = answers.size > 1 ? 'reference' : 'unchecked (one system)';
    else {
      const mine = answers.get(cell.system);
      const theirs = answers.get(reference!);
      cell.equivalence = isDeepStrictEqual(mine, theirs) ? `same as ${reference}` : `DIFFERS from ${reference}: ${difference(mine, theirs)}`;
    }
  }
  return cells;
}

/** A new ANALYST key in the bench database (one per run; the registry keeps only its hash). */
async function analystKey(url: string): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await apiKeyStore.create(client, { role: Role.ANALYST, cityCode: null, label: 'npm run bench' })).key;
  } finally {
    await client.end();
  }
}

/** Writes the profile and a summary of it next to it, and prints the summary. */
async function saveProfile(server: RunningSystem, name: string): Promise<void> {
  const dir = path.join(ROOT, 'bench', 'results', 'profiles');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.cpuprofile`);
  await server.stopProfile(file);
  const summary = summarize(JSON.parse(readFileSync(file, 'utf8')));
  writeFileSync(file.replace(/\.cpuprofile$/, '.txt'), summary + '\n');
  log(`CPU profile ${path.relative(ROOT, file)}:\n${summary}`);
}

async function main(o: BenchOptions): Promise<void> {
  const startedAt = new Date().toISOString();
  const loadAtStart = os.loadavg();
  if (o.systems.includes('postgraphile')) ensurePostGraphileInstalled(ROOT);
  if (o.systems.includes('lean')) ensureLeanInstalled(ROOT);
  if (o.systems.includes('api')) buildApi(ROOT);
  const named = `${o.national ? 'national-' : ''}scale-${o.scale}`;
  log(`preparing the ${named} database (.data/bench/${named}${o.fresh ? ', fresh' : ''})`);
  const db = await prepareBenchDatabase(o.scale, { fresh: o.fresh, root: ROOT, national: o.national });
  log(db.loaded ? `loaded scale ${o.scale} in ${db.loadSeconds!.toFixed(1)} s` : `reused the prepared scale ${o.scale} data (as of ${db.asOf})`);
  const servers = new Map<System, RunningSystem>();
  const notes: string[] = [];
  const memory: Report['memory'] = {};
  let writes: WriteCell[] | undefined;
  const cells: Cell[] = [];
  try {
    for (const index of POSTGRAPHILE_INDEXES) await ownerQuery(db.url, index);
    await ownerQuery(db.url, 'ANALYZE');
    // Every system gets the same headers; only the API reads the key.
    const headers: Record<string, string> = o.caller === 'analyst' ? { authorization: `Bearer ${await analystKey(db.url)}` } : {};
    for (const system of o.systems) {
      log(`starting ${system}`);
      servers.set(system, await startSystem(system, {
        root: ROOT, databaseUrl: db.url, poolSize: o.poolSize, apiLogLevel: o.apiLogLevel, production: o.caller === 'analyst',
      }));
    }
    const parameters = await resolveParameters(db.url, servers.get('postgraphile')?.url ?? null);
    const queries = benchQueries(parameters).filter((q) => o.only.includes(q.id));

    const before = new Map<System, Probe>();
    for (const [system, server] of servers) before.set(system, await server.probe(true));
    const peak = new Map<System, number>([...before].map(([s, p]) => [s, p.rss]));

    for (const q of queries) {
      const checked = await verify(q, servers, !o.cache, headers);
      cells.push(...checked);
      const measured = checked.filter((c) => !c.skipped);
      for (const cell of checked) {
        if (cell.equivalence?.startsWith('DIFFERS')) log(`Q${q.id} ${cell.system}: ${cell.equivalence}`);
        if (o.sql && !cell.skipped) log(`Q${q.id} ${cell.system} SQL:\n${(cell.sql ?? []).map((x) => `  ${x.ms?.toFixed(2) ?? '?'} ms  ${x.text}`).join('\n')}`);
      }
      // Rounds interleave the systems (api, raw, PostGraphile, api, …), so that a burst of other work
      // on the machine falls on all of them; each cell reports its median round.
      const rounds = new Map<Cell, { load: LoadResult; cpuMicros: number }[]>(measured.map((c) => [c, []]));
      for (let round = 0; round < o.rounds; round += 1) {
        for (const cell of measured) {
          const server = servers.get(cell.system)!;
          const body = cell.system === 'postgraphile' ? (q.postgraphile as GraphQLBody) : q.api;
          const profile = o.profile && round === 0;
          const sampler = setInterval(() => {
            server.probe().then((p) => peak.set(cell.system, Math.max(peak.get(cell.system)!, p.rss)), () => undefined);
          }, 1000);
          let cpuBefore = 0;
          let cpuAfter = 0;
          try {
            // CPU time and the profile cover the timed run with N connections: not start-up, not the warm-up.
            const load = await loadTest(server.url, body, { ...o, warmup: round === 0 ? o.warmup : 0, bustCache: !o.cache, headers }, {
              beforeRun: async () => {
                if (profile) await server.startProfile();
                cpuBefore = (await server.probe()).cpuMicros;
              },
              afterRun: async () => {
                cpuAfter = (await server.probe()).cpuMicros;
                if (profile) await saveProfile(server, `${startedAt.slice(0, 16).replace(/[:T]/g, '-')}-q${q.id}-${cell.system}`);
              },
            });
            rounds.get(cell)!.push({ load, cpuMicros: cpuAfter - cpuBefore });
          } finally {
            clearInterval(sampler);
          }
        }
      }
      for (const cell of measured) {
        const all = rounds.get(cell)!;
        const median = [...all].sort((a, b) => a.load.loaded.requestsPerSecond - b.load.loaded.requestsPerSecond)[Math.floor(all.length / 2)];
        const medianLatency = [...all].sort((a, b) => a.load.oneClient.p50 - b.load.oneClient.p50)[Math.floor(all.length / 2)];
        cell.load = { loaded: median.load.loaded, oneClient: medianLatency.load.oneClient };
        cell.cpuMsPerRequest = Math.round(median.cpuMicros / Math.max(median.load.loaded.requests, 1)) / 1000;
        if (all.length > 1) cell.rounds = all.map((r) => r.load);
        const l = cell.load.loaded;
        const spread = all.length > 1 ? ` (rounds ${all.map((r) => r.load.loaded.requestsPerSecond.toFixed(0)).join(', ')})` : '';
        log(`Q${q.id} ${cell.system.padEnd(12)} ${l.requestsPerSecond.toFixed(0).padStart(6)} req/s${spread}  p50 ${l.p50} ms  p99 ${l.p99} ms  ` +
          `1-client p50 ${cell.load.oneClient.p50} ms  ${cell.cpuMsPerRequest} ms CPU/req  ${cell.statements} SQL/req  ${cell.equivalence}`);
      }
    }
    if (o.writes && servers.has('api')) {
      log(`writes: ${WRITE_ROWS} innovation studios a request, ${o.rounds} round(s) (bench/writes.ts)`);
      writes = await measureWrites(servers.get('api')!, db.url, o.rounds);
      for (const line of writesTable(writes)) if (line) log(line);
    }
    for (const [system, server] of servers) {
      const after = await server.probe(true);
      memory[system] = { before: before.get(system)!, after, peakRss: Math.max(peak.get(system)!, after.rss) };
    }
  } finally {
    for (const server of servers.values()) await server.stop();
    await db.stop();
  }

  if (!o.cache && o.systems.includes('api')) {
    notes.push('The API ran without its response cache (every request carried a different unused variable): aggregates (Q1, Q4) are computed every time, as by the others. `--cache` measures it with the cache.');
  }
  notes.push(o.caller === 'analyst'
    ? 'The API ran as deployed: NODE_ENV=production, every request with an ANALYST key (authenticated per request), rate limit off, LOG_LEVEL=' + o.apiLogLevel + '.'
    : 'The API ran with NODE_ENV=development and anonymous requests (no key), rate limit off, LOG_LEVEL=' + o.apiLogLevel + '.');
  notes.push('PostGraphile and the raw baseline connect as the tables\' owner; the API as registry_app under row-level security (as deployed).');
  notes.push(`Index added in the bench database for PostGraphile's conditions (all systems read it): ${POSTGRAPHILE_INDEXES.map((i) => i.replace(/^CREATE INDEX IF NOT EXISTS /, '')).join('; ')}.`);
  notes.push('PostGraphile does not hide archived records as the API and the raw baseline do; the bench data has none.');
  notes.push('The load generator (autocannon) runs on the same machine and takes CPU from the server it measures.');
  const report: Report = {
    startedAt, finishedAt: new Date().toISOString(), commit: commitOf(ROOT), machine: machine(db.postgresVersion, {}, loadAtStart),
    scale: o.scale, national: o.national, asOf: db.asOf,
    settings: { caller: o.caller, rounds: o.rounds, connections: o.connections, duration: o.duration, warmup: o.warmup, latencyDuration: o.latencyDuration, poolSize: o.poolSize, cache: o.cache, apiLogLevel: o.apiLogLevel, only: o.only, systems: o.systems },
    notes, cells, memory, writes,
  };
  report.machine.node = Object.fromEntries(Object.entries(memory).map(([s, m]) => [s, m!.before.node.replace(/^v/, '')]));
  const file = writeReport(ROOT, report);
  log(`results: ${path.relative(ROOT, file)} (and .json)`);
  if (cells.some((c) => c.equivalence?.startsWith('DIFFERS'))) {
    log('some systems did not return the same data: see "same data" in the table');
    process.exitCode = 2;
  }
}

const argv = process.argv.slice(2);
if (argv.includes('--help')) console.log(USAGE);
else {
  main(parseOptions(argv)).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
