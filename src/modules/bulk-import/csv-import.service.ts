import { isUtf8 } from 'node:buffer';
import { CsvError, parse } from 'csv-parse/sync';
import { bulkUpsert, MAX_UPSERT_RECORDS } from '../../registry/writes/bulk-upsert';
import { checkValue, fromText } from '../../registry/writes/fields';
import type { RequestContext } from '../../graphql/context';
import { UserErrorCode, type RowError } from '../../graphql/errors/user-error';
import type { BulkUpsertPayload } from '../../graphql/writes';
import { HttpError } from '../../server/http-error';
import { importColumns, type ImportType } from './import-types';

/** Largest CSV body read (about 4 KB per row for the 5,000 rows a call may carry). */
export const MAX_CSV_BYTES = 20 * 1024 * 1024;

/** The CSV as the bulk upsert takes it, and the cells that could not be read as their field's kind. */
export interface CsvRecords {
  records: Record<string, unknown>[];
  /** `${index}|${field}` → message, for cells that are not a whole number, a number, or true/false. */
  unreadable: Map<string, string>;
}

/**
 * Stands in the record for a cell that could not be read, so the engine sees the field as given
 * and refuses the row at that field (every field kind refuses an object: see the unit test); the
 * import then reports the reason the cell could not be read.
 */
class UnreadableCell {
  constructor(readonly text: string) {}
}

class TooManyRows extends Error {}

const ROW_LIMIT_MESSAGE = `A CSV import carries at most ${MAX_UPSERT_RECORDS.toLocaleString('en')} data rows (as the GraphQL bulk upsert); split the file.`;

/** The template: the header row with every allowed column (with a BOM, so that spreadsheets read it as UTF-8). */
export function csvTemplate(type: ImportType): string {
  return `\uFEFF${importColumns(type).allowed.join(',')}\r\n`;
}

/**
 * Reads a CSV body (UTF-8, with or without BOM; a header row of field names, then one record per
 * row) into bulk-upsert records: each cell read with its field's `fromText`, an empty cell as null.
 * Anything that keeps the file from being read as a whole is an HttpError (400/413), and nothing is written.
 */
export function readCsv(type: ImportType, body: Buffer): CsvRecords {
  if (!isUtf8(body)) {
    throw new HttpError(400, 'BAD_REQUEST', 'The file is not UTF-8 text. In Excel, save it as "CSV UTF-8 (Comma delimited)" (CSV UTF-8（逗号分隔）), not as plain CSV (GBK).');
  }

  let rows: string[][];
  let ends: number[] = [0];
  try {
    rows = parse(body, {
      bom: true,
      relax_column_count: true,
      on_record: (record: string[], context: { bytes: number; records: number }) => {
        ends.push(context.bytes);
        // Stops early on a file that is too long: `records` counts the header too; blank rows at the end do not count.
        if (context.records > MAX_UPSERT_RECORDS + 1 && !isBlank(record)) throw new TooManyRows();
        return record;
      },
    }) as string[][];
  } catch (error) {
    if (error instanceof TooManyRows) throw new HttpError(413, 'PAYLOAD_TOO_LARGE', `${ROW_LIMIT_MESSAGE} This file has more.`, { maxRows: MAX_UPSERT_RECORDS });
    if (error instanceof CsvError) {
      const line = lineAt(body, ends[ends.length - 1]);
      throw new HttpError(400, 'BAD_REQUEST', `Malformed CSV in the record starting at line ${line}: ${csvProblem(error)}`, { line });
    }
    throw error;
  }
  while (rows.length > 1 && isBlank(rows[rows.length - 1])) rows.pop();
  ends = ends.slice(0, rows.length + 1);

  const [header, ...data] = rows;
  if (!header || isBlank(header)) {
    throw new HttpError(400, 'BAD_REQUEST', 'The file is empty: its first row must be the header, with the field names as columns.', { allowedFields: importColumns(type).allowed });
  }
  const names = checkHeader(type, header);
  data.forEach((row, index) => {
    if (row.length !== names.length) {
      const line = lineAt(body, ends[index + 1]);
      const what = row.length === 1 && row[0] === '' ? 'is empty' : `has ${row.length} cell${row.length === 1 ? '' : 's'}`;
      throw new HttpError(400, 'BAD_REQUEST', `Malformed CSV: the record starting at line ${line} (data row ${index}) ${what}, but the header has ${names.length} columns.`, { line, index });
    }
  });

  const unreadable = new Map<string, string>();
  const records = data.map((row, index) => {
    const record: Record<string, unknown> = {};
    names.forEach((name, column) => {
      const read = fromText(type.spec.fields[name], row[column]);
      if (read.ok) {
        record[name] = read.value;
      } else {
        record[name] = new UnreadableCell(row[column]);
        unreadable.set(`${index}|${name}`, `${name}: ${read.message}.`);
      }
    });
    return record;
  });
  return { records, unreadable };
}

