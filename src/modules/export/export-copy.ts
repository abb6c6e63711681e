import { Transform, type TransformCallback } from 'node:stream';
import { isEnumType, type GraphQLLeafType } from 'graphql';
import { escapeLiteral } from 'pg';
import { raw, renderInline, sql, type SqlFragment } from '../../db/sql';
import { columnsByAlias } from '../../registry/table';
import { exportColumns, leafFields } from './export-columns';
import { NUMBER } from './export-format';
import type { ExportType } from './export-types';

/**
 * Downloads at the database's own speed: for a type whose every column PostgreSQL can write exactly as the
 * API serialises it, each CSV line or NDJSON object is made in SQL, byte for byte what RecordEncoder makes
 * from the same row (quoting, formula neutralisation, global IDs, ISO times), and streamed by
 * `COPY … TO STDOUT (FORMAT binary)`: no row object, no string per cell in Node, only COPY's framing taken
 * off (CopyLines). Binary, because COPY's text and CSV formats would escape or quote the line's own
 * line break. Types with a column only Node can make (a goal's progress, a craftsman's personal data
 * asked of the policy, a Float whose JavaScript spelling PostgreSQL does not share) keep the row path
 * (export-stream.ts). test/server/export-copy.int.spec.ts compares the two, byte for byte, for every type.
 */

/** One cell as SQL: its value as the API's text, and whether that value is a string in the API (a JSON string, open to formula neutralisation). */
interface CellSql {
  expr: string;
  string: boolean;
  /** Text the registry's writers typed (a name, a code as stored): may need quoting or neutralising. Generated text (IDs, dates, enum names) never does. */
  free: boolean;
}

/** base64url of `Type:key` without padding, as toGlobalId (src/graphql/relay/global-id.ts). */
const globalIdSql = (typename: string, key: string) =>
  `rtrim(translate(encode(convert_to(${escapeLiteral(`${typename}:`)} || ${key}::text, 'UTF8'), 'base64'), E'+/\\n', '-_'), '=')`;

/** An enum's stored value as its GraphQL name (a CASE only where the two differ). */
function enumSql(leaf: GraphQLLeafType, column: string): string | null {
  if (!isEnumType(leaf)) return null;
  const values = leaf.getValues();
  if (values.every((v) => v.value === v.name)) return `${column}::text`;
  if (values.some((v) => typeof v.value !== 'string')) return null;
  return `CASE ${column}${values.map((v) => ` WHEN ${escapeLiteral(v.value as string)} THEN ${escapeLiteral(v.name)}`).join('')} END`;
}

/** A leaf field's stored value as the text its scalar serialises to, or null where only Node can say. */
function leafSql(leaf: GraphQLLeafType, column: string): CellSql | null {
  switch (leaf.name) {
    case 'String':
    case 'CreditCode':
    case 'DivisionCode':
      return { expr: `${column}::text`, string: true, free: true };
    case 'Int':
    case 'NonNegativeInt':
      return { expr: `${column}::text`, string: false, free: false };
    case 'Boolean':
      return { expr: `CASE WHEN ${column} THEN 'true' WHEN NOT ${column} THEN 'false' END`, string: false, free: false };
    case 'LocalDate':
      return { expr: `${column}::date::text`, string: true, free: false };
    case 'DateTimeISO':
      // Date#toISOString: UTC, milliseconds cut (not rounded) from PostgreSQL's microseconds, as pg's parser does.
      return { expr: `to_char(${column}::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`, string: true, free: false };
    default: {
      const expr = enumSql(leaf, column);
      return expr ? { expr, string: true, free: false } : null;
    }
  }
}

/** The SQL of each export column over the export statement's row `r`, or null when one of them has none. */
function cellsOf(type: ExportType): CellSql[] | null {
  const selected = columnsByAlias(type.table);
  if (type.enrich || type.table.key !== 't.id' || !selected.has('id')) return null;
  const leaves = new Map(leafFields(type.typeName).map((f) => [f.name, f.leaf]));
  const references = new Map(type.references.map((r) => [r.name, r.typename]));
  const cells: CellSql[] = [];
  for (const column of exportColumns(type)) {
    const at = `r."${column.name}"`;
    const leaf = leaves.get(column.name);
    let cell: CellSql | null;
    if (column.name === 'id') cell = { expr: globalIdSql(type.typeName, at), string: true, free: false };
    else if (references.has(column.name)) cell = { expr: globalIdSql(references.get(column.name)!, at), string: true, free: false };
    else if (leaf) cell = selected.has(column.name) ? leafSql(leaf, at) : null;
    else cell = { expr: `${at}::text`, string: true, free: true }; // a place or enterprise name joined in
    if (!cell) return null;
    cells.push(cell);
  }
  return cells;
}

/** A JavaScript pattern as a PostgreSQL one: the same escapes (\t, \r, \-) mean the same there; JavaScript's \d is ASCII digits only. */
const patternLiteral = (pattern: RegExp) => escapeLiteral(pattern.source.replace(/\\d/g, '[0-9]')).trim();

