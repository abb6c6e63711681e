import path from 'node:path';

/** Every environment variable the platform reads, in one place (the README lists the same). */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPgPort: number;
  logLevel: string;
  nodeEnv: string;
  seedOnEmptyDatabase: boolean;
  /** Lets BI tools log in as bi_reader (src/db/bi-reader.ts); unset, that role cannot log in. */
  biReaderPassword: string | undefined;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`${name} must be a port number, got '${raw}'`);
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: integer(env, 'PORT', 4000),
    host: env.HOST || '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.DATA_DIR || '.data'),
    embeddedPgPort: integer(env, 'EMBEDDED_PG_PORT', 0),
    logLevel: env.LOG_LEVEL || 'info',
    nodeEnv: env.NODE_ENV || 'development',
    seedOnEmptyDatabase: env.SEED_ON_EMPTY !== 'false',
    biReaderPassword: env.BI_READER_PASSWORD || undefined,
  };
}
