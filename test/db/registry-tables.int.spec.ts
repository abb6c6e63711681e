/**
 * What PostgreSQL must hold for every registry type, asked of its own catalogue for each type the
 * modules declare (src/modules/<type>/<type>.module.ts): a new type whose migration forgets row-level
 * security, the audit trigger, its bi view, the place rule of a record that lies in its enterprise's
 * city or an index behind its portal ids fails here by name, not silently in production.
 */
import 'reflect-metadata';
import { syntheticCreditCode } from '../../src/common/credit-code';
import { poolOf } from '../../src/db/data-source';
import { registryTypes } from '../../src/modules';
import type { RegistryType } from '../../src/registry/registry-type';
import { testEnterpriseFamilies } from '../setup/fixtures';
import { sqlRows } from '../setup/queries';
import { enterpriseMoveRefused, registryTableProblems } from '../setup/registry-catalogue';
import { startTestApp, type TestApp } from '../setup/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  // The published data set has no contract in a city: records of every type under an enterprise, in Nanjing.
  await testEnterpriseFamilies((text, params) => app.dataSource.query(text, params), '320100', 1, () => ({ studios: 1, contracts: 1, craftsmen: 1 }));
});
afterAll(() => app.close());

const tableOf = (type: RegistryType) => type.table.from.replace(/ t$/, '');
const underEnterprise = (type: RegistryType) => type.record?.place?.parent?.column === 'enterprise_id';
const writable = registryTypes().filter((t) => t.record);
const readOnly = registryTypes().filter((t) => !t.record);

it('knows the registry types it checks', () => {
  expect(writable.map((t) => t.typename)).toEqual(expect.arrayContaining(['Enterprise', 'InnovationStudio', 'Craftsman', 'Source']));
  expect(readOnly.map((t) => t.typename)).toEqual(expect.arrayContaining(['Province', 'City', 'District']));
});

it.each(writable.map((t) => [t.typename, t] as const))(
  '%s: written only by registry_app under row-level security (never deleted), audited, read by BI tools, indexed by when it changed, portal ids unique, kept in its enterprise city',
  async (_, type) => {
    const problems = await registryTableProblems((text, params) => sqlRows(app, text, params), {
      table: tableOf(type),
      recordType: type.typename,
      externalId: type.record!.externalId,
      underEnterprise: underEnterprise(type),
    });
    expect(problems).toEqual([]);
  },
);

it.each(writable.filter(underEnterprise).map((t) => [t.typename, t] as const))('%s: an enterprise with one under it does not move, in PostgreSQL too', async (_, type) => {
  const client = await poolOf(app.dataSource).connect();
  try {
    const refused = await enterpriseMoveRefused((text, params) => client.query(text, params as unknown[]).then((r) => r.rows), tableOf(type), syntheticCreditCode('320100', 91_000_000));
    expect(refused).toBe('enterprise_dependents_in_city');
  } finally {
    client.release();
  }
});

it.each(readOnly.map((t) => [t.typename, t] as const))('%s (read-only): readable by registry_app and BI tools and written by neither', async (_, type) => {
  const table = tableOf(type);
  const [row] = await sqlRows(
    app,
    `SELECT has_table_privilege($2, $1::regclass, 'SELECT') AS may_select,
            has_table_privilege($2, $1::regclass, 'INSERT') OR has_table_privilege($2, $1::regclass, 'UPDATE') OR has_table_privilege($2, $1::regclass, 'DELETE') AS may_write,
            has_table_privilege($3, to_regclass('bi.' || $1), 'SELECT') AS bi_may_select`,
    [table, 'registry_app', 'bi_reader'],
  );
  expect(row).toEqual({ may_select: true, may_write: false, bi_may_select: true });
});

it('allows goals on exactly the metrics the registry types declare (goal_metric, migration 39 and each type\'s migration)', async () => {
  const rows = await sqlRows<{ name: string }>(app, 'SELECT name FROM goal_metric ORDER BY name');
  expect(rows.map((r) => r.name)).toEqual(registryTypes().flatMap((t) => Object.keys(t.goalMetrics ?? {})).sort());
});
