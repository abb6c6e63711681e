/**
 * The bench database: an embedded PostgreSQL whose data directory (.data/bench/scale-N, git-ignored)
 * holds the published data set plus the scale-N province. Kept between runs: a rerun migrates
 * what is pending and finds scale N already loaded, so it starts in seconds. It is rebuilt when the
 * seed's code has changed since it was loaded (a fingerprint of seeds/ beside it), or with --fresh.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { createDataSource } from '../src/db/data-source';
import { freePort, startEmbeddedPostgres } from '../src/db/embedded';
import { seedScale } from '../seeds/scale/seed-scale';
import { migrateRegistry } from '../src/db/migrate';

export interface BenchDatabase {
  /** The owner's URL (PostGraphile and the raw baseline read as the owner; the API as registry_app, as in production). */
  url: string;
  scale: number;
  asOf: string;
  dataDir: string;
  postgresVersion: string;
  /** Whether this run loaded the data (false: reused the prepared data directory). */
  loaded: boolean;
  loadSeconds: number | null;
  stop(): Promise<void>;
}

/** A hash of every file under seeds/ and src/common/ (the ids, codes and dates seeds make): the rows follow from these and N. */
function seedFingerprint(root: string): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else hash.update(path.relative(root, file)).update(readFileSync(file));
    }
  };
  walk(path.join(root, 'seeds'));
  walk(path.join(root, 'src', 'common'));
  return hash.digest('hex');
}

export async function prepareBenchDatabase(scale: number, options: { fresh: boolean; root: string; national?: boolean }): Promise<BenchDatabase> {
  const dataDir = path.join(options.root, '.data', 'bench', `${options.national ? 'national-' : ''}scale-${scale}`);
  const fingerprintFile = `${dataDir}.seed-fingerprint`;
  const fingerprint = seedFingerprint(options.root);
  const stale = !existsSync(fingerprintFile) || readFileSync(fingerprintFile, 'utf8').trim() !== fingerprint;
  if (options.fresh || stale) rmSync(dataDir, { recursive: true, force: true });
  const pg = await startEmbeddedPostgres({ dataDir, port: await freePort() });
  try {
    const dataSource = createDataSource(pg.url);
    await dataSource.initialize();
    try {
      await migrateRegistry(dataSource);
      const seeded = await seedScale(dataSource, scale, { national: options.national });
      writeFileSync(fingerprintFile, `${fingerprint}\n`);
      const [{ version }] = await dataSource.query(`SELECT current_setting('server_version') AS version`);
      return {
        url: pg.url, scale, asOf: seeded.asOf, dataDir, postgresVersion: version, loaded: seeded.loaded,
        loadSeconds: seeded.loaded ? seeded.ms / 1000 : null, stop: () => pg.stop(),
      };
    } finally {
      await dataSource.destroy();
    }
  } catch (error) {
    await pg.stop();
    throw error;
  }
}

/** Runs one statement on a short-lived owner connection (look-ups the bench needs: ids, cursors). */
export async function ownerQuery<T = Record<string, unknown>>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}
