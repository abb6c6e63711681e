import { Transform, type TransformCallback } from 'node:stream';
import { isEnumType, type GraphQLLeafType } from 'graphql';
import { escapeLiteral } from 'pg';
import { raw, render, renderInline, sql, type SqlFragment } from '../../db/sql';
import { columnsByAlias } from '../../registry/table';
import { toGlobalId } from '../../graphql/relay/global-id';
import { exportColumns, leafFields } from './export-columns';
import { FORMULA_START, NUMBER } from './export-format';
import type { ExportType } from './export-types';

/**
 * Downloads at the database's own speed, for a type whose every column can be written from its stored value alone
 * (no goal progress, no personal data asked of the policy, no Float, whose JavaScript spelling PostgreSQL does not
 * share): `COPY … TO STDOUT (FORMAT binary)` sends each stored value in its binary form, the cheapest PostgreSQL makes,
 * with no cursor round trips, and CopyEncoder writes the CSV cells or JSON values straight into the response's bytes on
 * Node's side, so that the two processes share the work across the two cores (each line made in SQL instead left
 * Node's core idle and ran at 0.37× of COPY's own CSV; see the README's *Exports at a million rows*). Binary, because
 * COPY's text and CSV formats would escape or quote what the export writes as it is. The output is byte for byte what
 * RecordEncoder makes from the same rows: test/server/export-copy.int.spec.ts compares them for every type.
 */

/**
 * A column of the download's COPY: its SQL over the export statement's row `r`, sending the stored value in the binary form
 * cheapest for PostgreSQL to make, and how CopyEncoder writes it. `free` text is what the registry's writers typed (a name,
 * a code as stored), which CSV may need to quote or neutralise; generated text (dates, enum names) never needs it.
 */
export type CopyCell =
  | { expr: string; decode: 'text'; free: boolean }
  | { expr: string; decode: 'int' | 'bool' | 'timestamp' }
  | { expr: string; decode: 'globalId'; typename: string };

/** An enum's stored value as its GraphQL name (a CASE only where the two differ). */
function enumSql(leaf: GraphQLLeafType, column: string): string | null {
  if (!isEnumType(leaf)) return null;
  const values = leaf.getValues();
  if (values.every((v) => v.value === v.name)) return `${column}::text`;
  if (values.some((v) => typeof v.value !== 'string')) return null;
  return `CASE ${column}${values.map((v) => ` WHEN ${escapeLiteral(v.value as string)} THEN ${escapeLiteral(v.name)}`).join('')} END`;
}

/** A leaf field's column, or null where only Node can say what the scalar makes of it (a Float). */
function leafCell(leaf: GraphQLLeafType, column: string): CopyCell | null {
  switch (leaf.name) {
    case 'String':
    case 'CreditCode':
    case 'DivisionCode':
      return { expr: `${column}::text`, decode: 'text', free: true };
    case 'Int':
    case 'NonNegativeInt':
      return { expr: `${column}::int8`, decode: 'int' };
    case 'Boolean':
      return { expr: `${column}::bool`, decode: 'bool' };
    case 'LocalDate':
      // As pg gives it to the row path: the date's own text (DATE is not parsed, src/db/data-source.ts).
      return { expr: `${column}::date::text`, decode: 'text', free: false };
    case 'DateTimeISO':
      return { expr: `${column}::timestamptz`, decode: 'timestamp' };
    default: {
      const expr = enumSql(leaf, column);
      return expr ? { expr, decode: 'text', free: false } : null;
    }
  }
}

/** Each export column's cell, or null when one of them has none (the type keeps the row path). */
function cellsOf(type: ExportType): CopyCell[] | null {
  const selected = columnsByAlias(type.table);
  if (type.enrich || type.table.key !== 't.id' || !selected.has('id')) return null;
  const leaves = new Map(leafFields(type.typeName).map((f) => [f.name, f.leaf]));
  const references = new Map(type.references.map((r) => [r.name, r.typename]));
  const cells: CopyCell[] = [];
  for (const column of exportColumns(type)) {
    const at = `r."${column.name}"`;
    const leaf = leaves.get(column.name);
    let cell: CopyCell | null;
    if (column.name === 'id') cell = { expr: `${at}::int8`, decode: 'globalId', typename: type.typeName };
    else if (references.has(column.name)) cell = { expr: `${at}::int8`, decode: 'globalId', typename: references.get(column.name)! };
    else if (leaf) cell = selected.has(column.name) ? leafCell(leaf, at) : null;
    // A place or enterprise name or code joined in.
    else cell = { expr: `${at}::text`, decode: 'text', free: true };
    if (!cell) return null;
    cells.push(cell);
  }
  return cells;
}

