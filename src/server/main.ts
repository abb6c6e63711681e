import 'reflect-metadata';
import { loadConfig } from '../config';
import { prepareDatabase, targetOf } from '../db/bootstrap';
import { ReadReplicas } from '../db/read-replicas';
import { guardBiReaderSessions } from '../db/bi-reader';
import { AppDataSource } from '../db/data-source';
import { applicationRoleAt } from '../db/app-role';
import { createRequestPool } from '../db/request-pool';
import { logger } from '../logger';
import { keepGoalEvidence } from '../registry/goal-evidence';
import { createApp } from './app';
import { Serving } from './serving';
import { startTracing } from './tracing';

/** Resolves when `promise` settles or after `ms`, whichever is first: shutdown must not hang on it. */
const within = (promise: Promise<unknown>, ms: number) =>
  Promise.race([promise.catch(() => undefined), new Promise<void>((resolve) => setTimeout(resolve, ms).unref())]);

async function main(): Promise<void> {
  const config = loadConfig();
  // Before anything is served: with OTEL_EXPORTER_OTLP_ENDPOINT set, requests are traced from the first.
  const tracing = startTracing(logger);
  // A signal can arrive while the database is still starting (initdb, migrations, the first load).
  // Dying then would leave the embedded PostgreSQL, a detached process, running without us and
  // holding DATA_DIR; so remember the signal and shut down in order as soon as start-up is done.
  // Waiting for an unreachable DATABASE_URL, on the other hand, is simply abandoned.
  let stop: ((reason: string, exitCode?: number) => Promise<void>) | undefined;
  let requestedDuringStart: string | undefined;
  const starting = new AbortController();
  const onSignal = (signal: string) => {
    if (stop) void stop(signal);
    else if (!requestedDuringStart) {
      requestedDuringStart = signal;
      logger.info({ signal }, 'shutdown requested while starting: stopping once the database is ready');
      starting.abort();
    }
  };
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));

  // Listen first: liveness answers and readiness says 503 while the database starts or is retried.
  // A listen error (EADDRINUSE) fails the start before anything else has started.
  const serving = new Serving();
  const port = await serving.listen(config.port, config.host);
  logger.info({ port }, 'listening; ready once the database is');

  let prepared;
  try {
    prepared = await prepareDatabase(config, AppDataSource, { signal: starting.signal });
  } catch (error) {
    await serving.close();
    if (!starting.signal.aborted) throw error;
    logger.info('stopped');
    process.exit(0);
  }
  const { embedded, requestUrl } = prepared;
  // Behind a transaction pooler: the request pool through it, the LISTEN session straight to PostgreSQL (request-pool.ts).
  const requestPool = config.databasePoolerUrl
    ? createRequestPool(applicationRoleAt(requestUrl, config.databasePoolerUrl), undefined, {}, { directUrl: requestUrl })
    : createRequestPool(requestUrl);
  if (config.databasePoolerUrl) logger.info('requests go through the pooler in DATABASE_POOLER_URL: no named prepared statements; statement_timeout set on the role');
  // Streaming replicas for reads, as the application role (a replica has the primary's roles); checked before the first request.
  const replicas = config.databaseReplicaUrls.length
    ? new ReadReplicas(
        requestPool,
        config.databaseReplicaUrls.map((url) => ({ name: targetOf(url), pool: createRequestPool(applicationRoleAt(requestUrl, url)) })),
        { maxLagMs: config.replicaMaxLagMs, log: logger },
      )
    : null;
  await replicas?.start();
  if (replicas) logger.info({ replicas: replicas.replicas.map((r) => ({ replica: r.name, up: r.up })), maxLagMs: config.replicaMaxLagMs }, 'reads go to streaming replicas where they are within REPLICA_MAX_LAG_MS and past the caller\'s writes');
  const stopBiReaderGuard = guardBiReaderSessions(AppDataSource, logger);
  const { app, apollo } = await createApp(AppDataSource, requestPool, {
    requireKey: config.nodeEnv === 'production',
    rateLimit: config.rateLimit,
    metricsToken: config.metricsToken,
    trustProxy: config.trustProxy,
    production: config.nodeEnv === 'production',
    queryLimits: config.queryLimits,
    exportsByCopy: config.exportsByCopy,
    replicas,
  });
  serving.serve(app);
  // Each goal's evidence kept for today, so that goal progress and rankings read a row per goal (src/registry/goal-evidence.ts).
  const stopGoalEvidence = keepGoalEvidence(AppDataSource, logger);
  const host = config.host === '0.0.0.0' ? 'localhost' : config.host;
  logger.info(`GraphiQL is at http://${host}:${config.port}/graphql`);

  let stopping = false;
  stop = async (reason: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal: reason }, 'shutting down: finishing in-flight requests');
    // New requests get 503; in-flight ones finish until SHUTDOWN_TIMEOUT_MS, then their connections are cut.
    const cut = await serving.drain(config.shutdownTimeoutMs);
    if (cut) logger.warn({ requests: cut, shutdownTimeoutMs: config.shutdownTimeoutMs }, 'in-flight requests cut at the shutdown deadline');
    // A cut request may still wait on a statement, and Redis may not answer: neither is waited for beyond a moment.
    stopBiReaderGuard();
    stopGoalEvidence();
    await within(apollo.stop(), 1000);
    await within(replicas?.close() ?? Promise.resolve(), 1000);
    await within(requestPool.end(), 1000);
    await within(AppDataSource.destroy(), 1000);
    await embedded?.stop();
    await within(tracing?.shutdown() ?? Promise.resolve(), 2000);
    logger.info('stopped');
    process.exit(exitCode);
  };
  // The embedded PostgreSQL is ours: if it dies under us, nothing will bring it back, so stop and
  // exit 1 for whatever supervises this process to restart both.
  void embedded?.exited.then(() => {
    if (stopping) return;
    logger.fatal('embedded PostgreSQL exited unexpectedly');
    void stop?.('embedded PostgreSQL exited', 1);
  });
  if (requestedDuringStart) await stop(requestedDuringStart);
}

main().catch((error) => {
  logger.fatal({ err: error }, 'could not start');
  process.exit(1);
});