/** The header's field names, checked: only the bulk input's fields, each once, the required ones present. */
function checkHeader(type: ImportType, header: string[]): string[] {
  const { allowed, required } = importColumns(type);
  const names = header.map((h) => h.trim());
  const listed = `Allowed columns for ${type.slug}: ${allowed.join(', ')}.`;
  const details = { allowedFields: allowed };
  const nameless = names.findIndex((n) => n === '');
  if (nameless >= 0) throw new HttpError(400, 'BAD_REQUEST', `Header column ${nameless + 1} has no name; the first row must name every column. ${listed}`, details);
  if (names.length === 1 && /[;\t|]/.test(names[0])) {
    throw new HttpError(400, 'BAD_REQUEST', `The header "${names[0].slice(0, 80)}" looks separated by ';', tab or '|': columns must be separated by commas. ${listed}`, details);
  }
  const unknown = names.filter((n) => !allowed.includes(n));
  if (unknown.length) {
    throw new HttpError(400, 'BAD_REQUEST', `Unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `'${n.slice(0, 60)}'`).join(', ')} (names are case-sensitive). ${listed}`, {
      ...details,
      unknownFields: unknown,
    });
  }
  const duplicates = [...new Set(names.filter((n, i) => names.indexOf(n) !== i))];
  if (duplicates.length) throw new HttpError(400, 'BAD_REQUEST', `Column${duplicates.length > 1 ? 's' : ''} ${duplicates.join(', ')} appear${duplicates.length > 1 ? '' : 's'} more than once in the header.`, { ...details, duplicateFields: duplicates });
  const missing = required.filter((n) => !names.includes(n));
  if (missing.length) {
    throw new HttpError(400, 'BAD_REQUEST', `Missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}: ${missing.includes('externalId') ? 'externalId is the key of the import (each row is matched by it within its city)' : 'the bulk input requires them'}. ${listed}`, {
      ...details,
      missingFields: missing,
    });
  }
  return names;
}

const isBlank = (row: string[]) => row.every((cell) => cell.trim() === '');

/** The line (1-based) a byte offset of the body lies on. */
function lineAt(body: Buffer, offset: number): number {
  return (body.subarray(0, offset).toString('utf8').match(/\r\n|\r|\n/g)?.length ?? 0) + 1;
}

/** csv-parse's reason in words for spreadsheet users (its own line numbers are not reliable after quoted newlines). */
function csvProblem(error: CsvError): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted cell is never closed (a " is missing).';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a quoted cell has text after its closing quote; inside a quoted cell write a quote as "".';
    case 'INVALID_OPENING_QUOTE':
      return 'a cell that does not start with a quote contains one; quote the whole cell and write the quote as "".';
    default:
      return error.message.replace(/\s+(at|on) line \d+.*$/, '.');
  }
}

/** The HTTP status of a bulk upsert's result. */
export function statusOf(payload: BulkUpsertPayload): number {
  if (payload.applied) return 200;
  const first = payload.userErrors[0];
  if (first) {
    if (first.code === UserErrorCode.FORBIDDEN) return 403;
    if ([UserErrorCode.IDEMPOTENCY_KEY_REUSED, UserErrorCode.IN_PROGRESS, UserErrorCode.DUPLICATE, UserErrorCode.CONFLICT].includes(first.code)) return 409;
    if (first.field === 'idempotencyKey') return 400;
  }
  return 422;
}

/**
 * Imports a CSV body: read, then handed to the same bulk upsert as GraphQL's upsert mutations
 * (all or nothing, idempotency key, audit). Cells that could not be read are reported as row
 * errors with the engine's own, all rows at once.
 */
export async function importCsv(ctx: RequestContext, type: ImportType, body: Buffer, idempotencyKey: string | undefined): Promise<BulkUpsertPayload> {
  const { records, unreadable } = readCsv(type, body);
  // Every field kind refuses an UnreadableCell; should one ever accept it, the engine is not asked at all.
  if ([...unreadable.keys()].some((key) => engineMessage(type, key.split('|')[1]) === null)) {
    return { applied: false, replayed: false, created: 0, updated: 0, unchanged: 0, records: [], rowErrors: withUnreadableCells(type, [], unreadable), userErrors: [] };
  }
  const payload = await bulkUpsert(ctx, type.spec, records, idempotencyKey);
  if (payload.applied || !unreadable.size || payload.userErrors.length) return payload;
  return { ...payload, rowErrors: withUnreadableCells(type, payload.rowErrors, unreadable) };
}

/** The engine's row errors with its "must be a whole number" for an unreadable cell replaced by the reason, and rows it did not reach added. */
function withUnreadableCells(type: ImportType, rowErrors: RowError[], unreadable: Map<string, string>): RowError[] {
  const left = new Map(unreadable);
  const merged = rowErrors.map((e) => {
    const key = `${e.index}|${e.field}`;
    const ours = left.get(key);
    if (ours === undefined || e.code !== UserErrorCode.INVALID || e.message !== engineMessage(type, e.field!)) return e;
    left.delete(key);
    return { ...e, message: ours };
  });
  for (const [key, message] of left) {
    const [index, field] = key.split('|');
    merged.push({ index: Number(index), field, code: UserErrorCode.INVALID, message });
  }
  return merged.sort((a, b) => a.index - b.index);
}

/** What the engine says of an UnreadableCell in this field. */
function engineMessage(type: ImportType, name: string): string | null {
  const checked = checkValue(type.spec.fields[name], new UnreadableCell(''));
  return checked.ok ? null : `${name} ${checked.message}.`;
}

/** For tests: every field kind must refuse an unreadable cell. */
export const unreadableCellFor = (text: string): unknown => new UnreadableCell(text);
