import 'reflect-metadata';
import { loadConfig } from '../src/config';
import { prepareDatabase } from '../src/db/bootstrap';
import { AppDataSource } from '../src/db/data-source';
import { isEmpty, seedPublishedDataSet } from '../src/db/seed';
import { logger } from '../src/logger';
import { todayInChina } from '../src/common/calendar';
import { parseAsOfArgument, parseScaleArgument } from './scale/plan';
import { describeScaleSeed, ScaleSeedRefused, seedScale } from './scale/seed-scale';

/** What --reset empties; provinces, cities and districts stay (reference data, loaded by migrations). */
const REGISTRY_TABLES = [
  'reported_figure', 'goal', 'collective_innovation_contract', 'craftsman_academy', 'innovation_studio',
  'craftsman', 'enterprise', 'source',
];

/**
 * `npm run seed`: migrates and loads the published data set into an empty registry (DATABASE_URL,
 * or the embedded database in DATA_DIR). `npm run seed -- --reset` empties the registry first.
 * `--scale N [--as-of YYYY-MM-DD]` loads the published data set and a synthetic province N times
 * its size, into an empty registry only (seeds/scale/seed-scale.ts); `--national` adds every other
 * province, in proportion to its 2020 census population and spread over its cities by theirs (seeds/scale/plan.ts).
 */
async function main(): Promise<void> {
  const reset = process.argv.includes('--reset');
  const scale = parseScaleArgument(process.argv);
  const asOf = parseAsOfArgument(process.argv, todayInChina()) ?? undefined;
  const national = process.argv.includes('--national');
  if (asOf && scale === null) throw new Error('--as-of goes with --scale N');
  if (national && scale === null) throw new Error('--national goes with --scale N');
  const config = { ...loadConfig(), seedOnEmptyDatabase: false };
  const { embedded } = await prepareDatabase(config, AppDataSource);
  try {
    if (reset) await AppDataSource.query(`TRUNCATE ${REGISTRY_TABLES.join(', ')} RESTART IDENTITY CASCADE`);
    if (scale !== null) {
      const result = await seedScale(AppDataSource, scale, { asOf, national });
      logger.info({ scale, national, asOf: result.asOf, counts: result.counts, ms: result.ms }, describeScaleSeed(result));
    } else if (await isEmpty(AppDataSource)) {
      await seedPublishedDataSet(AppDataSource);
      logger.info('published data set loaded');
    } else {
      logger.info('the registry already holds data; nothing loaded (use --reset to reload)');
    }
  } finally {
    await AppDataSource.destroy();
    await embedded?.stop();
  }
}

main().catch((error) => {
  if (error instanceof ScaleSeedRefused) logger.error(error.message);
  else logger.fatal({ err: error }, 'seeding failed');
  process.exit(1);
});
