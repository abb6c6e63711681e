/** Batched inserts: one `INSERT ... SELECT * FROM unnest(...)` per chunk instead of one per row. */
import type { Query } from '../published-data-set';

export type PgType = 'text' | 'int' | 'bool' | 'date' | 'numeric';

/** Rows may carry extra properties (e.g. look-up keys); only the listed columns are inserted. */
export type Row = Record<string, unknown>;

// Large enough to keep the statement count tiny, small enough to keep each parameter array modest.
const CHUNK = 5000;

export async function insertRows<R = unknown>(
  query: Query,
  table: string,
  columns: Record<string, PgType>,
  rows: Row[],
  returning?: string,
): Promise<R[]> {
  const names = Object.keys(columns);
  const casts = names.map((name, i) => `$${i + 1}::${columns[name]}[]`).join(', ');
  const sql =
    `INSERT INTO ${table} (${names.join(', ')}) SELECT * FROM unnest(${casts})` +
    (returning ? ` RETURNING ${returning}` : '');
  const out: R[] = [];
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    const params = names.map((name) => chunk.map((row) => row[name] ?? null));
    out.push(...((await query(sql, params)) as R[]));
  }
  return out;
}
