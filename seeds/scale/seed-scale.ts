/**
 * `npm run seed -- --scale N`: adds a synthetic province N times the published data set on top of
 * it, in one transaction, through the owner's connection (row-level security binds only the
 * request role). Run again with the same N it changes nothing; with another N it refuses, since
 * replacing a scale would also have to remove whatever was written against its records since
 * (`--reset --scale N` starts over).
 */
import type { DataSource } from 'typeorm';
import { loadedScale, loadScaleDataSet } from './load';
import type { Counts } from './plan';

export interface ScaleSeedResult {
  scale: number;
  /** False when this scale was already loaded (nothing was written). */
  loaded: boolean;
  /** Synthetic records added by this run, per type. */
  counts: Counts | null;
  ms: number;
}

// Any constant will do: it keeps two seed runs on one database from interleaving.
const SCALE_SEED_LOCK = 0x5ca1e;
const TABLES = ['enterprise', 'collective_innovation_contract', 'craftsman', 'innovation_studio', 'craftsman_academy'];

export async function seedScale(dataSource: DataSource, scale: number): Promise<ScaleSeedResult> {
  const started = Date.now();
  const counts = await dataSource.transaction(async (manager) => {
    const query = (sql: string, params?: unknown[]) => manager.query(sql, params);
    await query(`SELECT pg_advisory_xact_lock(${SCALE_SEED_LOCK})`);
    const present = await loadedScale(query);
    if (present === scale) return null;
    if (present !== null) {
      throw new Error(`a scale ${present} data set is already loaded; run \`npm run seed -- --reset --scale ${scale}\` to replace it`);
    }
    // Durability of this one transaction can wait for the next WAL flush: it is a bulk load.
    await query(`SET LOCAL synchronous_commit = off`);
    return loadScaleDataSet(query, scale);
  });
  // Fresh statistics, so that the first queries on the new rows get sensible plans.
  if (counts) await dataSource.query(`ANALYZE ${TABLES.join(', ')}`);
  return { scale, loaded: counts !== null, counts, ms: Date.now() - started };
}

const LABELS: Record<keyof Counts, string> = {
  enterprises: 'enterprises', contracts: 'collective contracts', studios: 'innovation studios', academies: 'craftsman academies', craftsmen: 'craftsmen',
};

/** One line for the console: what was loaded and how long it took. */
export function describeScaleSeed(result: ScaleSeedResult): string {
  if (!result.counts) return `scale ${result.scale} is already loaded; nothing to do`;
  const parts = (Object.keys(LABELS) as (keyof Counts)[]).map((k) => `${result.counts![k].toLocaleString('en-US')} ${LABELS[k]}`);
  return `scale ${result.scale} loaded in ${(result.ms / 1000).toFixed(1)} s: ${parts.join(', ')} (synthetic, on top of the published data set)`;
}
