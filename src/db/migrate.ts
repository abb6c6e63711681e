import type { DataSource, Migration } from 'typeorm';
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
  const applied: Migration[] = [];
  await retryingSharedCatalogRace(async () => {
    applied.push(...(await dataSource.runMigrations({ transaction: 'each' })));
  });
  await syncRegistryTallies(dataSource);
  return applied;
}

/** Makes every declared tally, rebuilding those whose declaration changed and taking away those no longer declared; resolves to their names. */
export function syncRegistryTallies(dataSource: DataSource): Promise<string[]> {
  registryModules();
  return syncTallies(dataSource, [...goalTallies(), ...statsTallies(registryTypes())], (name, definition) => {
    const [kind, table] = name.split(':');
    return kind === 'goal' ? formerGoalTally(table, definition) : formerStatsTally(table);
  });
}
