import 'reflect-metadata';
import type { Server } from 'node:http';
import { loadConfig } from '../config';
import { prepareDatabase } from '../db/bootstrap';
import { AppDataSource } from '../db/data-source';
import { createRequestPool } from '../db/request-pool';
import { logger } from '../logger';
import { createApp } from './app';

async function main(): Promise<void> {
  const config = loadConfig();
  // A signal can arrive while the database is still starting (initdb, migrations, the first load).
  // Dying then would leave the embedded PostgreSQL, a detached process, running without us and
  // holding DATA_DIR; so remember the signal and shut down in order as soon as start-up is done.
  let stop: ((signal: string) => Promise<void>) | undefined;
  let requestedDuringStart: string | undefined;
  const onSignal = (signal: string) => {
    if (stop) void stop(signal);
    else if (!requestedDuringStart) {
      requestedDuringStart = signal;
      logger.info({ signal }, 'shutdown requested while starting: stopping once the database is ready');
    }
  };
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));

  const { embedded } = await prepareDatabase(config, AppDataSource);
  const requestPool = createRequestPool((AppDataSource.options as { url: string }).url);
  const { app, apollo } = await createApp(AppDataSource, requestPool, { requireKey: config.nodeEnv === 'production' });

  // Express 5 hands a listen error (e.g. EADDRINUSE) to this callback: fail the start on it
  // rather than run on without a port, and stop the database on the way out.
  const server: Server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.port, config.host, (error?: Error) => (error ? reject(error) : resolve(s)));
  }).catch(async (error: unknown) => {
    await apollo.stop();
    await requestPool.end();
    await AppDataSource.destroy();
    await embedded?.stop();
    throw error;
  });
  const host = config.host === '0.0.0.0' ? 'localhost' : config.host;
  logger.info(`GraphiQL is at http://${host}:${config.port}/graphql`);

  let stopping = false;
  stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    // Stop accepting, let in-flight requests finish, close idle keep-alive sockets now.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const force = setTimeout(() => server.closeAllConnections(), 8000);
    await closed;
    clearTimeout(force);
    await apollo.stop();
    await requestPool.end();
    await AppDataSource.destroy();
    await embedded?.stop();
    logger.info('stopped');
    process.exit(0);
  };
  if (requestedDuringStart) await stop(requestedDuringStart);
}

main().catch((error) => {
  logger.fatal({ err: error }, 'could not start');
  process.exit(1);
});
