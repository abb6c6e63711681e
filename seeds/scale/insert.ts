/**
 * Batched inserts for the scale seed: one `INSERT … SELECT FROM unnest($1::type[], …)` per 10,000
 * rows, one array parameter per column. (COPY would need pg-copy-streams; this is within a small
 * factor of it and needs nothing new.)
 */
import type { Query } from '../published-data-set';
import type { Row } from '../published/batch';

export type ColumnTypes = Record<string, 'text' | 'int' | 'bool' | 'date' | 'timestamptz'>;

const CHUNK = 10_000;

/** Inserts `rows` (only the listed columns); returns what `returning` names, in chunk order. */
export async function insertBatches<R = unknown>(query: Query, table: string, columns: ColumnTypes, rows: readonly Row[], returning?: string): Promise<R[]> {
  const names = Object.keys(columns);
  const sql =
    `INSERT INTO ${table} (${names.join(', ')}) SELECT * FROM unnest(${names.map((n, i) => `$${i + 1}::${columns[n]}[]`).join(', ')})` +
    (returning ? ` RETURNING ${returning}` : '');
  const out: R[] = [];
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    const result = (await query(sql, names.map((n) => chunk.map((row) => row[n] ?? null)))) as R[];
    if (returning) out.push(...result);
  }
  return out;
}
