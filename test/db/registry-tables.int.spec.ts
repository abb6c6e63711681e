/**
 * What PostgreSQL must hold for every registry type, asked of its own catalogue for each type the
 * modules declare (src/modules/<type>/<type>.module.ts): a new type whose migration forgets row-level
 * security, the audit trigger, its bi view, the place trigger of a record that lies in its
 * enterprise's city or an index behind its portal ids fails here by name, not silently in production.
 */
import 'reflect-metadata';
import { registryTypes } from '../../src/modules';
import type { RegistryType } from '../../src/registry/registry-type';
import { sqlRows } from '../setup/queries';
import { startTestApp, type TestApp } from '../setup/test-app';

const APP = 'registry_app';
const BI = 'bi_reader';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const tableOf = (type: RegistryType) => type.table.from.replace(/ t$/, '');
const writable = registryTypes().filter((t) => t.record);
const readOnly = registryTypes().filter((t) => !t.record);

it('knows the registry types it checks', () => {
  expect(writable.map((t) => t.typename)).toEqual(expect.arrayContaining(['Enterprise', 'InnovationStudio', 'Craftsman', 'Source']));
  expect(readOnly.map((t) => t.typename)).toEqual(expect.arrayContaining(['Province', 'City', 'District']));
});

describe.each(writable.map((t) => [t.typename, t] as const))('%s', (_, type) => {
  const table = tableOf(type);
  const record = type.record!;

  it(`is written only under row-level security: ${APP} may read, insert and update rows, never delete, and each has a policy`, async () => {
    const [row] = await sqlRows(
      app,
      `SELECT c.relrowsecurity AS rls,
              has_any_column_privilege($2, c.oid, 'SELECT') AS may_select,
              has_table_privilege($2, c.oid, 'INSERT') AS may_insert,
              has_table_privilege($2, c.oid, 'UPDATE') AS may_update,
              has_table_privilege($2, c.oid, 'DELETE') AS may_delete,
              has_table_privilege($2, c.oid, 'TRUNCATE') AS may_truncate,
              (SELECT array_agg(p.polcmd::text ORDER BY p.polcmd::text) FROM pg_policy p WHERE p.polrelid = c.oid AND $2::regrole = ANY(p.polroles)) AS policies
       FROM pg_class c WHERE c.oid = $1::regclass`,
      [table, APP],
    );
    expect(row).toEqual({ rls: true, may_select: true, may_insert: true, may_update: true, may_delete: false, may_truncate: false, policies: ['a', 'r', 'w'] });
  });

  it(`writes every change to the audit log in the same transaction (trigger ${table}_audit, as ${type.typename})`, async () => {
    const triggers = await sqlRows(app, `SELECT pg_get_triggerdef(oid) AS def FROM pg_trigger WHERE tgrelid = $1::regclass AND tgname = $2`, [table, `${table}_audit`]);
    expect(triggers).toHaveLength(1);
    expect(triggers[0].def).toContain(`registry_audit('${type.typename}'`);
  });

  it('is readable by BI tools as a view of the bi schema', async () => {
    const [row] = await sqlRows(app, `SELECT to_regclass($1) IS NOT NULL AS exists, has_table_privilege($2, to_regclass($1), 'SELECT') AS may_select`, [`bi.${table}`, BI]);
    expect(row).toEqual({ exists: true, may_select: true });
  });

  if (record.externalId) {
    it("keeps a portal's ids unique within a city, by an index", async () => {
      const indexes = await sqlRows(app, `SELECT pg_get_indexdef(indexrelid) AS def FROM pg_index WHERE indrelid = $1::regclass AND indisunique`, [table]);
      expect(indexes.map((i) => i.def).some((def: string) => def.includes('(city_code, external_id)'))).toBe(true);
    });
  }

  if (record.place?.parent?.column === 'enterprise_id') {
    it("is kept in its enterprise's city by PostgreSQL too, and holds its enterprise in that city", async () => {
      const own = await sqlRows(app, `SELECT 1 FROM pg_trigger WHERE tgrelid = $1::regclass AND tgname = $2`, [table, `${table}_in_enterprise_city`]);
      expect(own).toHaveLength(1);
      // The enterprise's trigger refuses a move while records of this type lie under it.
      const [enterprise] = await sqlRows(
        app,
        `SELECT pg_get_functiondef(t.tgfoid) AS def FROM pg_trigger t WHERE t.tgrelid = 'enterprise'::regclass AND t.tgname = 'enterprise_keeps_dependents_in_city'`,
      );
      expect(enterprise.def).toContain(`FROM ${table} `);
    });
  }
});

describe.each(readOnly.map((t) => [t.typename, t] as const))('%s (read-only)', (_, type) => {
  it(`is readable by ${APP} and BI tools and written by neither`, async () => {
    const table = tableOf(type);
    const [row] = await sqlRows(
      app,
      `SELECT has_table_privilege($2, $1::regclass, 'SELECT') AS may_select,
              has_table_privilege($2, $1::regclass, 'INSERT') OR has_table_privilege($2, $1::regclass, 'UPDATE') OR has_table_privilege($2, $1::regclass, 'DELETE') AS may_write,
              has_table_privilege($3, to_regclass('bi.' || $1), 'SELECT') AS bi_may_select`,
      [table, APP, BI],
    );
    expect(row).toEqual({ may_select: true, may_write: false, bi_may_select: true });
  });
});