/** How COPY makes a type's download: the statement around the rows, and the stream that turns COPY's output into the file's bytes. */
export interface CopyPlan {
  /** The COPY to run, its filter values written in. */
  statement: string;
  /** The same with placeholders where the values stand, for traces, which carry no value a caller gave (as every statement's span). */
  shown: string;
  encoder(): Transform;
}

const cellsByType = new Map<string, CopyCell[] | null>();

/**
 * How COPY makes a type's download of `rows` (the export statement), without the CSV's header (the caller writes it), or
 * null when the type keeps the row path. Filter values are written in as literals (renderInline): COPY takes no parameters.
 */
export function copyPlan(type: ExportType, format: 'csv' | 'ndjson', rows: SqlFragment): CopyPlan | null {
  if (!cellsByType.has(type.slug)) cellsByType.set(type.slug, cellsOf(type));
  const cells = cellsByType.get(type.slug);
  if (!cells) return null;
  const select = sql`SELECT ${raw(cells.map((c) => c.expr).join(', '))} FROM (${rows}) r`;
  const copy = (query: string) => `COPY (${query}) TO STDOUT (FORMAT binary)`;
  const names = exportColumns(type).map((c) => c.name);
  return { statement: copy(renderInline(select)), shown: copy(render(select).text), encoder: () => new CopyEncoder(format, cells, names) };
}

/** Output is gathered into chunks of about this many bytes, as RecordEncoder's. */
const CHUNK_BYTES = 64 * 1024;
/** PGCOPY\n\377\r\n\0, the flags and the header extension's length. */
const HEADER_BYTES = 19;

/** Microseconds from the Unix epoch to PostgreSQL's (2000-01-01), in which COPY's binary timestamps count. */
const POSTGRES_EPOCH_MS = 946_684_800_000;
const QUOTE = 0x22;
/** JSON.stringify's escapes of the bytes that JSON text cannot hold as they are. */
const JSON_ESCAPES: Record<number, string> = Object.fromEntries(
  [...Array(0x20).keys(), QUOTE, 0x5c].map((b) => [b, JSON.stringify(String.fromCharCode(b)).slice(1, -1)]),
);
/** First bytes that make a spreadsheet run a cell (= + - @ TAB CR): the ASCII characters FORMULA_START matches, read from it. */
const FORMULA_BYTES = new Set([...Array(0x80).keys()].filter((b) => FORMULA_START.test(String.fromCharCode(b))));

/**
 * COPY's binary rows → CSV lines or NDJSON objects, byte for byte what RecordEncoder writes for the same values
 * (test/server/export-copy.int.spec.ts), written straight into the output buffer with no string per value: text as the
 * UTF-8 it came in (in CSV quoted where it holds a quote, comma or line break, quotes doubled, and given a leading ' where it
 * starts like a formula and is not a number; in JSON escaped as JSON.stringify escapes); integers and booleans as
 * JavaScript writes them; timestamps as Date#toISOString; IDs as toGlobalId. A null is an empty cell, or null. Rows may
 * be split across chunks; the part of one is kept until the rest comes.
 */
export class CopyEncoder extends Transform {
  private rest: Buffer = Buffer.alloc(0);
  private headerLeft = HEADER_BYTES;
  private out = Buffer.allocUnsafe(CHUNK_BYTES * 2);
  private at = 0;
  private scheduled: NodeJS.Immediate | null = null;
  /** The day of the last timestamp written (timestamp). */
  private day = { days: NaN, year: 0, month: 0, day: 0 };

  /** NDJSON: each column's `"name":` (and the `{` or `,` before it), made once. */
  private readonly keys: string[];

  constructor(
    private readonly format: 'csv' | 'ndjson',
    private readonly cells: readonly CopyCell[],
    names: readonly string[],
  ) {
    super();
    this.keys = names.map((name, i) => `${i ? ',' : '{'}${JSON.stringify(name)}:`);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let data = this.rest.length ? Buffer.concat([this.rest, chunk]) : chunk;
    if (this.headerLeft) {
      const skip = Math.min(this.headerLeft, data.length);
      this.headerLeft -= skip;
      data = data.subarray(skip);
    }
    let at = 0;
    try {
      for (;;) {
        const end = this.rowEnd(data, at);
        if (end < 0) break;
        if (end === Infinity) {
          at = data.length;
          break;
        }
        if (this.format === 'csv') this.csvRow(data, at + 2);
        else this.jsonRow(data, at + 2);
        at = end;
      }
    } catch (error) {
      return done(error as Error);
    }
    this.rest = at < data.length ? Buffer.from(data.subarray(at)) : Buffer.alloc(0);
    if (this.at >= CHUNK_BYTES) this.pushOut();
    else this.scheduled ??= setImmediate(() => this.pushOut());
    done();
  }

