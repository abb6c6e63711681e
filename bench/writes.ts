/**
 * Writes, measured (issue 21): 5,000 innovation studios written through the API as a city portal writes them,
 * new and then all unchanged, by bulk upsert (`upsertInnovationStudios`) and by CSV import (`POST /import`),
 * beside a raw floor: one `INSERT … ON CONFLICT … DO UPDATE … WHERE changed` of the same rows through `pg`, as
 * the request role under the same row-level security and audit trigger (registry_begin for an ADMIN key). Rows per
 * second, and the server's CPU per row (for the floor, the bench process's own, which runs its client). The rows
 * are removed afterwards (as the owner), so that the read queries of later runs see the data set as it was.
 * Run by `npm run bench` after the reads, or alone: `npm run bench:writes` (`--scale N`, `--rounds R`).
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { Role } from '../src/auth/caller';
import { applicationRolePassword, applicationRoleUrl } from '../src/db/app-role';
import { apiKeyStore } from '../src/modules/api-key/api-key.store';
import { parseScaleArgument } from '../seeds/scale/plan';
import { ownerQuery, prepareBenchDatabase } from './database';
import { argument } from './options';
import { buildApi, startSystem, type RunningSystem } from './systems';

const ROOT = path.resolve(__dirname, '..');
export const WRITE_ROWS = 5_000;
const PREFIX = 'BENCH-W-';
const log = (message: string) => console.log(`[bench:writes ${new Date().toISOString().slice(11, 19)}] ${message}`);

interface StudioRow {
  externalId: string;
  name: string;
  kind: string;
  enterpriseCreditCode: string;
  /** The enterprise's city: portal ids are unique within a city, so an upsert names it. */
  cityCode: string;
}

export interface WriteCell {
  way: 'bulk upsert' | 'CSV import' | 'raw floor';
  rows: 'new' | 'unchanged';
  /** Per round: rows per second, and CPU µs per row (the server's; the bench's own for the floor). */
  rounds: Array<{ rowsPerSecond: number; cpuMicrosPerRow: number }>;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** 5,000 studios under the data set's enterprises (each lies in its enterprise's city), named for this batch. */
async function studioRows(url: string, batch: string): Promise<StudioRow[]> {
  const enterprises = await ownerQuery<{ credit_code: string; city_code: string }>(url, `SELECT credit_code, city_code FROM enterprise WHERE archived_at IS NULL AND city_code IS NOT NULL ORDER BY id LIMIT 500`);
  if (!enterprises.length) throw new Error('the bench database has no enterprise in a city');
  const kinds = ['MODEL_WORKER', 'EMPLOYEE', 'CRAFTSMAN', 'SPECIALISED_TECHNICAL'];
  return Array.from({ length: WRITE_ROWS }, (_, i) => ({
    externalId: `${PREFIX}${batch}-${i}`,
    name: `写入基准工作室 ${batch} ${i}`,
    kind: kinds[i % kinds.length],
    enterpriseCreditCode: enterprises[i % enterprises.length].credit_code,
    cityCode: enterprises[i % enterprises.length].city_code,
  }));
}

const UPSERT = `mutation ($input: UpsertInnovationStudiosInput!) { upsertInnovationStudios(input: $input) {
  created updated unchanged rowErrors { index code message } userErrors { code message } } }`;

async function timed(work: () => Promise<void>, cpu: () => Promise<number>): Promise<{ ms: number; cpuMicros: number }> {
  const cpuBefore = await cpu();
  const started = performance.now();
  await work();
  const ms = performance.now() - started;
  return { ms, cpuMicros: (await cpu()) - cpuBefore };
}

async function bulkUpsert(api: RunningSystem, key: string, rows: StudioRow[], expect: 'created' | 'unchanged'): Promise<void> {
  const res = await fetch(api.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: UPSERT, variables: { input: { records: rows } } }),
  });
  const body = (await res.json()) as any;
  const result = body.data?.upsertInnovationStudios;
  if (!result || result[expect] !== rows.length) throw new Error(`bulk upsert: expected ${rows.length} ${expect}, got ${JSON.stringify(body).slice(0, 400)}`);
}

async function csvImport(api: RunningSystem, key: string, rows: StudioRow[], expect: 'created' | 'unchanged'): Promise<void> {
  const csv = ['externalId,name,kind,enterpriseCreditCode,cityCode', ...rows.map((r) => `${r.externalId},${r.name},${r.kind},${r.enterpriseCreditCode},${r.cityCode}`)].join('\r\n');
  const res = await fetch(api.url.replace(/\/graphql$/, '/import/innovation-studios'), {
    method: 'POST',
    headers: { 'content-type': 'text/csv; charset=utf-8', authorization: `Bearer ${key}` },
    body: csv,
  });
  const body = (await res.json()) as any;
  if (res.status !== 200 || body[expect] !== rows.length) throw new Error(`CSV import: expected ${rows.length} ${expect}, got HTTP ${res.status} ${JSON.stringify(body).slice(0, 400)}`);
}

