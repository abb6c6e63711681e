/** The bench's results: one JSON document and a markdown table, written to bench/results/. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LoadResult } from './load';
import type { System } from './queries';
import { writesTable, type WriteCell } from './writes';
import type { Probe } from './systems';

export interface Cell {
  query: number;
  title: string;
  system: System;
  /** Why this system does not answer this query (then nothing else is set). */
  skipped?: string;
  /** 'same' or what differs from the reference system's answer. */
  equivalence?: string;
  statements?: number;
  /** The API's own `extensions.sqlStatements`, as a cross-check of the probe's count. */
  reportedStatements?: number;
  /** The server's CPU time (user + system) per request in the timed run, ms. */
  cpuMsPerRequest?: number;
  /** The statements of one (warm) request, with ms to each answer as the server saw it. */
  sql?: { text: string; ms: number | null }[];
  /** The median round (by request rate; the 1-client phase by its p50), when there were several rounds. */
  load?: LoadResult;
  rounds?: LoadResult[];
}

export interface Report {
  startedAt: string;
  finishedAt: string;
  commit: string | null;
  machine: { cpu: string; cores: number; memoryGiB: number; os: string; node: Record<string, string>; postgres: string; loadAverage: { start: number[]; end: number[] } };
  scale: number;
  /** Every province at scale N (--national); absent in reports from before it existed. */
  national?: boolean;
  asOf: string;
  settings: Record<string, unknown>;
  notes: string[];
  cells: Cell[];
  memory: Partial<Record<System, { before: Probe; after: Probe; peakRss: number }>>;
  /** bench/writes.ts's measurements, when the run wrote (`W` in --only). */
  writes?: WriteCell[];
}

/** The machine; the load average shows how busy it was with other work around the run. */
export function machine(postgres: string, node: Record<string, string>, loadAtStart: number[]): Report['machine'] {
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), os: `${os.type()} ${os.release()}`,
    node, postgres, loadAverage: { start: loadAtStart, end: os.loadavg() },
  };
}

export function commitOf(root: string): string | null {
  try {
    // Read-only: GIT_OPTIONAL_LOCKS=0 keeps `git status` from refreshing the index.
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } }).toString().trim();
    const head = git('rev-parse', '--short', 'HEAD');
    const dirty = git('status', '--porcelain', '--untracked-files=no') !== '';
    return dirty ? `${head} + uncommitted changes` : head;
  } catch {
    return null;
  }
}

