import { Migration, type DataSource } from 'typeorm';
import { registryModules, registryTypes } from '../modules';
import { formerGoalTally, goalTallies } from '../registry/goal-tally';
import { formerStatsTally, statsTallies } from '../registry/stats-tally';
import { syncTallies } from '../registry/tallies';
import { retryingSharedCatalogRace } from './faults';

/**
 * Brings a database to what this code expects, as its owner: the migrations, then what is made from the
 * registry types' declarations rather than written in a migration (the tallies' triggers,
 * src/registry/tallies.ts). Every path that migrates (start-up, tests, the bench) comes through here.
 * Each migration is its own transaction, so one that lost a race on the server's roles to another
 * database's start (isSharedCatalogRace) left nothing behind, and the run goes on from it.
 */
export async function migrateRegistry(dataSource: DataSource): Promise<Migration[]> {
  const before = new Set((await recordedMigrations(dataSource)).map((m) => m.name));
  await retryingSharedCatalogRace(() => dataSource.runMigrations({ transaction: 'each' }));
  // Read back rather than taken from the last attempt, which leaves out what an attempt that lost the race had committed.
  const applied = (await recordedMigrations(dataSource)).filter((m) => !before.has(m.name));
  await syncRegistryTallies(dataSource);
  return applied;
}

/** The migrations the database has recorded as run (the DataSource's migrations table), in order; none before the first run. */
async function recordedMigrations(dataSource: DataSource): Promise<Migration[]> {
  const table = dataSource.options.migrationsTableName ?? 'migrations';
  const [{ present }] = await dataSource.query(`SELECT to_regclass($1) IS NOT NULL AS present`, [table]);
  if (!present) return [];
  const rows: Array<{ id: number; timestamp: number; name: string }> = await dataSource.query(`SELECT id, timestamp, name FROM "${table}" ORDER BY timestamp, id`);
  return rows.map((r) => new Migration(r.id, Number(r.timestamp), r.name));
}

/** Makes every declared tally, rebuilding those whose declaration changed and taking away those no longer declared; resolves to their names. */
export function syncRegistryTallies(dataSource: DataSource): Promise<string[]> {
  registryModules();
  return syncTallies(dataSource, [...goalTallies(), ...statsTallies(registryTypes())], (name, definition) => {
    const [kind, table] = name.split(':');
    return kind === 'goal' ? formerGoalTally(table, definition) : formerStatsTally(table);
  });
}
