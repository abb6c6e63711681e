import 'reflect-metadata';
import type { Server } from 'node:http';
import { loadConfig } from '../config';
import { prepareDatabase } from '../db/bootstrap';
import { AppDataSource, poolOf } from '../db/data-source';
import { logger } from '../logger';
import { createApp } from './app';

async function main(): Promise<void> {
  const config = loadConfig();
  const { embedded } = await prepareDatabase(config, AppDataSource);
  const { app, apollo } = await createApp(AppDataSource, poolOf(AppDataSource));

  const server: Server = await new Promise((resolve) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
  });
  const host = config.host === '0.0.0.0' ? 'localhost' : config.host;
  logger.info(`GraphiQL is at http://${host}:${config.port}/graphql`);

  let stopping = false;
  const stop = async (signal: string) => {
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
    await AppDataSource.destroy();
    await embedded?.stop();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error) => {
  logger.fatal({ err: error }, 'could not start');
  process.exit(1);
});
