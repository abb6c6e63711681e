import type { DataSource, Migration } from 'typeorm';
import { registryModules, registryTypes } from '../modules';
import { formerGoalTally, goalTallies } from '../registry/goal-tally';
import { formerStatsTally, statsTallies } from '../registry/stats-tally';
import { syncTallies } from '../registry/tallies';

/**
 * Brings a database to what this code expects, as its owner: the migrations, then what is made from the
 * registry types' declarations rather than written in a migration (the tallies' triggers,
 * src/registry/tallies.ts). Every path that migrates (start-up, tests, the bench) comes through here.
 */
export async function migrateRegistry(dataSource: DataSource): Promise<Migration[]> {
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  registryModules();
  await syncTallies(dataSource, [...goalTallies(), ...statsTallies(registryTypes())], (name, definition) => {
    const [kind, table] = name.split(':');
    return kind === 'goal' ? formerGoalTally(table, definition) : formerStatsTally(table);
  });
  return applied;
}
