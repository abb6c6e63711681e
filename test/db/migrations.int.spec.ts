/**
 * Migrations are the only source of the tables: they must build the tables and columns the
 * registry types' declarations read and write (src/modules/<type>/<type>.module.ts) on an empty database, undo cleanly one by one down to nothing, and build it again. The house
 * rule that every foreign key is backed by an index is checked in PostgreSQL's own catalog.
 */
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/db/data-source';
import { migrateRegistry } from '../../src/db/migrate';
import { registryTypes } from '../../src/modules';
import { selectSql } from '../../src/registry/table';
import { writableColumns } from '../../src/registry/writes/record-spec';
import { createTestDatabase } from '../setup/test-app';

/** The registry types' tables, as their declarations name them. */
const REGISTRY_TABLES = registryTypes().map((t) => t.table.from.replace(/ t$/, ''));
/** The platform's own tables: API keys, the audit log, bulk upserts' idempotency keys, the metrics goals may count (migration 39). */
const PLATFORM_TABLES = ['api_key', 'audit_entry', 'goal_evidence', 'goal_metric', 'goal_tally', 'idempotency_request', 'tally_definition'];
/** The statistics tallies made at start-up from the declarations (src/registry/stats-tally.ts), one per type whose statistics only count. */
const STATS_TALLIES = registryTypes().flatMap((t) => (t.statsTally ? [t.statsTally.table] : []));
/** Tables PostgreSQL keeps for itself, which no module reads: the audit log's personal values, the caller of each write transaction, the database's secret (migrations 31, 32, 35). */
const DATABASE_TABLES = ['audit_personal', 'registry_secret', 'request_context'];
const MIGRATIONS_TABLE = 'migration';

let database: { url: string; drop: () => Promise<void> };
let dataSource: DataSource;

beforeAll(async () => {
  database = await createTestDatabase({ empty: true });
  dataSource = createDataSource(database.url);
  await dataSource.initialize();
});
afterAll(async () => {
  if (dataSource?.isInitialized) await dataSource.destroy();
  await database?.drop();
});

async function tables(): Promise<string[]> {
  const rows: { table_name: string }[] = await dataSource.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
  );
  return rows.map((r) => r.table_name);
}

/** Every relation, sequence, view, type and function left in the public schema, but the migrations table's own. */
async function leftovers(): Promise<string[]> {
  const relations: { name: string }[] = await dataSource.query(`
    SELECT c.relkind::text || ':' || c.relname AS name
    FROM pg_class c
    WHERE c.relnamespace = 'public'::regnamespace
      AND c.relname <> $1
      AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indexrelid = c.oid AND i.indrelid = $1::regclass)
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.refobjid = $1::regclass AND d.deptype IN ('a', 'i'))
    UNION ALL
    SELECT 'type:' || t.typname FROM pg_type t
    WHERE t.typnamespace = 'public'::regnamespace AND t.typrelid = 0 AND t.typelem = 0
    UNION ALL
    SELECT 'function:' || p.proname FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
    ORDER BY 1`, [MIGRATIONS_TABLE]);
  return relations.map((r) => r.name);
}

async function appliedCount(): Promise<number> {
  const [row] = await dataSource.query(`SELECT count(*)::integer AS n FROM ${MIGRATIONS_TABLE}`);
  return row.n;
}

/** Foreign keys with no index whose leading columns are exactly the key's columns (in any order). */
async function unindexedForeignKeys(): Promise<{ table: string; constraint: string; columns: string[] }[]> {
  return dataSource.query(`
    SELECT c.conrelid::regclass::text AS "table", c.conname AS "constraint",
      array(SELECT a.attname::text FROM unnest(c.conkey) AS k(attnum)
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY a.attname) AS columns
    FROM pg_constraint c
    WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
      AND NOT EXISTS (
        SELECT 1 FROM pg_index i
        WHERE i.indrelid = c.conrelid
          AND i.indpred IS NULL -- a partial index does not cover every row
          AND (string_to_array(i.indkey::text, ' ')::int2[])[1:cardinality(c.conkey)] @> c.conkey
          AND (string_to_array(i.indkey::text, ' ')::int2[])[1:cardinality(c.conkey)] <@ c.conkey
      )
    ORDER BY 1, 2`);
}

