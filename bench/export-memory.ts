/**
 * `npm run bench:export`: downloads a whole table of at least a million rows from the API's
 * `/export/<type>.csv` on the scale-N bench database (default: collective contracts at scale 50,
 * 1,040,000 rows) and records the server's memory once a second while it streams, the time to the
 * first byte and to the last, and the rows and bytes received. Memory should stay flat: the rows
 * come from a cursor, so a million rows should cost the server no more than a thousand. Writes
 * bench/results/<time>-export-scale-N.md. Not a test: CI does not run it.
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { parseScaleArgument } from '../seeds/scale/plan';
import { argument } from './options';
import { ownerQuery, prepareBenchDatabase } from './database';
import { startSystem, type Probe } from './systems';

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

async function main(): Promise<void> {
  const scale = parseScaleArgument(['--scale', argument('--scale', process.env.BENCH_SCALE ?? '50')])!;
  const type = argument('--type', 'collective-contracts');
  if (!TABLES[type]) throw new Error(`--type takes ${Object.keys(TABLES).join(', ')}`);
  log(`preparing the scale ${scale} database`);
  const db = await prepareBenchDatabase(scale, { fresh: process.argv.includes('--fresh'), root: ROOT });
  const [{ count }] = await ownerQuery<{ count: number }>(db.url, `SELECT count(*)::integer AS count FROM ${TABLES[type]} WHERE archived_at IS NULL`);
  if (count < 1_000_000) log(`note: ${count} rows in ${type}; a million or more needs a larger --scale`);
  const api = await startSystem('api', { root: ROOT, databaseUrl: db.url, poolSize: 10, apiLogLevel: 'warn', production: false });
  try {
    const before = await api.probe(true);
    const samples: Probe[] = [];
    const sampler = setInterval(() => void api.probe().then((p) => samples.push(p), () => undefined), 1000);
    const result = await download(api.url.replace(/\/graphql$/, `/export/${type}.csv`)).finally(() => clearInterval(sampler));
    const after = await api.probe(true);
    const peakRss = Math.max(before.rss, after.rss, ...samples.map((s) => s.rss));
    const peakHeap = Math.max(before.heapUsed, after.heapUsed, ...samples.map((s) => s.heapUsed));
    const rows = result.lines - 1; // the header line
    const lines = [
      `Export of ${type}.csv at scale ${scale} (${count} rows in the table), ${new Date().toISOString()}`,
      '',
      '| rows | MB sent | first byte (ms) | all (s) | rows/s | RSS before (MB) | peak RSS | heap before (MB, after GC) | peak heap | heap after (after GC) |',
      '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
      `| ${rows} | ${(result.bytes / MB).toFixed(0)} | ${result.firstByteMs.toFixed(0)} | ${(result.totalMs / 1000).toFixed(1)} | ${(rows / (result.totalMs / 1000)).toFixed(0)} | ` +
        `${(before.rss / MB).toFixed(0)} | ${(peakRss / MB).toFixed(0)} | ${(before.heapUsed / MB).toFixed(0)} | ${(peakHeap / MB).toFixed(0)} | ${(after.heapUsed / MB).toFixed(0)} |`,
      '',
      `Memory sampled once a second over ${samples.length} samples (heap MB): ${samples.map((s) => (s.heapUsed / MB).toFixed(0)).join(' ')}`,
    ];
    if (result.status !== 200 || rows !== count) lines.push('', `**Mismatch**: HTTP ${result.status}, ${rows} rows received for ${count} in the table.`);
    const file = path.join(ROOT, 'bench', 'results', `${new Date().toISOString().slice(0, 16).replace(/[:T]/g, '-')}-export-scale-${scale}.md`);
    writeFileSync(file, lines.join('\n') + '\n');
    console.log(lines.join('\n'));
    log(`results: ${path.relative(ROOT, file)}`);
    if (result.status !== 200 || rows !== count) process.exitCode = 2;
  } finally {
    await api.stop();
    await db.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