  /** Where the row starting at `at` ends; -1 when it is not all here yet; Infinity at COPY's end (-1 fields). */
  private rowEnd(data: Buffer, at: number): number {
    if (data.length - at < 2) return -1;
    const fields = data.readInt16BE(at);
    if (fields === -1) return Infinity;
    if (fields !== this.cells.length) throw new Error(`export: COPY sent ${fields} columns for ${this.cells.length}`);
    let p = at + 2;
    for (let i = 0; i < fields; i += 1) {
      if (data.length - p < 4) return -1;
      const length = data.readInt32BE(p);
      p += 4 + (length > 0 ? length : 0);
      if (p > data.length) return -1;
    }
    return p;
  }

  private csvRow(data: Buffer, at: number): void {
    let p = at;
    for (let i = 0; i < this.cells.length; i += 1) {
      if (i) this.ascii(',');
      const length = data.readInt32BE(p);
      p += 4;
      if (length < 0) continue;
      const cell = this.cells[i];
      if (cell.decode === 'text') this.csvText(data, p, p + length, cell.free);
      else this.value(cell, data, p, length);
      p += length;
    }
    this.ascii('\r\n');
  }

  private jsonRow(data: Buffer, at: number): void {
    let p = at;
    for (let i = 0; i < this.cells.length; i += 1) {
      this.ascii(this.keys[i]);
      const length = data.readInt32BE(p);
      p += 4;
      if (length < 0) {
        this.ascii('null');
        continue;
      }
      const cell = this.cells[i];
      const quoted = cell.decode === 'text' || cell.decode === 'timestamp' || cell.decode === 'globalId';
      if (quoted) this.ascii('"');
      if (cell.decode === 'text') this.jsonText(data, p, p + length);
      else this.value(cell, data, p, length);
      if (quoted) this.ascii('"');
      p += length;
    }
    this.ascii('}\n');
  }

  /** A value that is the same in CSV and JSON but for JSON's quotes: a number, a boolean, a time, an ID. */
  private value(cell: CopyCell, data: Buffer, at: number, length: number): void {
    switch (cell.decode) {
      case 'int':
        return this.integer(readInt(data, at, length));
      case 'bool':
        return this.ascii(data[at] ? 'true' : 'false');
      case 'timestamp':
        // Date#toISOString of pg's Date: milliseconds cut (not rounded) from PostgreSQL's microseconds.
        return this.timestamp(POSTGRES_EPOCH_MS + Math.floor(readInt(data, at, length) / 1000));
      case 'globalId':
        return this.ascii(toGlobalId(cell.typename, readInt(data, at, length)));
      default:
        return this.bytes(data, at, at + length);
    }
  }

  /** Text as JSON.stringify writes it inside its quotes: `"` and `\\` escaped, control characters as \\b \\f \\n \\r \\t or \\u00xx. */
  private jsonText(data: Buffer, start: number, end: number): void {
    let plain = true;
    for (let i = start; i < end; i += 1) {
      const b = data[i];
      if (b < 0x20 || b === QUOTE || b === 0x5c) {
        plain = false;
        break;
      }
    }
    if (plain) return this.bytes(data, start, end);
    for (let i = start; i < end; i += 1) {
      const b = data[i];
      if (b >= 0x20 && b !== QUOTE && b !== 0x5c) {
        this.room(1);
        this.out[this.at++] = b;
      } else this.ascii(JSON_ESCAPES[b]);
    }
  }

  /** Text as csvCell writes it: neutralised where it starts like a formula and is not a number, quoted where it must be. */
  private csvText(data: Buffer, start: number, end: number, free: boolean): void {
    if (!free || start === end) return this.bytes(data, start, end);
    const formula = FORMULA_BYTES.has(data[start]) && !NUMBER.test(data.toString('utf8', start, end));
    let quoted = false;
    for (let i = start; i < end; i += 1) {
      const b = data[i];
      if (b === QUOTE || b === 0x2c || b === 0x0a || b === 0x0d) {
        quoted = true;
        break;
      }
    }
    if (!quoted) {
      if (formula) this.ascii("'");
      return this.bytes(data, start, end);
    }
    this.room(2 * (end - start) + 3);
    this.out[this.at++] = QUOTE;
    if (formula) this.out[this.at++] = 0x27;
    for (let i = start; i < end; i += 1) {
      if (data[i] === QUOTE) this.out[this.at++] = QUOTE;
      this.out[this.at++] = data[i];
    }
    this.out[this.at++] = QUOTE;
  }

