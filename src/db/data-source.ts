import 'reflect-metadata';
import path from 'node:path';
import { Pool, types } from 'pg';
import { DataSource } from 'typeorm';

// Dates stay 'YYYY-MM-DD' strings (no time-zone shifts) and counts come back as numbers.
types.setTypeParser(types.builtins.DATE, (value) => value);
types.setTypeParser(types.builtins.INT8, (value) => Number(value));

/** The one DataSource definition, used by the app, the tests and the TypeORM CLI (ormconfig.ts). */
export function createDataSource(url: string | undefined): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    // TypeORM runs the migrations, nothing else: the registry's types are declared by their modules
    // (src/registry/registry-type.ts) and the tables come only from migrations/.
    entities: [],
    migrations: [path.join(__dirname, '..', '..', 'migrations', '*.{ts,js}')],
    migrationsTableName: 'migration',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    // The owner's connection: migrations, seeds, health checks. Requests use src/db/request-pool.ts.
    extra: { max: 3, application_name: 'reform-registry-owner' },
  });
}

/**
 * The pg pool TypeORM opened (its postgres driver's `master`, an internal); reads run on it directly,
 * without query building per request. Asked here and pinned in test/graphql/library-assumptions.int.spec.ts.
 */
export function poolOf(dataSource: DataSource): Pool {
  const pool = (dataSource.driver as unknown as { master?: unknown }).master;
  if (!(pool instanceof Pool)) throw new Error("TypeORM changed: its postgres driver no longer keeps the pg Pool as `master` (src/db/data-source.ts poolOf); is the DataSource initialised?");
  return pool;
}

export const AppDataSource = createDataSource(process.env.DATABASE_URL);
