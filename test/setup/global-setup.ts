import os from 'node:os';
import path from 'node:path';
import { mkdtempSync } from 'node:fs';
import { Client } from 'pg';
import { createDataSource } from '../../src/db/data-source';
import { freePort, startEmbeddedPostgres, type RunningPostgres } from '../../src/db/embedded';
import { applicationRolePassword, setApplicationRolePassword } from '../../src/db/app-role';
import { seedPublishedDataSet } from '../../src/db/seed';
import { migrateRegistry } from '../../src/db/migrate';
import { TEMPLATE_DATABASE, withDatabase } from './database-url';

declare global {
  // eslint-disable-next-line no-var
  var __REGISTRY_TEST_PG__: RunningPostgres | undefined;
}

/**
 * One real PostgreSQL for the whole run: embedded in a temporary folder, or TEST_DATABASE_URL's
 * server. It builds a migrated, seeded template database once; each test file then gets its own
 * copy of it (CREATE DATABASE … TEMPLATE), so test files share no mutable state.
 */
export default async function globalSetup(): Promise<void> {
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'registry-test-')), 'pg');
    const pg = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    globalThis.__REGISTRY_TEST_PG__ = pg;
    adminUrl = pg.url;
  }
  process.env.REGISTRY_TEST_ADMIN_URL = adminUrl;
  // Apps the tests start log their request lines at info; keep the test output to warnings (tests that read logs set their own).
  process.env.LOG_LEVEL ??= 'warn';

  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE}`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await admin.end();

  const dataSource = createDataSource(withDatabase(adminUrl, TEMPLATE_DATABASE));
  await dataSource.initialize();
  await migrateRegistry(dataSource);
  // The role is the server's, shared by every test database: requests log in as it (requestUrlOf).
  await setApplicationRolePassword(dataSource, applicationRolePassword(adminUrl));
  await seedPublishedDataSet(dataSource);
  await dataSource.destroy();
}
