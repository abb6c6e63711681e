/**
 * The roles are the server's, shared by every database on it: when two instances (or two test databases)
 * start together, both change the application role's row, and PostgreSQL fails the later with "tuple
 * concurrently updated" instead of letting it wait its turn. A start that meets this runs the change again
 * (isSharedCatalogRace, src/db/faults.ts). Here another session holds the role's row changed, as a start
 * elsewhere would, until the migration or the password behind it is waiting; then it commits.
 */
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { APPLICATION_ROLE } from '../../migrations/1730000000016-CreateApplicationRoleWithRowLevelSecurity';
import { applicationRolePassword, setApplicationRolePassword } from '../../src/db/app-role';
import { createDataSource } from '../../src/db/data-source';
import { migrateRegistry } from '../../src/db/migrate';
import { requestUrlOf } from '../setup/database-url';
import { createTestDatabase } from '../setup/test-app';

let database: { url: string; drop: () => Promise<void> };
let dataSource: DataSource;

beforeAll(async () => {
  database = await createTestDatabase({ empty: true });
  dataSource = createDataSource(database.url);
  await dataSource.initialize();
});
afterAll(async () => {
  await dataSource.destroy();
  await database.drop();
});

/** Runs `work` while another session holds the application role's row changed, committing once `work` waits on it. */
async function whileTheRoleIsChangedElsewhere<T>(work: () => Promise<T>): Promise<T> {
  const elsewhere = new Client({ connectionString: database.url });
  await elsewhere.connect();
  try {
    await elsewhere.query('BEGIN');
    await elsewhere.query(`ALTER ROLE ${APPLICATION_ROLE} CONNECTION LIMIT -1`);
    const outcome = work().then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    for (let waited = 0; ; waited += 50) {
      // Within a transaction the activity view keeps its first snapshot unless told to take a new one.
      await elsewhere.query('SELECT pg_stat_clear_snapshot()');
      const [{ waiting }] = (
        await elsewhere.query(
          `SELECT count(*)::int AS waiting FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock' AND query ILIKE 'ALTER ROLE%'`,
        )
      ).rows;
      if (waiting > 0) break;
      if (waited > 20_000) throw new Error('nothing came to wait on the role');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await elsewhere.query('COMMIT');
    const settled = await outcome;
    if ('error' in settled) throw settled.error;
    return settled.value;
  } finally {
    await elsewhere.end();
  }
}

it('migrates an empty registry to the end though another start changed the application role beneath it', async () => {
  const applied = await whileTheRoleIsChangedElsewhere(() => migrateRegistry(dataSource));
  expect(applied.length).toBeGreaterThan(0);
  // Every migration this code knows is recorded, the role one among them, and nothing is pending.
  expect(await dataSource.showMigrations()).toBe(false);
  const [role] = await dataSource.query(`SELECT rolcanlogin, rolbypassrls FROM pg_roles WHERE rolname = $1`, [APPLICATION_ROLE]);
  expect(role).toEqual({ rolcanlogin: true, rolbypassrls: false });
});

it('sets the application role its password though another start changed the role at the same moment, and the request pool logs in with it', async () => {
  // The password every test database's requests log in with (requestUrlOf): the role is shared with the suites beside this one.
  const password = applicationRolePassword(database.url);
  await whileTheRoleIsChangedElsewhere(() => setApplicationRolePassword(dataSource, password));
  const request = new Client({ connectionString: requestUrlOf(database.url) });
  await request.connect();
  try {
    expect((await request.query('SELECT current_user AS who')).rows).toEqual([{ who: APPLICATION_ROLE }]);
  } finally {
    await request.end();
  }
});
