import 'reflect-metadata';
import { loadConfig } from '../../config';
import { prepareDatabase } from '../../db/bootstrap';
import { createDataSource } from '../../db/data-source';
import { logger } from '../../logger';
import { runningEmbeddedPostgresUrl } from './api-key.cli-database';
import { parseCommand, runCommand, UsageError, USAGE } from './api-key.commands';

/**
 * `npm run apikey -- create|list|revoke|help`: manages API keys on the owner's connection.
 * The database is DATABASE_URL; else the embedded PostgreSQL a running server holds in DATA_DIR;
 * else the embedded one is started (migrated, and seeded when empty, as `npm start` would) for the
 * command and stopped cleanly after it. Output goes to stdout; `create` prints the key last.
 */
async function main(argv: string[]): Promise<number> {
  // A bad command line fails before any database is started.
  const command = parseCommand(argv);
  if (command.name === 'help') return print(await runCommand({ query: async () => [] }, command));

  // The database's start-up logs would bury the answer; LOG_LEVEL=info shows them.
  logger.level = process.env.LOG_LEVEL || 'warn';
  const config = loadConfig();
  const databaseUrl = config.databaseUrl ?? runningEmbeddedPostgresUrl(config.dataDir) ?? undefined;
  const dataSource = createDataSource(databaseUrl);
  const { embedded } = await prepareDatabase({ ...config, databaseUrl }, dataSource);
  try {
    return print(await runCommand(dataSource, command));
  } finally {
    await dataSource.destroy();
    await embedded?.stop();
  }
}

function print(lines: string[]): number {
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`error: ${error.message}\n${error.showUsage ? `\n${USAGE}\n` : 'Run `npm run apikey -- help` for usage.\n'}`);
      process.exitCode = error.exitCode;
    } else {
      process.stderr.write(`error: ${(error as Error)?.message ?? String(error)}\n`);
      process.exitCode = 1;
    }
  },
);
