/**
 * A new registry type's migration is its own columns and one call (migrations/support/registry-table.ts):
 * a table made that way holds everything the registry's own tables hold, by the same catalogue
 * checks (test/setup/registry-catalogue.ts), is kept in its enterprise's city with no function to
 * rewrite (migration 38 finds it in the catalogue), and is undone without a trace.
 */
import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { syntheticCreditCode } from '../../src/common/credit-code';
import { createDataSource, poolOf } from '../../src/db/data-source';
import { createRegistryTable, dropRegistryTable, type RegistryTable } from '../../migrations/support/registry-table';
import { enterpriseMoveRefused, registryTableProblems } from '../setup/registry-catalogue';
import { createTestDatabase } from '../setup/test-app';

const SCRATCH: RegistryTable = {
  name: 'test_skill_competition',
  recordType: 'TestSkillCompetition',
  scope: 'CITY',
  underEnterprise: true,
  columns: ['name text NOT NULL CHECK (length(btrim(name)) > 0)', 'held_on date'],
  indexes: [['test_skill_competition_held_on_idx', 'held_on, id']],
  searched: ['name'],
  biView: {
    name: 'test_skill_competition',
    comment: 'Test skill competitions (测试劳动和技能竞赛).',
    select: 'SELECT t.id, t.name, t.held_on, t.city_code FROM test_skill_competition t WHERE t.archived_at IS NULL',
    columns: { id: 'Record id', name: 'Name (名称)', held_on: 'Held on (举办日期)', city_code: 'City division code' },
  },
};

let database: { url: string; drop: () => Promise<void> };
let dataSource: DataSource;
const query = (text: string, params?: unknown[]) => dataSource.query(text, params);

beforeAll(async () => {
  database = await createTestDatabase();
  dataSource = createDataSource(database.url);
  await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await createRegistryTable(runner, SCRATCH, {});
  } finally {
    await runner.release();
  }
});
afterAll(async () => {
  if (dataSource?.isInitialized) await dataSource.destroy();
  await database?.drop();
});

it('holds everything a registry table holds: row-level security, audit, bi view, unique portal ids, its enterprise city', async () => {
  expect(await registryTableProblems(query, { table: SCRATCH.name, recordType: SCRATCH.recordType, externalId: true, underEnterprise: true })).toEqual([]);
});

it('backs every foreign key with an index, and searches names by trigram where pg_trgm is installed', async () => {
  const unindexed = await query(
    `SELECT c.conname FROM pg_constraint c WHERE c.conrelid = $1::regclass AND c.contype = 'f'
       AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid AND (i.indkey::int2[])[0:cardinality(c.conkey) - 1] = c.conkey)`,
    [SCRATCH.name],
  );
  expect(unindexed).toEqual([]);
  const [{ trgm }] = await query(`SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') AS trgm`);
  const [{ n }] = await query(`SELECT count(*)::int AS n FROM pg_indexes WHERE tablename = $1 AND indexname = $2`, [SCRATCH.name, `${SCRATCH.name}_name_trgm_idx`]);
  expect(n).toBe(trgm ? 1 : 0);
});

it("keeps an enterprise with one of its records from moving, found in the catalogue (migration 38)", async () => {
  await query(`INSERT INTO ${SCRATCH.name} (name, province_code, city_code) VALUES ('测试竞赛', '320000', '320100')`);
  const client = await poolOf(dataSource).connect();
  try {
    const refused = await enterpriseMoveRefused((text, params) => client.query(text, params as unknown[]).then((r) => r.rows), SCRATCH.name, syntheticCreditCode('320100', 92_000_000));
    expect(refused).toBe('enterprise_dependents_in_city');
  } finally {
    client.release();
  }
});

it('is undone without a trace', async () => {
  const runner = dataSource.createQueryRunner();
  try {
    await dropRegistryTable(runner, SCRATCH);
  } finally {
    await runner.release();
  }
  const [row] = await query(`SELECT to_regclass($1) AS t, to_regclass($2) AS v, to_regclass($3) AS s`, [SCRATCH.name, `bi.${SCRATCH.biView.name}`, `${SCRATCH.name}_id_seq`]);
  expect(row).toEqual({ t: null, v: null, s: null });
});
