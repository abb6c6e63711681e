/**
 * `npm run seed -- --scale N`: the published data set plus a synthetic province N times its size,
 * in one transaction, through the owner's connection (row-level security binds only the request
 * role). It loads only into an empty registry, since 200,000 sample records must never be mixed
 * into one that holds real ones; with the same N already loaded it changes nothing; anything else
 * is refused, and `--reset --scale N` empties the registry first.
 */
import type { DataSource } from 'typeorm';
import { REGISTRY_IS_EMPTY } from '../../src/db/seed';
import { todayInChina } from '../../src/common/calendar';
import { loadPublishedDataSet } from '../published-data-set';
import { inBulkMode } from './bulk-mode';
import { loadedScale, loadScaleDataSet } from './load';
import type { Counts } from './plan';

export interface ScaleSeedResult {
  scale: number;
  /** Every province (--national), not Jiangsu alone. */
  national: boolean;
  /** The day the synthetic records are dated back from (of the loaded data set when nothing was written). */
  asOf: string;
  /** False when this scale was already loaded (nothing was written). */
  loaded: boolean;
  /** Synthetic records added by this run, per type. */
  counts: Counts | null;
  ms: number;
}

// Any constant will do: it keeps two seed runs on one database from interleaving.
const SCALE_SEED_LOCK = 0x5ca1e;
const TABLES = ['enterprise', 'collective_innovation_contract', 'craftsman', 'innovation_studio', 'craftsman_academy', 'goal'];

export class ScaleSeedRefused extends Error {}

export async function seedScale(dataSource: DataSource, scale: number, options: { asOf?: string; national?: boolean } = {}): Promise<ScaleSeedResult> {
  const started = Date.now();
  const asOf = options.asOf ?? todayInChina();
  const national = options.national ?? false;
  const named = (n: number, whole: boolean) => `${whole ? '--national ' : ''}--scale ${n}`;
  const outcome = await dataSource.transaction(async (manager) => {
    const query = (sql: string, params?: unknown[]) => manager.query(sql, params);
    await query(`SELECT pg_advisory_xact_lock(${SCALE_SEED_LOCK})`);
    const present = await loadedScale(query);
    if (present?.scale === scale && present.national === national) return { asOf: present.asOf, counts: null };
    if (present) {
      throw new ScaleSeedRefused(`a ${named(present.scale, present.national)} data set is already loaded; \`npm run seed -- --reset ${named(scale, national)}\` replaces it (and deletes every record)`);
    }
    const [{ empty }] = await query(REGISTRY_IS_EMPTY);
    if (!empty) {
      throw new ScaleSeedRefused(`the registry already holds data; --scale loads only into an empty registry: \`npm run seed -- --reset ${named(scale, national)}\` empties it first (deletes every record)`);
    }
    // Durability of this one transaction can wait for the next WAL flush: it is a bulk load.
    await query(`SET LOCAL synchronous_commit = off`);
    await loadPublishedDataSet(query);
    return { asOf, counts: await inBulkMode(query, TABLES, () => loadScaleDataSet(query, scale, asOf, national)) };
  });
  // Fresh statistics, so that the first queries on the new rows get sensible plans (the goal tally's rows came with them).
  if (outcome.counts) await dataSource.query(`ANALYZE ${[...TABLES, 'goal_tally'].join(', ')}`);
  return { scale, national, asOf: outcome.asOf, loaded: outcome.counts !== null, counts: outcome.counts, ms: Date.now() - started };
}

const LABELS: Record<keyof Counts, string> = {
  enterprises: 'enterprises', contracts: 'collective contracts', studios: 'innovation studios', academies: 'craftsman academies', craftsmen: 'craftsmen',
};

/** One line for the console: what was loaded and how long it took. */
export function describeScaleSeed(result: ScaleSeedResult): string {
  const what = `${result.national ? 'national ' : ''}scale ${result.scale}`;
  if (!result.counts) return `${what} (as of ${result.asOf}) is already loaded; nothing to do`;
  const parts = (Object.keys(LABELS) as (keyof Counts)[]).map((k) => `${result.counts![k].toLocaleString('en-US')} ${LABELS[k]}`);
  return `${what} as of ${result.asOf} loaded in ${(result.ms / 1000).toFixed(1)} s: ${parts.join(', ')} (synthetic, besides the published data set)`;
}
