import { isUtf8 } from 'node:buffer';
import { CsvError, parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { bulkUpsert, MAX_UPSERT_RECORDS } from '../../registry/writes/bulk-upsert';
import { checkValue, fromText, type FieldSpec } from '../../registry/writes/fields';
import type { RequestContext } from '../../graphql/context';
import { UserErrorCode, type RowError } from '../../graphql/errors/user-error';
import type { BulkUpsertPayload } from '../../graphql/writes';
import { HttpError } from '../../server/http-error';
import { ID_COLUMN, importColumns, VERSION_COLUMN, type ImportType } from './import-types';

/** The first data row's number in the sheet: row 1 is the header. */
const FIRST_DATA_ROW = 2;

/** Largest CSV body read (about 4 KB per row for the 5,000 rows a call may carry). */
export const MAX_CSV_BYTES = 20 * 1024 * 1024;

/** The CSV as the bulk upsert takes it, and the cells that could not be read as their field's kind. */
export interface CsvRecords {
  records: Record<string, unknown>[];
  /** The header row as written, and the field each column fills (null: a column of the export that an import leaves alone). */
  headers: string[];
  fields: Array<string | null>;
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
export function readCsv(type: ImportType, body: Buffer, charset?: string): CsvRecords {
  body = asUtf8(body, charset);

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
  return recordsOf(type, rows, (index, names) => {
    const row = rows[index + 1];
    const line = lineAt(body, ends[index + 1]);
    const what = row.length === 1 && row[0] === '' ? 'is empty' : `has ${row.length} cell${row.length === 1 ? '' : 's'}`;
    return new HttpError(400, 'BAD_REQUEST', `Malformed CSV: the record starting at line ${line} (data row ${index}) ${what}, but the header has ${names} columns.`, { line, index });
  });
}

/**
 * A sheet's rows (the header, then one record per row, each cell as text) into bulk-upsert records: the
 * header checked and mapped to fields, each cell read with its field's `fromText` (an empty cell is null),
 * `id` and `version` kept as the row's key and the version it was read at. A row whose cell count differs
 * from the header's is refused with `ragged` (a CSV's line); a workbook's rows are padded first.
 */
export function recordsOf(type: ImportType, rows: string[][], ragged: (index: number, columns: number) => HttpError): CsvRecords {
  const [header, ...data] = rows;
  if (!header || isBlank(header)) {
    throw new HttpError(400, 'BAD_REQUEST', 'The file is empty: its first row must be the header, with the field names as columns.', { allowedFields: importColumns(type).allowed });
  }
  if (data.length > MAX_UPSERT_RECORDS) throw new HttpError(413, 'PAYLOAD_TOO_LARGE', `${ROW_LIMIT_MESSAGE} This file has more.`, { maxRows: MAX_UPSERT_RECORDS });
  const names = checkHeader(type, header);
  const { enumLabels } = importColumns(type);
  data.forEach((row, index) => {
    if (row.length !== names.length) throw ragged(index, names.length);
  });

  const unreadable = new Map<string, string>();
  const records = data.map((row, index) => {
    const record: Record<string, unknown> = {};
    names.forEach((name, column) => {
      if (name === null) return;
      if (name === ID_COLUMN) {
        record.id = row[column].trim() || null;
        return;
      }
      if (name === VERSION_COLUMN) {
        const text = row[column].trim();
        if (text && !/^[1-9][0-9]{0,9}$/.test(text)) {
          throw new HttpError(400, 'BAD_REQUEST', `第 ${index + FIRST_DATA_ROW} 行的版本不是整数。Row ${index + FIRST_DATA_ROW}: version '${text.slice(0, 20)}' is not a whole number; it is the version the row was exported at: leave it as exported.`, { row: index + FIRST_DATA_ROW });
        }
        if (text) record.version = Number(text);
        return;
      }
      const spec = type.spec.fields[name];
      const read = fromText(spec, spreadsheetText(spec, row[column], enumLabels.get(name)));
      if (read.ok) {
        record[name] = read.value;
      } else {
        record[name] = new UnreadableCell(row[column]);
        unreadable.set(`${index}|${name}`, `${name}: ${read.message}.`);
      }
    });
    return record;
  });
  return { records, unreadable, headers: header.map((h) => h.trim()), fields: names };
}

/**
 * The body as UTF-8: UTF-8 as sent (with or without BOM), or GB18030 (a superset of GBK and GB2312, what
 * Excel on Chinese Windows saves as "CSV") where the bytes are not UTF-8 or the Content-Type names it.
 */
function asUtf8(body: Buffer, charset?: string): Buffer {
  const named = charset?.toLowerCase();
  if (named && CHINESE_CHARSETS.has(named)) return Buffer.from(iconv.decode(body, 'gb18030'), 'utf8');
  if (isUtf8(body)) return body;
  const text = iconv.decode(body, 'gb18030');
  // Bytes that are neither: GB18030 decodes every byte sequence, but not into text (U+FFFD, control characters).
  if (/[\uFFFD\u0000-\u0008\u000E-\u001F]/.test(text)) {
    throw new HttpError(400, 'BAD_REQUEST', '文件既不是 UTF-8 也不是 GBK/GB18030 文本。The file is neither UTF-8 nor GBK/GB18030 text: save it from Excel as CSV (either kind) or as a workbook.');
  }
  return Buffer.from(text, 'utf8');
}

/** The charsets of Chinese Windows that a Content-Type may name for a CSV. */
export const CHINESE_CHARSETS = new Set(['gbk', 'gb2312', 'gb18030', 'cp936', 'x-gbk']);

/**
 * A cell as a spreadsheet user writes it, in the API's terms: an enum value by its Chinese label
 * (劳模创新工作室 → MODEL_WORKER); text with the `'` an export put before what would start a formula,
 * without it again (export-format.ts), so that an export sent back is unchanged.
 */
function spreadsheetText(spec: FieldSpec, cell: string, labels: Map<string, string> | undefined): string {
  const text = cell.trim();
  if (labels?.has(text)) return labels.get(text)!;
  if (spec.kind.type === 'text' && /^'[=+\-@\t\r]/.test(cell)) return cell.slice(1);
  return cell;
}

/**
 * The header's fields, checked: each column names a field of the bulk input (by its API name or its Chinese
 * label), `id`, or a column of the type's export that an import leaves alone (null); each field once; the
 * required ones present (externalId, unless rows are named by `id`).
 */
function checkHeader(type: ImportType, header: string[]): Array<string | null> {
  const { allowed, required, headers, readOnly, labels } = importColumns(type);
  const written = header.map((h) => h.trim());
  const listed = `Allowed columns for ${type.slug}: ${allowed.map((n) => `${n} (${labels.get(n)})`).join(', ')}.`;
  const details = { allowedFields: allowed };
  const nameless = written.findIndex((n) => n === '');
  if (nameless >= 0) throw new HttpError(400, 'BAD_REQUEST', `Header column ${nameless + 1} has no name; the first row must name every column. ${listed}`, details);
  if (written.length === 1 && /[;\t|]/.test(written[0])) {
    throw new HttpError(400, 'BAD_REQUEST', `The header "${written[0].slice(0, 80)}" looks separated by ';', tab or '|': columns must be separated by commas. ${listed}`, details);
  }
  const unknown = written.filter((n) => !headers.has(n) && !readOnly.has(n));
  if (unknown.length) {
    throw new HttpError(400, 'BAD_REQUEST', `Unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `'${n.slice(0, 60)}'`).join(', ')} (names are case-sensitive). ${listed}`, {
      ...details,
      unknownFields: unknown,
    });
  }
  const names = written.map((n) => headers.get(n) ?? null);
  const given = names.filter((n): n is string => n !== null);
  const duplicates = [...new Set(given.filter((n, i) => given.indexOf(n) !== i))];
  if (duplicates.length) throw new HttpError(400, 'BAD_REQUEST', `Column${duplicates.length > 1 ? 's' : ''} ${duplicates.join(', ')} appear${duplicates.length > 1 ? '' : 's'} more than once in the header.`, { ...details, duplicateFields: duplicates });
  const missing = required.filter((n) => !given.includes(n) && !(n === 'externalId' && given.includes(ID_COLUMN)));
  if (missing.length) {
    throw new HttpError(400, 'BAD_REQUEST', `Missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}: ${missing.includes('externalId') ? 'externalId is the key of the import (each row is matched by it within its city), unless an id column names the records' : 'the bulk input requires them'}. ${listed}`, {
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
  // Rows read before another's change: the file, not its values, must be made again.
  if (payload.rowErrors.some((e) => e.code === UserErrorCode.CONFLICT)) return 409;
  return 422;
}

/** A row error of an import, placed as the person who made the file sees it: the sheet's row number (the header is row 1) and the column's header as written. */
export interface SpreadsheetRowError extends RowError {
  row: number;
  column: string | null;
}

/** What an import answers: the bulk upsert's result with each record's and each error's sheet row, and errors' columns as headed in the file. */
export type SpreadsheetImportPayload = Omit<BulkUpsertPayload, 'rowErrors' | 'records'> & {
  records: Array<BulkUpsertPayload['records'][number] & { row: number }>;
  rowErrors: SpreadsheetRowError[];
};

/**
 * Imports a CSV body: read, then handed to the same bulk upsert as GraphQL's upsert mutations
 * (all or nothing, idempotency key, audit). Cells that could not be read are reported as row
 * errors with the engine's own, all rows at once.
 */
export async function importCsv(ctx: RequestContext, type: ImportType, body: Buffer, idempotencyKey: string | undefined, charset?: string): Promise<SpreadsheetImportPayload> {
  return importRead(ctx, type, readCsv(type, body, charset), idempotencyKey);
}

/** Imports what a file was read into (a CSV's or a workbook's rows): the bulk upsert, with rows and columns as the file has them. */
export async function importRead(ctx: RequestContext, type: ImportType, read: CsvRecords, idempotencyKey: string | undefined): Promise<SpreadsheetImportPayload> {
  return placed(read, await upsertRead(ctx, type, read, idempotencyKey));
}

async function upsertRead(ctx: RequestContext, type: ImportType, { records, unreadable }: CsvRecords, idempotencyKey: string | undefined): Promise<BulkUpsertPayload> {
  // Every field kind refuses an UnreadableCell; should one ever accept it, the engine is not asked at all.
  if ([...unreadable.keys()].some((key) => engineMessage(type, key.split('|')[1]) === null)) {
    return { applied: false, replayed: false, created: 0, updated: 0, unchanged: 0, records: [], rowErrors: withUnreadableCells(type, [], unreadable), userErrors: [] };
  }
  const payload = await bulkUpsert(ctx, type.spec, records, idempotencyKey);
  if (payload.applied || !unreadable.size || payload.userErrors.length) return payload;
  return { ...payload, rowErrors: withUnreadableCells(type, payload.rowErrors, unreadable) };
}

/** Rows and columns as the file has them: `index` stays (0-based, as GraphQL's), `row` is the sheet's row number. */
function placed({ headers, fields }: Pick<CsvRecords, 'headers' | 'fields'>, payload: BulkUpsertPayload): SpreadsheetImportPayload {
  const headerOf = new Map(fields.flatMap((f, i) => (f === null ? [] : [[f, headers[i]] as const])));
  return {
    ...payload,
    records: payload.records.map((r) => ({ ...r, row: r.index + FIRST_DATA_ROW })),
    rowErrors: payload.rowErrors.map((e) => ({ ...e, row: e.index + FIRST_DATA_ROW, column: e.field === null ? null : (headerOf.get(e.field) ?? e.field) })),
  };
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
