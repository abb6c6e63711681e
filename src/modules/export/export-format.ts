import { Transform, type TransformCallback } from 'node:stream';
import type { Response } from 'express';
import { todayInChina } from '../../common/calendar';
import { WorkbookEncoder, type WorkbookAbout, type WorkbookColumn } from './export-workbook';

export type ExportFormat = 'csv' | 'ndjson' | 'xlsx';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const EXPORT_FORMATS: Record<ExportFormat, { contentType: string }> = {
  csv: { contentType: 'text/csv; charset=utf-8' },
  ndjson: { contentType: 'application/x-ndjson; charset=utf-8' },
  xlsx: { contentType: XLSX_CONTENT_TYPE },
};

export const isExportFormat = (text: string): text is ExportFormat => Object.hasOwn(EXPORT_FORMATS, text);

/** Excel reads a CSV file as UTF-8 (Chinese names intact) only when it starts with a byte-order mark. */
const BOM = '\uFEFF';

/** Text a spreadsheet would run as a formula (CSV injection, OWASP); a number such as `-5` is left as it is. */
export const FORMULA_START = /^[=+\-@\t\r]/;
export const NUMBER = /^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/;

/**
 * RFC 4180: a cell with a quote, comma or line break is quoted, its quotes doubled; null is an empty
 * cell. Text that starts like a formula gets a leading `'`, which Excel and LibreOffice show as text:
 * names come from many portals, and an analyst opening the file must not run what one of them typed.
 */
function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text) && !NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const csvLine = (values: readonly unknown[]): string => `${values.map(csvCell).join(',')}\r\n`;

/** What a download starts with before its rows: for CSV the byte-order mark and the header line; nothing for NDJSON. */
export const headOf = (format: 'csv' | 'ndjson', columns: readonly string[]): string => (format === 'csv' ? BOM + csvLine(columns) : '');

/** Output is gathered into chunks of about this many characters, so that each write carries many rows. */
const CHUNK_CHARS = 64 * 1024;

/**
 * Rows (arrays of values in column order) → CSV lines or NDJSON objects. The CSV header leaves at
 * once; rows are written in chunks, at the latest when the rows at hand are done (setImmediate),
 * so a slow source still trickles out. Backpressure is the stream's own: nothing is read ahead.
 */
/** The encoder of a format: text lines for CSV and NDJSON, a streamed workbook for xlsx. */
export function encoderFor(format: ExportFormat, columns: readonly WorkbookColumn[], about: () => WorkbookAbout): Transform {
  return format === 'xlsx' ? new WorkbookEncoder(columns, about()) : new RecordEncoder(format, columns.map((c) => c.name));
}

export class RecordEncoder extends Transform {
  private pending = '';
  private scheduled: NodeJS.Immediate | null = null;
  private readonly keys: string[];

  constructor(
    private readonly format: 'csv' | 'ndjson',
    columns: readonly string[],
  ) {
    super({ writableObjectMode: true, readableObjectMode: false });
    this.keys = columns.map((c) => JSON.stringify(c));
    if (format === 'csv') this.push(headOf(format, columns));
  }

  private line(values: readonly unknown[]): string {
    if (this.format === 'csv') return csvLine(values);
    return `{${this.keys.map((key, i) => `${key}:${JSON.stringify(values[i] ?? null)}`).join(',')}}\n`;
  }

  override _transform(values: unknown[], _encoding: BufferEncoding, done: TransformCallback): void {
    this.pending += this.line(values);
    if (this.pending.length >= CHUNK_CHARS) this.pushPending();
    else this.scheduled ??= setImmediate(() => this.pushPending());
    done();
  }

  override _flush(done: TransformCallback): void {
    this.pushPending();
    done();
  }

  override _destroy(error: Error | null, done: (error: Error | null) => void): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    done(error);
  }

  private pushPending(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    if (!this.pending || this.destroyed) return;
    const chunk = this.pending;
    this.pending = '';
    this.push(chunk, 'utf8');
  }
}

/**
 * The response headers of an export: type, and a download named after the export and today's date
 * in China, e.g. `innovation-studios-2026-11-25.csv`. Every download reads live data, and craftsmen
 * may carry personal data, so nothing is stored by caches.
 */
export function setExportHeaders(res: Response, name: string, format: ExportFormat): void {
  const file = `${name}-${todayInChina()}.${format}`;
  res.status(200);
  res.setHeader('content-type', EXPORT_FORMATS[format].contentType);
  res.setHeader('content-disposition', `attachment; filename="${file}"; filename*=UTF-8''${encodeURIComponent(file)}`);
  res.setHeader('cache-control', 'no-store');
  res.setHeader('x-content-type-options', 'nosniff');
}
