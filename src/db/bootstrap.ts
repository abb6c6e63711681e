import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import { logger } from '../logger';
import { setBiReaderPassword } from './bi-reader';
import { startEmbeddedPostgres, freePort, type RunningPostgres } from './embedded';
import { isEmpty, seedPublishedDataSet } from './seed';

export interface PreparedDatabase {
  embedded: RunningPostgres | null;
}

/**
 * Gets the database ready: the embedded PostgreSQL when no DATABASE_URL is given, pending
 * migrations applied, bi_reader's password set when BI_READER_PASSWORD is, and the published data
 * set loaded into an empty registry.
 */
export async function prepareDatabase(config: Config, dataSource: DataSource): Promise<PreparedDatabase> {
  let embedded: RunningPostgres | null = null;
  if (!config.databaseUrl) {
    const port = config.embeddedPgPort || (await freePort());
    embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, port });
    logger.info({ dataDir: config.dataDir, port }, 'embedded PostgreSQL started');
    dataSource.setOptions({ url: embedded.url });
  }
  try {
    await dataSource.initialize();
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length) logger.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
    if (config.biReaderPassword) {
      await setBiReaderPassword(dataSource, config.biReaderPassword);
      logger.info('bi_reader may log in (BI_READER_PASSWORD is set)');
    }
    if (config.seedOnEmptyDatabase && (await isEmpty(dataSource))) {
      const started = Date.now();
      await seedPublishedDataSet(dataSource);
      logger.info({ ms: Date.now() - started }, 'published data set loaded');
    }
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
    throw error;
  }
  return { embedded };
}