describe('migrations on an empty database', () => {
  it('start from nothing', async () => {
    expect(await tables()).toEqual([]);
  });

  it('run all the way up, in order, creating every registry table, and the tallies made from the declarations', async () => {
    const applied = await migrateRegistry(dataSource);
    expect(applied.length).toBe(dataSource.migrations.length);
    expect(applied.length).toBeGreaterThanOrEqual(REGISTRY_TABLES.length - 1); // at least one per table but city
    const timestamps = applied.map((m) => m.timestamp);
    expect(timestamps).toEqual([...timestamps].sort((a, b) => a - b));
    expect(STATS_TALLIES).toContain('innovation_studio_stats_tally');
    expect(await tables()).toEqual([...REGISTRY_TABLES, ...PLATFORM_TABLES, ...DATABASE_TABLES, ...STATS_TALLIES, MIGRATIONS_TABLE].sort());
    expect(await dataSource.showMigrations()).toBe(false);
  });

  it("create every column the registry types' declarations read and write, NOT NULL where a complete record requires it", async () => {
    const columns: { table_name: string; column_name: string; is_nullable: 'YES' | 'NO' }[] = await dataSource.query(
      `SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    const nullable = new Map(columns.map((c) => [`${c.table_name}.${c.column_name}`, c.is_nullable === 'YES']));
    const problems: string[] = [];
    for (const type of registryTypes()) {
      // PostgreSQL checks the select list itself, expressions and all.
      await dataSource.query(`SELECT ${selectSql(type.table)} FROM ${type.table.from} LIMIT 0`).catch((e: Error) => problems.push(`${type.typename}'s select list: ${e.message}`));
      const record = type.record;
      if (!record) continue;
      for (const f of writableColumns(record)) if (!nullable.has(`${record.table}.${f.column}`)) problems.push(`${record.table}.${f.column} is written by ${type.typename} but missing`);
      for (const column of record.required) if (nullable.get(`${record.table}.${column}`) !== false) problems.push(`${record.table}.${column} is required of every ${type.noun.one} but nullable`);
    }
    expect(problems).toEqual([]);
    expect(REGISTRY_TABLES.length).toBeGreaterThan(10);
  });

  it('back every foreign key with an index on its columns (house rule)', async () => {
    const [{ n }] = await dataSource.query(`SELECT count(*)::integer AS n FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace`);
    expect(n).toBeGreaterThan(10); // the check below has foreign keys to look at
    expect(await unindexedForeignKeys()).toEqual([]);
  });

  it('undo one at a time down to an empty schema', async () => {
    const total = await appliedCount();
    expect(total).toBeGreaterThan(0);
    let undone = 0;
    while ((await appliedCount()) > 0) {
      await dataSource.undoLastMigration({ transaction: 'each' });
      undone += 1;
      expect(await appliedCount()).toBe(total - undone);
      if (undone > total) throw new Error('undoLastMigration does not reduce the applied migrations');
    }
    expect(undone).toBe(total);
    expect(await tables()).toEqual([MIGRATIONS_TABLE]);
    expect(await leftovers()).toEqual([]);
    expect(await dataSource.showMigrations()).toBe(true);
  });

  it('run up again on the emptied database', async () => {
    const applied = await migrateRegistry(dataSource);
    expect(applied.length).toBe(dataSource.migrations.length);
    expect(await tables()).toEqual([...REGISTRY_TABLES, ...PLATFORM_TABLES, ...DATABASE_TABLES, ...STATS_TALLIES, MIGRATIONS_TABLE].sort());
    expect(await unindexedForeignKeys()).toEqual([]);
    expect(await dataSource.showMigrations()).toBe(false);
  });
});

describe('the foreign-key index check itself', () => {
  it('flags a foreign key without an index, and one whose index leads with other columns', async () => {
    await dataSource.query(`CREATE TABLE fk_probe (id serial PRIMARY KEY, source_id integer REFERENCES source (id), city_code char(6), province_code char(6),
      FOREIGN KEY (city_code, province_code) REFERENCES city (code, province_code))`);
    await dataSource.query(`CREATE INDEX fk_probe_city_idx ON fk_probe (city_code, id)`);
    try {
      const found = (await unindexedForeignKeys()).filter((f) => f.table === 'fk_probe').map((f) => f.columns);
      expect(found).toEqual(expect.arrayContaining([['source_id'], ['city_code', 'province_code']]));
      expect(found).toHaveLength(2);
      await dataSource.query(`CREATE INDEX fk_probe_source_idx ON fk_probe (source_id, id)`);
      await dataSource.query(`CREATE INDEX fk_probe_place_idx ON fk_probe (province_code, city_code)`);
      expect((await unindexedForeignKeys()).filter((f) => f.table === 'fk_probe')).toEqual([]);
    } finally {
      await dataSource.query(`DROP TABLE fk_probe`);
    }
  });
});
