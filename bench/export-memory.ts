/**
 * `npm run bench:export`: downloads a whole table of at least a million rows from the API's
 * `/export/<type>.csv` on the scale-N bench database (default: collective contracts at scale 50,
 * 1,040,000 rows) and records the server's memory once a second while it streams, the time to the
 * first byte and to the last, and the rows and bytes received. Memory should stay flat: a million rows
 * should cost the server no more than a thousand. Side by side in each of `--rounds N` rounds (default 3),
 * the floor: PostgreSQL's own `COPY (the export's statement: the same rows and columns) TO STDOUT CSV`
 * read through pg-copy-streams by this process; and the API with EXPORTS_BY_COPY=false (row by row, the
 * path before COPY), unless `--no-rows`. Writes bench/results/<time>-export-scale-N.md. Not a test: CI does not run it.
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { parseScaleArgument } from '../seeds/scale/plan';
import { argument } from './options';
import { ownerQuery, prepareBenchDatabase } from './database';
import { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { renderInline } from '../src/db/sql';
import { exportStatement } from '../src/modules/export/export-stream';
import { exportTypeOf } from '../src/modules/export/export-types';
import { buildApi, startSystem, type Probe, type RunningSystem } from './systems';

const ROOT = path.resolve(__dirname, '..');
const MB = 1024 * 1024;
const log = (message: string) => console.log(`[bench:export ${new Date().toISOString().slice(11, 19)}] ${message}`);

const TABLES: Record<string, string> = {
  'collective-contracts': 'collective_innovation_contract',
  enterprises: 'enterprise',
  'innovation-studios': 'innovation_studio',
  craftsmen: 'craftsman',
};


interface Download {
  status: number;
  firstByteMs: number;
  totalMs: number;
  bytes: number;
  lines: number;
}

/** Reads the body without keeping it: counts bytes and line feeds. */
function download(url: string): Promise<Download> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        let firstByteMs = -1;
        let bytes = 0;
        let lines = 0;
        res.on('data', (chunk: Buffer) => {
          if (firstByteMs < 0) firstByteMs = performance.now() - started;
          bytes += chunk.length;
          for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines += 1;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, firstByteMs, totalMs: performance.now() - started, bytes, lines }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

/** The floor: PostgreSQL's COPY … CSV of the export's own statement, read and counted here. */
async function copyFloor(databaseUrl: string, slug: string): Promise<Download> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const started = performance.now();
    let firstByteMs = -1;
    let bytes = 0;
    let lines = 0;
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    // As the API's sessions run (src/db/request-pool.ts): no JIT, which would otherwise compile this long statement first.
    await client.query('SET LOCAL jit = off');
    const stream = client.query(copyTo(`COPY (${renderInline(exportStatement(exportTypeOf(slug)!, {}))}) TO STDOUT (FORMAT csv, HEADER true)`));
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (firstByteMs < 0) firstByteMs = performance.now() - started;
      bytes += chunk.length;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines += 1;
    }
    await client.query('COMMIT');
    return { status: 200, firstByteMs, totalMs: performance.now() - started, bytes, lines };
  } finally {
    await client.end();
  }
}

