/**
 * The tallies are made at start-up from the declarations (src/registry/tallies.ts, src/db/migrate.ts): a
 * start where nothing changed rebuilds nothing; a tally made from another declaration is rebuilt, its rows
 * counted afresh from the records; a tally no longer declared is taken away, triggers, functions and table.
 */
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/db/data-source';
import { syncRegistryTallies } from '../../src/db/migrate';
import { createTestDatabase } from '../setup/test-app';

let database: { url: string; drop: () => Promise<void> };
let dataSource: DataSource;

beforeAll(async () => {
  database = await createTestDatabase();
  dataSource = createDataSource(database.url);
  await dataSource.initialize();
});
afterAll(async () => {
  await dataSource.destroy();
  await database.drop();
});

const q = <T = any>(text: string, params?: unknown[]): Promise<T[]> => dataSource.query(text, params);
/** Studios per city and kind, from the statistics tally and from the records. */
const studioCounts = async () => ({
  tallied: await q(`SELECT city_code, kind, sum(records)::int AS n FROM innovation_studio_stats_tally GROUP BY 1, 2 HAVING sum(records) > 0 ORDER BY 1, 2`),
  live: await q(`SELECT city_code, kind, count(*)::int AS n FROM innovation_studio WHERE archived_at IS NULL GROUP BY 1, 2 ORDER BY 1, 2`),
});
const goalTally = () => q(`SELECT metric, scope_code, grain, earliest, latest, is_sample, records, value_sum, unknown_values FROM goal_tally
  WHERE metric = 'INNOVATION_STUDIOS' AND records <> 0 ORDER BY 1, 2, 3, 4, 5, 6`);

it('rebuilds nothing where no declaration changed', async () => {
  expect(await syncRegistryTallies(dataSource)).toEqual([]);
});

it('rebuilds a tally made from another declaration, counting its rows afresh', async () => {
  const before = await goalTally();
  expect(before.length).toBeGreaterThan(0);
  // As if the last start had known other declarations, and the rows had drifted since.
  await q(`UPDATE tally_definition SET definition = $1 WHERE name = 'goal:innovation_studio'`, [JSON.stringify([['INNOVATION_STUDIOS', null, null, 't.x', 't.x']])]);
  await q(`UPDATE tally_definition SET definition = '["province_code"]' WHERE name = 'stats:innovation_studio'`);
  await q(`ALTER TABLE innovation_studio DISABLE TRIGGER USER`);
  await q(`UPDATE innovation_studio SET archived_at = now() WHERE id IN (SELECT id FROM innovation_studio ORDER BY id LIMIT 5)`);
  await q(`ALTER TABLE innovation_studio ENABLE TRIGGER USER`);
  expect((await studioCounts()).tallied).not.toEqual((await studioCounts()).live);

  expect((await syncRegistryTallies(dataSource)).sort()).toEqual(['goal:innovation_studio', 'stats:innovation_studio']);
  const counts = await studioCounts();
  expect(counts.tallied).toEqual(counts.live);
  expect(await goalTally()).not.toEqual(before); // five studios fewer
  const [{ n }] = await q(`SELECT sum(records)::int AS n FROM goal_tally WHERE metric = 'INNOVATION_STUDIOS' AND scope_code = '320000' AND grain = 'Y'`);
  const [{ live }] = await q(`SELECT count(*)::int AS live FROM innovation_studio WHERE archived_at IS NULL AND province_code = '320000'`);
  expect(n).toBe(live);
  // Its triggers are back: the studios restored are counted.
  await q(`UPDATE innovation_studio SET archived_at = NULL WHERE archived_at IS NOT NULL`);
  const after = await studioCounts();
  expect(after.tallied).toEqual(after.live);
  expect(await syncRegistryTallies(dataSource)).toEqual([]);
});

it('takes away a tally no longer declared: its triggers, functions and table', async () => {
  // A statistics tally of `source` that an earlier declaration had, made as tallies.ts makes one.
  await q(`CREATE TABLE source_stats_tally (province_code char(6), records bigint)`);
  await q(`CREATE FUNCTION source_stats_tally() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$`);
  await q(`CREATE TRIGGER source_stats_tally_insert AFTER INSERT ON source FOR EACH STATEMENT EXECUTE FUNCTION source_stats_tally()`);
  await q(`INSERT INTO tally_definition (name, definition) VALUES ('stats:source', '["province_code"]')`);

  expect(await syncRegistryTallies(dataSource)).toEqual(['stats:source']);
  expect(await q(`SELECT name FROM tally_definition WHERE name = 'stats:source'`)).toEqual([]);
  expect(await q(`SELECT to_regclass('source_stats_tally') AS t`)).toEqual([{ t: null }]);
  expect(await q(`SELECT tgname FROM pg_trigger WHERE tgrelid = 'source'::regclass AND tgname LIKE '%tally%'`)).toEqual([]);
  expect(await q(`SELECT proname FROM pg_proc WHERE proname = 'source_stats_tally'`)).toEqual([]);
});
