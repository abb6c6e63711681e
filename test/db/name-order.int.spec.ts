/**
 * Names sort by pinyin (migration 48): every NAME_ASC ordering of a registry type sorts by the
 * `registry_name` collation, and reads its page from an index on the collated name, so that a page deep
 * in a list is a range scan, not a sort of the table.
 */
import { registryTypes } from '../../src/modules';
import { NAME_COLLATION } from '../../src/registry/orderings';
import { sqlRows } from '../setup/queries';
import { startTestApp, type TestApp } from '../setup/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

/** Every record type with a NAME_ASC ordering, as declared (divisions, a few thousand rows that never grow, sort without one). */
const NAMED = registryTypes().flatMap((t) => {
  const order = t.table.orders?.NAME_ASC;
  return order && t.record ? [[t.typename, t.record.table, order.expression] as const] : [];
});

it('is ICU pinyin order on this server (the embedded PostgreSQL has ICU)', async () => {
  expect(await sqlRows(app, `SELECT collprovider FROM pg_collation WHERE collname = $1`, [NAME_COLLATION])).toEqual([{ collprovider: 'i' }]);
});

it.each(NAMED)('%s: NAME_ASC sorts by the collated name, from an index on it', async (_typename, table, expression) => {
  expect(expression).toContain(`COLLATE ${NAME_COLLATION}`);
  const plan = await app.dataSource.transaction(async (tx) => {
    // The test tables are small enough for a sequential scan and a sort to win; without them, the index must serve the order.
    await tx.query('SET LOCAL enable_seqscan = off');
    await tx.query('SET LOCAL enable_sort = off');
    const rows = await tx.query(`EXPLAIN SELECT t.id FROM ${table} t ORDER BY ${expression}, t.id LIMIT 20`);
    return rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
  });
  expect(plan).toMatch(new RegExp(`Index (Only )?Scan using ${table}_name(_order)?_idx`));
});
