import { HttpError } from '../../server/http-error';
import type { CellKind, WorkbookColumn } from './export-workbook';

/** A posted table is held whole in memory: bounded like a request, not like a download. */
export const MAX_TABLE_BYTES = 5 * 1024 * 1024;
export const MAX_TABLE_ROWS = 10_000;
export const MAX_TABLE_COLUMNS = 200;

/** The body of `POST /export/table.<format>`: column names, rows of scalar values, a title. Anything else is a 400. */
export function readTable(body: unknown): { columns: string[]; rows: unknown[][]; title: string } {
  const bad = (why: string) => new HttpError(400, 'BAD_REQUEST', `The table must be { columns: [names], rows: [[values]], title? }: ${why}.`);
  if (!body || typeof body !== 'object') throw bad('the body is not a JSON object');
  const { columns, rows, title } = body as Record<string, unknown>;
  if (!Array.isArray(columns) || !columns.length || !columns.every((c) => typeof c === 'string' && c.length > 0 && c.length <= 200)) throw bad('columns must be 1 or more names of up to 200 characters');
  if (columns.length > MAX_TABLE_COLUMNS) throw bad(`at most ${MAX_TABLE_COLUMNS} columns`);
  if (!Array.isArray(rows)) throw bad('rows must be an array');
  if (rows.length > MAX_TABLE_ROWS) throw new HttpError(413, 'PAYLOAD_TOO_LARGE', `A table of at most ${MAX_TABLE_ROWS.toLocaleString('en')} rows; use GET /export/<type>.xlsx for a whole type.`, { maxRows: MAX_TABLE_ROWS });
  for (const row of rows) {
    if (!Array.isArray(row) || row.length !== columns.length) throw bad(`every row must have ${columns.length} values`);
    if (!row.every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v))) throw bad('values must be text, numbers, true/false or null');
  }
  return { columns: columns as string[], rows: rows as unknown[][], title: typeof title === 'string' ? title.slice(0, 100) : 'GraphiQL' };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** A column's kind of cell, read from its values: numbers, dates, timestamps, true/false, or text (codes and IDs stay text). */
function kindOf(values: unknown[]): CellKind {
  const known = values.filter((v) => v !== null && v !== undefined);
  if (!known.length) return 'text';
  if (known.every((v) => typeof v === 'number')) return 'number';
  if (known.every((v) => typeof v === 'boolean')) return 'boolean';
  if (known.every((v) => typeof v === 'string' && DATE.test(v))) return 'date';
  if (known.every((v) => typeof v === 'string' && TIMESTAMP.test(v))) return 'timestamp';
  return 'text';
}

export function tableColumns(columns: string[], rows: unknown[][]): WorkbookColumn[] {
  return columns.map((name, i) => ({ name, label: name, kind: kindOf(rows.map((r) => r[i])) }));
}