/** csvCell (export-format.ts) in SQL: neutralised as a formula, then quoted where RFC 4180 asks; null an empty cell. */
function csvCellSql(cell: CellSql): string {
  if (!cell.free) return `coalesce(${cell.expr}, '')`;
  const v = cell.expr;
  // LIKE and left() compare bytes; a regular expression would first widen the whole text, for every cell of every row.
  const formula = `left(${v}, 1) IN ('=', '+', '-', '@', E'\\t', E'\\r') AND ${v} !~ ${patternLiteral(NUMBER)}`;
  const neutral = `CASE WHEN ${formula} THEN '''' || ${v} ELSE ${v} END`;
  const quoted = `${v} LIKE '%"%' OR ${v} LIKE '%,%' OR ${v} LIKE E'%\\n%' OR ${v} LIKE E'%\\r%'`;
  return `coalesce(CASE WHEN ${quoted} THEN '"' || replace(${neutral}, '"', '""') || '"' ELSE ${neutral} END, '')`;
}

/** JSON.stringify of the value (RecordEncoder): strings by PostgreSQL's own JSON escaping (the same escapes), numbers and booleans as written, null as null. */
const jsonValueSql = (cell: CellSql) => `coalesce(${cell.string ? `to_json(${cell.expr})::text` : cell.expr}, 'null')`;

/** One line of a type's download as SQL over the export statement's row `r`, or null when the type keeps the row path. */
function lineSql(type: ExportType, format: 'csv' | 'ndjson'): string | null {
  const cells = cellsOf(type);
  if (!cells) return null;
  if (format === 'csv') return `${cells.map(csvCellSql).join(` || ',' || `)} || E'\\r\\n'`;
  const names = exportColumns(type).map((c) => c.name);
  return `${cells.map((cell, i) => `${escapeLiteral(`${i ? ',' : '{'}${JSON.stringify(names[i])}:`)} || ${jsonValueSql(cell)}`).join(' || ')} || E'}\\n'`;
}

const lines = new Map<string, string | null>();

/**
 * The COPY that makes a type's download of `rows` (the export statement) line by line, CSV without its header (the
 * caller writes it), or null when the type keeps the row path. Filter values are written in as literals
 * (renderInline): COPY takes no parameters.
 */
export function copyStatement(type: ExportType, format: 'csv' | 'ndjson', rows: SqlFragment): string | null {
  const key = `${type.slug}.${format}`;
  if (!lines.has(key)) lines.set(key, lineSql(type, format));
  const line = lines.get(key);
  return line ? `COPY (${renderInline(sql`SELECT ${raw(line)} FROM (${rows}) r`)}) TO STDOUT (FORMAT binary)` : null;
}

/** Output is gathered into chunks of about this many bytes, as RecordEncoder's. */
const CHUNK_BYTES = 64 * 1024;
/** PGCOPY\n\377\r\n\0, the flags and the header extension's length. */
const HEADER_BYTES = 19;

/**
 * COPY's binary rows of one text column → that column's bytes, one after another: each row is a 2-byte field
 * count (-1 ends the data), a 4-byte length and the line's UTF-8. Rows may be split across chunks; the part
 * of one is kept until the rest comes.
 */
export class CopyLines extends Transform {
  private rest: Buffer = Buffer.alloc(0);
  private headerLeft = HEADER_BYTES;
  private out: Buffer[] = [];
  private outBytes = 0;
  private scheduled: NodeJS.Immediate | null = null;

  constructor() {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let data = this.rest.length ? Buffer.concat([this.rest, chunk]) : chunk;
    if (this.headerLeft) {
      const skip = Math.min(this.headerLeft, data.length);
      this.headerLeft -= skip;
      data = data.subarray(skip);
    }
    let at = 0;
    while (data.length - at >= 2) {
      if (data.readInt16BE(at) === -1) {
        at = data.length;
        break;
      }
      if (data.length - at < 6) break;
      const length = data.readInt32BE(at + 2);
      if (length < 0) return done(new Error('export: COPY sent a null line'));
      if (data.length - at - 6 < length) break;
      this.out.push(data.subarray(at + 6, at + 6 + length));
      this.outBytes += length;
      at += 6 + length;
    }
    // What is kept is copied out, so that the chunk it came in is not held whole for a few bytes.
    this.rest = at < data.length ? Buffer.from(data.subarray(at)) : Buffer.alloc(0);
    if (this.outBytes >= CHUNK_BYTES) this.pushOut();
    else this.scheduled ??= setImmediate(() => this.pushOut());
    done();
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
    if (!this.outBytes || this.destroyed) return;
    const chunk = this.out.length === 1 ? Buffer.from(this.out[0]) : Buffer.concat(this.out, this.outBytes);
    this.out = [];
    this.outBytes = 0;
    this.push(chunk);
  }
}