/** One download from the API while its memory is sampled once a second. */
async function apiDownload(api: RunningSystem, type: string): Promise<{ result: Download; samples: Probe[]; before: Probe; after: Probe }> {
  const before = await api.probe(true);
  const samples: Probe[] = [];
  const sampler = setInterval(() => void api.probe().then((p) => samples.push(p), () => undefined), 1000);
  const result = await download(api.url.replace(/\/graphql$/, `/export/${type}.csv`)).finally(() => clearInterval(sampler));
  return { result, samples, before, after: await api.probe(true) };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const scale = parseScaleArgument(['--scale', argument('--scale', process.env.BENCH_SCALE ?? '50')])!;
  const type = argument('--type', 'collective-contracts');
  const rounds = Number(argument('--rounds', '3'));
  const withRows = !process.argv.includes('--no-rows');
  if (!TABLES[type]) throw new Error(`--type takes ${Object.keys(TABLES).join(', ')}`);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds takes a whole number of at least 1');
  buildApi(ROOT);
  log(`preparing the scale ${scale} database`);
  const db = await prepareBenchDatabase(scale, { fresh: process.argv.includes('--fresh'), root: ROOT });
  const [{ count }] = await ownerQuery<{ count: number }>(db.url, `SELECT count(*)::integer AS count FROM ${TABLES[type]} WHERE archived_at IS NULL`);
  if (count < 1_000_000) log(`note: ${count} rows in ${type}; a million or more needs a larger --scale`);
  const options = { root: ROOT, databaseUrl: db.url, poolSize: 10, apiLogLevel: 'warn', production: false };
  const api = await startSystem('api', options);
  process.env.EXPORTS_BY_COPY = 'false';
  const rowByRow = withRows ? await startSystem('api', options) : null;
  delete process.env.EXPORTS_BY_COPY;
  const MBs = (d: Download) => d.bytes / MB / (d.totalMs / 1000);
  try {
    const table = [
      `Export of ${type}.csv at scale ${scale} (${count} rows in the table), ${new Date().toISOString()}, ${rounds} round(s), each: the floor, the API (COPY), the API row by row`,
      '',
      '| round | download | rows | MB | first byte (ms) | all (s) | rows/s | MB/s | ÷ floor | RSS before (MB) | peak RSS | heap before (MB, after GC) | peak heap | heap after |',
      '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ];
    const ratios: Record<string, number[]> = { copy: [], rows: [] };
    let mismatch = '';
    for (let round = 1; round <= rounds; round += 1) {
      const floor = await copyFloor(db.url, type);
      log(`round ${round}: floor ${(floor.totalMs / 1000).toFixed(1)} s`);
      const row = (label: string, d: Download, m?: { samples: Probe[]; before: Probe; after: Probe }) => {
        const rows = d.lines - 1; // the header line
        if (d.status !== 200 || rows !== count) mismatch ||= `${label}: HTTP ${d.status}, ${rows} rows received for ${count} in the table.`;
        const mem = m
          ? `${(m.before.rss / MB).toFixed(0)} | ${(Math.max(m.before.rss, m.after.rss, ...m.samples.map((p) => p.rss)) / MB).toFixed(0)} | ${(m.before.heapUsed / MB).toFixed(0)} | ${(Math.max(m.before.heapUsed, m.after.heapUsed, ...m.samples.map((p) => p.heapUsed)) / MB).toFixed(0)} | ${(m.after.heapUsed / MB).toFixed(0)}`
          : ' | | | | ';
        table.push(`| ${round} | ${label} | ${rows} | ${(d.bytes / MB).toFixed(0)} | ${d.firstByteMs.toFixed(0)} | ${(d.totalMs / 1000).toFixed(1)} | ${(rows / (d.totalMs / 1000)).toFixed(0)} | ${MBs(d).toFixed(1)} | ${(floor.totalMs / d.totalMs).toFixed(2)} | ${mem} |`);
      };
      row('floor: COPY … CSV', floor);
      const copied = await apiDownload(api, type);
      log(`round ${round}: API (COPY) ${(copied.result.totalMs / 1000).toFixed(1)} s`);
      row('API (COPY)', copied.result, copied);
      ratios.copy.push(floor.totalMs / copied.result.totalMs);
      if (rowByRow) {
        const rows = await apiDownload(rowByRow, type);
        log(`round ${round}: API row by row ${(rows.result.totalMs / 1000).toFixed(1)} s`);
        row('API row by row', rows.result, rows);
        ratios.rows.push(floor.totalMs / rows.result.totalMs);
      }
    }
    table.push('', `Time of the floor ÷ time of the download (1.00 = as fast as COPY … CSV), median of ${rounds}: API (COPY) ${median(ratios.copy).toFixed(2)}×` + (rowByRow ? `, API row by row ${median(ratios.rows).toFixed(2)}×.` : '.'));
    if (mismatch) table.push('', `**Mismatch**: ${mismatch}`);
    const file = path.join(ROOT, 'bench', 'results', `${new Date().toISOString().slice(0, 16).replace(/[:T]/g, '-')}-export-scale-${scale}.md`);
    writeFileSync(file, table.join('\n') + '\n');
    console.log(table.join('\n'));
    log(`results: ${path.relative(ROOT, file)}`);
    if (mismatch) process.exitCode = 2;
  } finally {
    await api.stop();
    await rowByRow?.stop();
    await db.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
