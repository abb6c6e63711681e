import 'reflect-metadata';
import { loadConfig } from '../src/config';
import { prepareDatabase } from '../src/db/bootstrap';
import { AppDataSource } from '../src/db/data-source';
import { isEmpty, seedPublishedDataSet } from '../src/db/seed';
import { logger } from '../src/logger';
import { parseScaleArgument } from './scale/plan';
import { describeScaleSeed, seedScale } from './scale/seed-scale';

const REGISTRY_TABLES = [
  'reported_figure', 'goal', 'collective_innovation_contract', 'craftsman_academy', 'innovation_studio',
  'craftsman', 'enterprise', 'city', 'province', 'source',
];

/**
 * `npm run seed`: migrates and loads the published data set into an empty registry (DATABASE_URL,
 * or the embedded database in DATA_DIR). `npm run seed -- --reset` empties the registry first.
 * `--scale N` then adds a synthetic province N times the published data set (seeds/scale/).
 */
async function main(): Promise<void> {
  const reset = process.argv.includes('--reset');
  const scale = parseScaleArgument(process.argv);
  const config = { ...loadConfig(), seedOnEmptyDatabase: false };
  const { embedded } = await prepareDatabase(config, AppDataSource);
  try {
    if (reset) await AppDataSource.query(`TRUNCATE ${REGISTRY_TABLES.join(', ')} RESTART IDENTITY CASCADE`);
    if (await isEmpty(AppDataSource)) {
      await seedPublishedDataSet(AppDataSource);
      logger.info('published data set loaded');
    } else if (scale === null) {
      logger.info('the registry already holds data; nothing loaded (use --reset to reload)');
    }
    if (scale !== null) {
      const result = await seedScale(AppDataSource, scale);
      logger.info({ scale, counts: result.counts, ms: result.ms }, describeScaleSeed(result));
    }
  } finally {
    await AppDataSource.destroy();
    await embedded?.stop();
  }
}

main().catch((error) => {
  logger.fatal({ err: error }, 'seeding failed');
  process.exit(1);
});