const NAMES: Record<System, string> = { api: 'API', raw: 'raw', lean: 'lean (Mercurius)', apollo: 'Apollo floor', postgraphile: 'PostGraphile' };
const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)}`;
const fixed = (x: number | undefined, digits = 1) => (x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(digits));
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || b === 0 ? '–' : `${(a / b).toFixed(2)}×`);

const failures = (c: Cell) => (c.rounds ?? [c.load!]).reduce((n, x) => n + x.loaded.failures + x.oneClient.failures, 0);

export function markdown(r: Report): string {
  const cell = (q: number, s: System) => r.cells.find((c) => c.query === q && c.system === s && c.load);
  const lines = [
    `${r.national ? 'National scale' : 'Scale'} ${r.scale} (as of ${r.asOf}) · ${r.machine.cores} × ${r.machine.cpu} · ${r.machine.memoryGiB} GiB · PostgreSQL ${r.machine.postgres} · ` +
      Object.entries(r.machine.node).map(([k, v]) => `${NAMES[k as System] ?? k} on Node ${v}`).join(', ') + ` · commit ${r.commit ?? '?'} · ${r.startedAt.slice(0, 16)}Z · ` +
      `load average ${r.machine.loadAverage.start[0].toFixed(1)} at start, ${r.machine.loadAverage.end[0].toFixed(1)} at end (1 min)`,
    `${r.settings.connections} connections for ${r.settings.duration} s after ${r.settings.warmup} s of warm-up, then 1 connection for ${r.settings.latencyDuration} s` +
      `${Number(r.settings.rounds) > 1 ? `, in ${r.settings.rounds} rounds interleaving the systems (the median round shown; req/s of every round in brackets)` : ''}; ` +
      `p50/p99 in ms (autocannon's, whole ms; the 1-client p50 is timed per request); CPU ms/req: the server process's CPU time over the timed run ÷ its requests; ` +
      `×raw, ×PG, ×lean and ×floor: request rates relative to the raw baseline, to PostGraphile, to the lean server (Fastify + Mercurius) and to the Apollo floor ` +
      `(the API's HTTP layer and Apollo Server over the raw baseline's statements: the least a server on this stack spends).`,
    '',
    '| # | query | system | req/s | p50 | p99 | 1-client p50 | CPU ms/req | SQL/req | ×raw | ×PG | ×lean | ×floor | 1-client p50 ×raw | same data |',
    '|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const c of r.cells) {
    if (c.skipped) {
      lines.push(`| ${c.query} | ${c.title} | ${NAMES[c.system]} | – | – | – | – | – | – | – | – | – | – | – | not expressible: ${c.skipped} |`);
      continue;
    }
    const l = c.load!;
    const raw = cell(c.query, 'raw')?.load;
    const pg = cell(c.query, 'postgraphile')?.load;
    const lean = cell(c.query, 'lean')?.load;
    const floor = cell(c.query, 'apollo')?.load;
    const statements = c.reportedStatements !== undefined && c.reportedStatements !== c.statements ? `${c.statements} (says ${c.reportedStatements})` : `${c.statements ?? '–'}`;
    const rounds = c.rounds ? ` (${c.rounds.map((x) => fixed(x.loaded.requestsPerSecond, 0)).join(', ')})` : '';
    lines.push(`| ${c.query} | ${c.title} | ${NAMES[c.system]} | ${fixed(l.loaded.requestsPerSecond, 0)}${rounds} | ${fixed(l.loaded.p50)} | ${fixed(l.loaded.p99)} | ` +
      `${fixed(l.oneClient.p50, 2)} | ${fixed(c.cpuMsPerRequest, 2)} | ${statements} | ${c.system === 'raw' ? '' : ratio(l.loaded.requestsPerSecond, raw?.loaded.requestsPerSecond)} | ` +
      `${c.system === 'postgraphile' ? '' : ratio(l.loaded.requestsPerSecond, pg?.loaded.requestsPerSecond)} | ` +
      `${c.system === 'lean' ? '' : ratio(l.loaded.requestsPerSecond, lean?.loaded.requestsPerSecond)} | ` +
      `${c.system === 'apollo' ? '' : ratio(l.loaded.requestsPerSecond, floor?.loaded.requestsPerSecond)} | ` +
      `${c.system === 'raw' ? '' : ratio(l.oneClient.p50, raw?.oneClient.p50)} | ${c.equivalence ?? '–'}` +
      `${failures(c) ? ` · ${failures(c)} failed requests` : ''} |`);
  }
  lines.push('', '| server | RSS before (MB) | RSS after | peak RSS | heap used before (MB, after GC) | heap used after |', '|---|---:|---:|---:|---:|---:|');
  for (const [system, m] of Object.entries(r.memory) as [System, NonNullable<Report['memory'][System]>][]) {
    lines.push(`| ${NAMES[system]} | ${mb(m.before.rss)} | ${mb(m.after.rss)} | ${mb(m.peakRss)} | ${mb(m.before.heapUsed)} | ${mb(m.after.heapUsed)} |`);
  }
  if (r.writes?.length) lines.push('', ...writesTable(r.writes));
  if (r.notes.length) lines.push('', ...r.notes.map((n) => `- ${n}`));
  return lines.join('\n') + '\n';
}

/** Writes <stamp>-scale-N.json and .md (…-national-scale-N for --national); returns the markdown's path. */
export function writeReport(root: string, r: Report): string {
  const dir = path.join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const base = path.join(dir, `${r.startedAt.slice(0, 16).replace(/[:T]/g, '-')}-${r.national ? 'national-' : ''}scale-${r.scale}`);
  writeFileSync(`${base}.json`, JSON.stringify(r, null, 2) + '\n');
  writeFileSync(`${base}.md`, markdown(r));
  return `${base}.md`;
}
