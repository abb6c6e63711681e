/**
 * Bulk-load mode for one transaction: the tables' foreign keys and secondary indexes are dropped,
 * the rows inserted, and both recreated from their own catalog definitions, so they come back
 * exactly as the migrations made them (names, columns, predicates, comments). Re-adding a foreign
 * key checks every row in one join and an index is built in one sort, instead of a lookup and an
 * index insertion per row: several times faster for hundreds of thousands of rows.
 *
 * The price is an ACCESS EXCLUSIVE lock on the tables until commit: requests wait while it loads.
 * Primary keys and unique constraints stay (other keys depend on them); a failure rolls all back.
 */
import type { Query } from '../published-data-set';

interface Definition {
  kind: 'constraint' | 'index';
  name: string;
  tableName: string;
  definition: string;
  comment: string | null;
}

/** Foreign keys on, and plain (non-constraint) indexes of, the given tables. */
async function definitions(query: Query, tables: readonly string[]): Promise<Definition[]> {
  return (await query(
    `SELECT 'constraint' AS kind, c.conname AS name, c.conrelid::regclass::text AS "tableName",
            pg_get_constraintdef(c.oid) AS definition, obj_description(c.oid, 'pg_constraint') AS comment
       FROM pg_constraint c
      WHERE c.contype = 'f' AND c.conrelid = ANY ($1::regclass[])
     UNION ALL
     SELECT 'index', i.relname, x.indrelid::regclass::text, pg_get_indexdef(x.indexrelid), obj_description(x.indexrelid, 'pg_class')
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
      WHERE x.indrelid = ANY ($1::regclass[])
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid AND k.contype IN ('p', 'u', 'x'))
      ORDER BY 1, 2`,
    [tables],
  )) as Definition[];
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** Runs `work` with the tables' foreign keys and secondary indexes out of the way; recreates them after. */
export async function inBulkMode<T>(query: Query, tables: readonly string[], work: () => Promise<T>): Promise<T> {
  const dropped = await definitions(query, tables);
  await query(`LOCK TABLE ${tables.join(', ')} IN ACCESS EXCLUSIVE MODE`);
  for (const d of dropped) {
    await query(d.kind === 'constraint' ? `ALTER TABLE ${d.tableName} DROP CONSTRAINT ${quote(d.name)}` : `DROP INDEX ${quote(d.name)}`);
  }
  const result = await work();
  // Index builds sort in memory when they can.
  await query(`SET LOCAL maintenance_work_mem = '256MB'`);
  for (const d of dropped.filter((x) => x.kind === 'index')) {
    await query(d.definition);
    if (d.comment !== null) await query(`COMMENT ON INDEX ${quote(d.name)} IS ${literal(d.comment)}`);
  }
  for (const d of dropped.filter((x) => x.kind === 'constraint')) {
    await query(`ALTER TABLE ${d.tableName} ADD CONSTRAINT ${quote(d.name)} ${d.definition}`);
    if (d.comment !== null) await query(`COMMENT ON CONSTRAINT ${quote(d.name)} ON ${d.tableName} IS ${literal(d.comment)}`);
  }
  return result;
}