/** The floor: the same rows in one statement, as the request role for the same key (RLS, triggers, audit as the API). */
async function rawUpsert(client: Client, key: string, rows: StudioRow[], expect: number): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT registry_begin($1, $2)', [key, 'bench-writes-floor']);
    const result = await client.query(
      `INSERT INTO innovation_studio (external_id, name, kind, enterprise_id, province_code, city_code)
       SELECT r.external_id, r.name, r.kind, e.id, e.province_code, e.city_code
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS r(external_id, name, kind, credit_code)
       JOIN enterprise e ON e.credit_code = r.credit_code
       ON CONFLICT (city_code, external_id) WHERE external_id IS NOT NULL
       DO UPDATE SET name = excluded.name, kind = excluded.kind, version = innovation_studio.version + 1, updated_at = now()
       WHERE (innovation_studio.name, innovation_studio.kind) IS DISTINCT FROM (excluded.name, excluded.kind)`,
      [rows.map((r) => r.externalId), rows.map((r) => r.name), rows.map((r) => r.kind), rows.map((r) => r.enterpriseCreditCode)],
    );
    if (result.rowCount !== expect) throw new Error(`raw floor: ${result.rowCount} rows written, expected ${expect}`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/** Removes what the write benchmark wrote, and its audit entries, as the owner. */
async function cleanUp(url: string): Promise<void> {
  await ownerQuery(url, `DELETE FROM audit_entry WHERE record_type = 'InnovationStudio' AND record_id IN (SELECT id FROM innovation_studio WHERE external_id LIKE '${PREFIX}%')`);
  await ownerQuery(url, `DELETE FROM innovation_studio WHERE external_id LIKE '${PREFIX}%'`);
}

/** Measures every way of writing, `rounds` times, on the running API over the bench database at `url`. */
export async function measureWrites(api: RunningSystem, url: string, rounds: number): Promise<WriteCell[]> {
  await cleanUp(url);
  const owner = new Client({ connectionString: url });
  await owner.connect();
  const key = (await apiKeyStore.create(owner, { role: Role.ADMIN, cityCode: null, label: 'npm run bench (writes)' })).key;
  await owner.end();
  const floor = new Client({ connectionString: applicationRoleUrl(url, applicationRolePassword(url, process.env.REGISTRY_APP_PASSWORD)) });
  await floor.connect();
  const serverCpu = async () => (await api.probe()).cpuMicros;
  const ownCpu = async () => {
    const { user, system } = process.cpuUsage();
    return user + system;
  };
  const cells: WriteCell[] = (['bulk upsert', 'CSV import', 'raw floor'] as const).flatMap((way) => (['new', 'unchanged'] as const).map((rows) => ({ way, rows, rounds: [] })));
  const record = (way: WriteCell['way'], rows: WriteCell['rows'], t: { ms: number; cpuMicros: number }) => {
    cells.find((c) => c.way === way && c.rows === rows)!.rounds.push({ rowsPerSecond: WRITE_ROWS / (t.ms / 1000), cpuMicrosPerRow: t.cpuMicros / WRITE_ROWS });
  };
  try {
    for (let round = 1; round <= rounds; round += 1) {
      // The three ways in turn within a round, each on rows of its own.
      const upsertRows = await studioRows(url, `U${round}`);
      record('bulk upsert', 'new', await timed(() => bulkUpsert(api, key, upsertRows, 'created'), serverCpu));
      record('bulk upsert', 'unchanged', await timed(() => bulkUpsert(api, key, upsertRows, 'unchanged'), serverCpu));
      const csvRows = await studioRows(url, `C${round}`);
      record('CSV import', 'new', await timed(() => csvImport(api, key, csvRows, 'created'), serverCpu));
      record('CSV import', 'unchanged', await timed(() => csvImport(api, key, csvRows, 'unchanged'), serverCpu));
      const floorRows = await studioRows(url, `R${round}`);
      record('raw floor', 'new', await timed(() => rawUpsert(floor, key, floorRows, WRITE_ROWS), ownCpu));
      record('raw floor', 'unchanged', await timed(() => rawUpsert(floor, key, floorRows, 0), ownCpu));
      log(`round ${round} of ${rounds} written`);
    }
  } finally {
    await floor.end();
    await cleanUp(url);
  }
  return cells;
}

/** The results as a markdown table, with each way's speed against the floor's. */
export function writesTable(cells: WriteCell[]): string[] {
  const floor = (rows: WriteCell['rows']) => median(cells.find((c) => c.way === 'raw floor' && c.rows === rows)!.rounds.map((r) => r.rowsPerSecond));
  return [
    `Writes: ${WRITE_ROWS.toLocaleString('en')} innovation studios per request, medians of ${cells[0].rounds.length} round(s)`,
    '',
    '| way | rows | rows/s (rounds) | × raw floor | CPU µs/row (rounds) |',
    '|---|---|---:|---:|---:|',
    ...cells.map((c) => {
      const speeds = c.rounds.map((r) => r.rowsPerSecond);
      const cpu = c.rounds.map((r) => r.cpuMicrosPerRow);
      return `| ${c.way} | ${c.rows} | ${median(speeds).toFixed(0)} (${speeds.map((s) => s.toFixed(0)).join(', ')}) | ${(median(speeds) / floor(c.rows)).toFixed(2)}× | ${median(cpu).toFixed(0)} (${cpu.map((s) => s.toFixed(0)).join(', ')}) |`;
    }),
  ];
}

async function main(): Promise<void> {
  const scale = parseScaleArgument(['--scale', argument('--scale', process.env.BENCH_SCALE ?? '10')])!;
  const rounds = Number(argument('--rounds', process.env.BENCH_ROUNDS ?? '3'));
  log(`preparing the scale ${scale} database`);
  const db = await prepareBenchDatabase(scale, { fresh: false, root: ROOT });
  buildApi(ROOT);
  const api = await startSystem('api', { root: ROOT, databaseUrl: db.url, poolSize: 10, apiLogLevel: 'warn', production: true });
  try {
    const lines = writesTable(await measureWrites(api, db.url, rounds));
    const file = path.join(ROOT, 'bench', 'results', `${new Date().toISOString().slice(0, 16).replace(/[:T]/g, '-')}-writes-scale-${scale}.md`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    console.log(lines.join('\n'));
    log(`results: ${path.relative(ROOT, file)}`);
  } finally {
    await api.stop();
    await db.stop();
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
