import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import { logger } from '../logger';
import { applicationRolePassword, applicationRoleUrl, setApplicationRolePassword } from './app-role';
import { setBiReaderPassword } from './bi-reader';
import { roleSettingsForPooler } from './request-pool';
import { startEmbeddedPostgres, freePort, type RunningPostgres } from './embedded';
import { databaseFaultOf } from './faults';
import { isEmpty, seedPublishedDataSet } from './seed';
import { migrateRegistry } from './migrate';

export interface PreparedDatabase {
  embedded: RunningPostgres | null;
  /** What the request pool logs in with: the application role (src/db/app-role.ts). */
  requestUrl: string;
}

export interface PrepareOptions {
  /** Ends the retries for an unreachable DATABASE_URL (a SIGTERM during start-up). */
  signal?: AbortSignal;
}

/** The first pause between two start-up attempts; it doubles up to DB_START_RETRY_MAX_MS. */
const FIRST_RETRY_MS = 500;

/**
 * Gets the database ready: the embedded PostgreSQL when no DATABASE_URL is given, pending
 * migrations applied, bi_reader's password set when BI_READER_PASSWORD is, and the published data
 * set loaded into an empty registry.
 *
 * A DATABASE_URL that cannot be reached (refused, unknown host, starting up, cut off) is tried again
 * with exponential backoff and a log line per attempt, until it answers or DB_START_TIMEOUT_MS has
 * passed. Safe to repeat: each migration and the seed are one transaction. Other failures (a wrong
 * password, a missing database, a failing migration) end the start at once. The embedded
 * PostgreSQL is not retried: it is our own child process, and what stops it from starting (its
 * data directory in use, a broken data directory, the port EMBEDDED_PG_PORT names taken) does not go away
 * by waiting. Only a port chosen here, free a moment before and taken by another process since, is
 * chosen again (twice at most).
 */
/** PostgreSQL's words when it cannot listen on its port. */
const PORT_TAKEN = /could not bind|Address already in use|could not create any TCP\/IP sockets/i;

export async function prepareDatabase(config: Config, dataSource: DataSource, options: PrepareOptions = {}): Promise<PreparedDatabase> {
  if (config.databaseUrl) {
    const requestUrl = await retryWhileUnreachable(config, options.signal, () => migrateAndSeed(config, dataSource, config.databaseUrl!));
    return { embedded: null, requestUrl };
  }
  const start = (port: number) => startEmbeddedPostgres({ dataDir: config.dataDir, port, log: (line) => logger.debug({ postgres: line.trim() }, 'embedded PostgreSQL') });
  let port = config.embeddedPgPort || (await freePort());
  let embedded: Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined;
  for (let attempt = 1; !embedded; attempt += 1) {
    try {
      embedded = await start(port);
    } catch (error) {
      if (config.embeddedPgPort || attempt >= 3 || !PORT_TAKEN.test((error as Error).message)) throw error;
      logger.warn({ port }, 'the port chosen for the embedded PostgreSQL was taken meanwhile: choosing another');
      port = await freePort();
    }
  }
  logger.info({ dataDir: config.dataDir, port }, 'embedded PostgreSQL started');
  dataSource.setOptions({ url: embedded.url });
  try {
    return { embedded, requestUrl: await migrateAndSeed(config, dataSource, embedded.url) };
  } catch (error) {
    await embedded.stop();
    throw error;
  }
}

/** Migrates and seeds as the owner; lets the application role log in; resolves to the request pool's URL. */
async function migrateAndSeed(config: Config, dataSource: DataSource, ownerUrl: string): Promise<string> {
  // The owner's pool (migrations, seed, /readyz) gives up on an unanswering server as the request pool does.
  const extra = (dataSource.options as { extra?: Record<string, unknown> }).extra;
  dataSource.setOptions({ extra: { ...extra, connectionTimeoutMillis: config.dbConnectionTimeoutMs } } as Partial<DataSource['options']>);
  try {
    await dataSource.initialize();
    const applied = await migrateRegistry(dataSource);
    if (applied.length) logger.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
    await warnWithoutPinyinOrder(dataSource);
    const appPassword = applicationRolePassword(ownerUrl, config.registryAppPassword);
    await setApplicationRolePassword(dataSource, appPassword);
    if (config.databasePoolerUrl) await roleSettingsForPooler(dataSource, config.statementTimeoutMs);
    if (config.biReaderPassword) {
      await setBiReaderPassword(dataSource, config.biReaderPassword);
      logger.info('bi_reader may log in (BI_READER_PASSWORD is set)');
    }
    if (config.seedOnEmptyDatabase && (await isEmpty(dataSource))) {
      const started = Date.now();
      await seedPublishedDataSet(dataSource);
      logger.info({ ms: Date.now() - started }, 'published data set loaded');
    }
    return applicationRoleUrl(ownerUrl, appPassword);
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy().catch(() => undefined);
    throw error;
  }
}

/** host:port/database of a PostgreSQL URL, for the log (never its password). */
export function targetOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

async function retryWhileUnreachable<T>(config: Config, signal: AbortSignal | undefined, attempt: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const database = targetOf(config.databaseUrl!);
  for (let n = 1; ; n += 1) {
    signal?.throwIfAborted();
    try {
      const result = await attempt();
      if (n > 1) logger.info({ database, attempts: n }, 'database reached');
      return result;
    } catch (error) {
      if (databaseFaultOf(error) !== 'unavailable') throw error;
      const reason = (error as Error).message;
      const retryInMs = Math.min(config.dbStartRetryMaxMs, FIRST_RETRY_MS * 2 ** Math.min(n - 1, 20));
      if (config.dbStartTimeoutMs && Date.now() - started + retryInMs > config.dbStartTimeoutMs) {
        throw new Error(`the database at ${database} did not answer within DB_START_TIMEOUT_MS (${config.dbStartTimeoutMs} ms): ${reason}`, { cause: error });
      }
      logger.warn({ database, attempt: n, retryInMs, reason }, 'database unreachable at start; retrying');
      await sleep(retryInMs, undefined, { signal });
    }
  }
}

/** Names sort by pinyin only where the server has ICU (migration 48); an operator is told once per start where it has not. */
async function warnWithoutPinyinOrder(dataSource: DataSource): Promise<void> {
  const [row] = await dataSource.query(`SELECT collprovider = 'i' AS icu FROM pg_collation WHERE collname = 'registry_name'`);
  if (row && !row.icu) {
    logger.warn('this PostgreSQL has no ICU: names sort by code point (南京, 南通, 宿迁, 常州), not by pinyin; use a server built with ICU for pinyin order');
  }
}
