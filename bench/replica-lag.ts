/**
 * `npm run bench:replica`: how far a streaming replica falls behind under the bench's write load (issue 22). A primary and a
 * real streaming replica of it (the embedded PostgreSQL's build, made as the tests make theirs: test/setup/streaming-replica.ts),
 * the published data set, and the API on the primary with the replica for reads (DATABASE_REPLICA_URLS); then the writes of
 * `npm run bench:writes` (5,000 studios per request: bulk upsert, CSV import, the raw floor, new and unchanged) while the
 * replica's lag is sampled every 50 ms two ways: PostgreSQL's own (`pg_stat_replication.replay_lag` on the primary, and the
 * bytes of WAL not yet replayed) and the API's (`registry_replica_lag_seconds` on /metrics, which decides routing).
 * Writes bench/results/<time>-replica-lag.md. Not a test.
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { createDataSource } from '../src/db/data-source';
import { migrateRegistry } from '../src/db/migrate';
import { seedPublishedDataSet } from '../src/db/seed';
import { startPrimaryAndReplica } from '../test/setup/streaming-replica';
import { argument } from './options';
import { buildApi, startSystem } from './systems';
import { measureWrites, writesTable } from './writes';

const ROOT = path.resolve(__dirname, '..');
const log = (message: string) => console.log(`[bench:replica ${new Date().toISOString().slice(11, 19)}] ${message}`);

interface Sample {
  /** PostgreSQL's replay_lag, in ms (null when the walsender has nothing to report: the replica is caught up). */
  replayLagMs: number | null;
  /** WAL bytes the primary has written that the replica has not replayed. */
  bytesBehind: number;
  /** The API's own measure (what routing uses), in ms. */
  apiLagMs: number | null;
}

const percentile = (values: number[], p: number) => {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

async function main(): Promise<void> {
  const rounds = Number(argument('--rounds', '3'));
  log('starting a primary and a streaming replica');
  const servers = await startPrimaryAndReplica('registry');
  const owner = createDataSource(servers.primaryUrl);
  await owner.initialize();
  await migrateRegistry(owner);
  await seedPublishedDataSet(owner);
  await owner.destroy();
  buildApi(ROOT);
  process.env.DATABASE_REPLICA_URLS = servers.replicaUrl;
  const api = await startSystem('api', { root: ROOT, databaseUrl: servers.primaryUrl, poolSize: 10, apiLogLevel: 'warn', production: true });
  const metricsUrl = api.url.replace(/\/graphql$/, '/metrics');
  const primary = new Client({ connectionString: servers.primaryUrl });
  await primary.connect();
  const samples: Sample[] = [];
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const [{ rows }, metrics] = await Promise.all([
        primary.query<{ replay_ms: string | null; bytes: string }>(
          `SELECT extract(epoch FROM replay_lag) * 1000 AS replay_ms, pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn) AS bytes FROM pg_stat_replication`,
        ),
        fetch(metricsUrl).then((r) => r.text()),
      ]);
      const apiLag = /registry_replica_lag_seconds\{[^}]*\} ([0-9.e+-]+)/.exec(metrics);
      if (rows[0]) samples.push({ replayLagMs: rows[0].replay_ms === null ? null : Number(rows[0].replay_ms), bytesBehind: Number(rows[0].bytes), apiLagMs: apiLag ? Number(apiLag[1]) * 1000 : null });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  try {
    log(`writing: ${rounds} round(s) of bench:writes, the replica's lag sampled throughout`);
    const started = Date.now();
    const cells = await measureWrites(api, servers.primaryUrl, rounds);
    const seconds = (Date.now() - started) / 1000;
    sampling = false;
    await sampler;
    const replay = samples.map((s) => s.replayLagMs ?? 0);
    const bytes = samples.map((s) => s.bytesBehind);
    const apiLag = samples.map((s) => s.apiLagMs ?? 0);
    const ms = (v: number) => `${v.toFixed(1)} ms`;
    const lines = [
      `# Replica lag under the bench's write load (${new Date().toISOString().slice(0, 16)})`,
      '',
      `One primary and one streaming replica on this machine (both the embedded PostgreSQL, sharing its cores with the API and the load), ${samples.length} samples every 50 ms over ${seconds.toFixed(0)} s of writes.`,
      '',
      '| measure | p50 | p95 | p99 | max |',
      '|---|---:|---:|---:|---:|',
      `| PostgreSQL's replay_lag (pg_stat_replication) | ${ms(percentile(replay, 50))} | ${ms(percentile(replay, 95))} | ${ms(percentile(replay, 99))} | ${ms(Math.max(...replay))} |`,
      `| WAL not yet replayed | ${(percentile(bytes, 50) / 1024).toFixed(0)} KB | ${(percentile(bytes, 95) / 1024).toFixed(0)} KB | ${(percentile(bytes, 99) / 1024).toFixed(0)} KB | ${(Math.max(...bytes) / 1024).toFixed(0)} KB |`,
      `| the API's lag (registry_replica_lag_seconds) | ${ms(percentile(apiLag, 50))} | ${ms(percentile(apiLag, 95))} | ${ms(percentile(apiLag, 99))} | ${ms(Math.max(...apiLag))} |`,
      '',
      ...writesTable(cells),
    ];
    const file = path.join(ROOT, 'bench', 'results', `${new Date().toISOString().slice(0, 16).replace(/[:T]/g, '-')}-replica-lag.md`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    console.log(lines.join('\n'));
    log(`results: ${path.relative(ROOT, file)}`);
  } finally {
    sampling = false;
    await sampler.catch(() => undefined);
    await primary.end();
    await api.stop();
    await servers.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
