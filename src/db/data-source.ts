import 'reflect-metadata';
import path from 'node:path';
import { types, type Pool } from 'pg';
import { DataSource } from 'typeorm';
import { ENTITIES } from './entities';

// Dates stay 'YYYY-MM-DD' strings (no time-zone shifts) and counts come back as numbers.
types.setTypeParser(types.builtins.DATE, (value) => value);
types.setTypeParser(types.builtins.INT8, (value) => Number(value));

/** The one DataSource definition, used by the app, the tests and the TypeORM CLI (ormconfig.ts). */
export function createDataSource(url: string | undefined): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: [path.join(__dirname, '..', '..', 'migrations', '*.{ts,js}')],
    migrationsTableName: 'migration',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    // The owner's connection: migrations, seeds, health checks. Requests use src/db/request-pool.ts.
    extra: { max: 3, application_name: 'reform-registry-owner' },
  });
}

/** The pg pool TypeORM opened; reads run on it directly, without query building per request. */
export function poolOf(dataSource: DataSource): Pool {
  return (dataSource.driver as unknown as { master: Pool }).master;
}

export const AppDataSource = createDataSource(process.env.DATABASE_URL);