  private bytes(data: Buffer, start: number, end: number): void {
    this.room(end - start);
    if (end - start > 32) {
      this.at += data.copy(this.out, this.at, start, end);
      return;
    }
    // A name or a code: a loop is cheaper than Buffer#copy's call for a few bytes.
    const out = this.out;
    let at = this.at;
    for (let i = start; i < end; i += 1) out[at++] = data[i];
    this.at = at;
  }

  /** An integer as String(n) writes it, digit by digit into the output (no string per value). */
  private integer(n: number): void {
    if (!Number.isSafeInteger(n)) return this.ascii(String(n));
    this.room(21);
    const out = this.out;
    if (n < 0) {
      out[this.at++] = 0x2d;
      n = -n;
    }
    let digits = 1;
    for (let rest = n; rest >= 10; rest = Math.floor(rest / 10)) digits += 1;
    let at = this.at + digits;
    this.at = at;
    do {
      out[--at] = 0x30 + (n % 10);
      n = Math.floor(n / 10);
    } while (n > 0);
  }

  /**
   * Milliseconds from the Unix epoch as Date#toISOString writes them (YYYY-MM-DDTHH:mm:ss.sssZ), by arithmetic: no Date and
   * no string per value. Years outside 0–9999, which toISOString writes with a sign and six digits, go through it.
   */
  private timestamp(ms: number): void {
    const days = Math.floor(ms / 86_400_000);
    // Records written together share their day: the calendar is worked out once per day met.
    if (days !== this.day.days) this.day = { days, ...civilFromDays(days) };
    const { year, month, day } = this.day;
    if (year < 0 || year > 9999) return this.ascii(new Date(ms).toISOString());
    let inDay = ms - days * 86_400_000;
    const hour = Math.floor(inDay / 3_600_000);
    inDay -= hour * 3_600_000;
    const minute = Math.floor(inDay / 60_000);
    inDay -= minute * 60_000;
    const second = Math.floor(inDay / 1000);
    const milli = inDay - second * 1000;
    this.room(24);
    const out = this.out;
    let at = this.at;
    const two = (v: number) => {
      out[at++] = 0x30 + Math.floor(v / 10);
      out[at++] = 0x30 + (v % 10);
    };
    two(Math.floor(year / 100));
    two(year % 100);
    out[at++] = 0x2d;
    two(month);
    out[at++] = 0x2d;
    two(day);
    out[at++] = 0x54;
    two(hour);
    out[at++] = 0x3a;
    two(minute);
    out[at++] = 0x3a;
    two(second);
    out[at++] = 0x2e;
    out[at++] = 0x30 + Math.floor(milli / 100);
    two(milli % 100);
    out[at++] = 0x5a;
    this.at = at;
  }

  /** A short ASCII text, a byte per character: a loop V8 compiles beats Buffer#write's call into C++ for a few bytes. */
  private ascii(text: string): void {
    this.room(text.length);
    const out = this.out;
    let at = this.at;
    for (let i = 0; i < text.length; i += 1) out[at++] = text.charCodeAt(i);
    this.at = at;
  }

  /** Room for `n` more bytes in the output buffer: what is written so far goes out first if it would not fit. */
  private room(n: number): void {
    if (this.at + n <= this.out.length) return;
    this.pushOut();
    if (n > this.out.length) this.out = Buffer.allocUnsafe(n);
  }

  override _flush(done: TransformCallback): void {
    this.pushOut();
    done(this.rest.length ? new Error('export: COPY ended inside a row') : null);
  }

  override _destroy(error: Error | null, done: (error: Error | null) => void): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    done(error);
  }

  private pushOut(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    if (!this.at || this.destroyed) return;
    // A copy of what is filled leaves (the socket may hold it a while); the working buffer is written again.
    const chunk = Buffer.from(this.out.subarray(0, this.at));
    this.at = 0;
    this.push(chunk);
  }
}

/** A binary integer of 2, 4 or 8 bytes as a number (IDs and counts stay well inside 2^53). */
function readInt(data: Buffer, at: number, length: number): number {
  if (length === 8) return data.readInt32BE(at) * 4_294_967_296 + data.readUInt32BE(at + 4);
  if (length === 4) return data.readInt32BE(at);
  if (length === 2) return data.readInt16BE(at);
  throw new Error(`export: an integer of ${length} bytes`);
}

/** Days from 1970-01-01 → year, month and day in the proleptic Gregorian calendar (H. Hinnant's civil_from_days). */
function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}
