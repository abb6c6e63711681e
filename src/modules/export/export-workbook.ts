import { PassThrough, Transform, type TransformCallback } from 'node:stream';
import ExcelJS from 'exceljs';
import { CHINA_OFFSET_MS } from '../../common/calendar';

/** How a column's values are written in a workbook: what kind of cell, and an enum's Chinese labels. */
export interface WorkbookColumn {
  name: string;
  /** The header a Chinese reader sees (the import reads it back). */
  label: string;
  kind?: CellKind;
  /** For an enum: API value → its Chinese label (劳模创新工作室 for MODEL_WORKER); the import reads either. */
  enumLabels?: ReadonlyMap<string, string>;
  /** What the column holds, for the fields sheet. */
  description?: string | null;
}

export type CellKind = 'text' | 'number' | 'date' | 'timestamp' | 'boolean';

/** Notes for the workbook's "about" sheet: what was exported, with which filters, when and from where. */
export interface WorkbookAbout {
  title: string;
  rows: Array<[string, string]>;
}

const NUMBER_FORMATS: Partial<Record<CellKind, string>> = { date: 'yyyy-mm-dd', timestamp: 'yyyy-mm-dd hh:mm:ss', text: '@' };

/** A GraphQL scalar's kind of cell (an enum is text, with its labels); anything else is text. */
export const SCALAR_CELLS: Readonly<Record<string, CellKind>> = { Int: 'number', Float: 'number', NonNegativeInt: 'number', LocalDate: 'date', DateTimeISO: 'timestamp', Boolean: 'boolean' };

/**
 * One value as a cell: codes, IDs and other text as text cells (an 18-digit credit or ID number stays
 * whole, never 9.1E+17), dates as dates, timestamps as China's wall-clock time, counts as numbers,
 * booleans as 是/否 and enum values by their Chinese label. Null stays an empty cell: unknown, not zero.
 */
export function cellValue(column: WorkbookColumn, value: unknown): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  switch (column.kind) {
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : String(value);
    case 'timestamp': {
      // Excel has no time zones: a timestamp is written as the wall-clock time in China.
      const at = new Date(String(value));
      return Number.isNaN(at.getTime()) ? String(value) : new Date(at.getTime() + CHINA_OFFSET_MS);
    }
    case 'number':
      return typeof value === 'number' ? value : String(value);
    case 'boolean':
      return value === true ? '是' : value === false ? '否' : String(value);
    default:
      return column.enumLabels?.get(String(value)) ?? String(value);
  }
}

/** Column widths that fit Chinese headers and typical values (a CJK character is about two Latin ones wide). */
function widthOf(column: WorkbookColumn): number {
  const header = [...column.label].reduce((w, ch) => w + (/\p{Script=Han}/u.test(ch) ? 2 : 1), 0);
  const typical = column.kind === 'timestamp' ? 20 : column.kind === 'date' ? 12 : column.kind === 'number' ? 10 : 16;
  return Math.min(40, Math.max(header + 2, typical));
}

/** The data sheet's header row: bold, frozen, filterable. */
function addDataSheet(workbook: ExcelJS.Workbook, columns: readonly WorkbookColumn[]): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet('数据 Data', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ key: c.name, width: widthOf(c), style: NUMBER_FORMATS[c.kind ?? 'text'] ? { numFmt: NUMBER_FORMATS[c.kind ?? 'text'] } : {} }));
  const header = sheet.getRow(1);
  header.values = columns.map((c) => c.label);
  header.font = { bold: true };
  return sheet;
}

/** The sheet that maps each Chinese header to its API field name and says what it holds. */
export function addFieldsSheet<C extends WorkbookColumn>(workbook: ExcelJS.Workbook, columns: readonly C[], extra: (c: C) => string[] = () => []): void {
  const sheet = workbook.addWorksheet('字段 Fields');
  sheet.columns = [{ width: 22 }, { width: 24 }, { width: 90 }, { width: 40 }];
  sheet.addRow(['列名 Header', '字段 Field', '说明 Description', '']).font = { bold: true };
  for (const c of columns) sheet.addRow([c.label, c.name, c.description ?? '', ...extra(c)]).commit();
  sheet.commit?.();
}

/** The "about" sheet: title, then label/value lines. */
export function addAboutSheet(workbook: ExcelJS.Workbook, about: WorkbookAbout): void {
  const sheet = workbook.addWorksheet('说明 About');
  sheet.columns = [{ width: 28 }, { width: 100 }];
  sheet.addRow([about.title]).font = { bold: true, size: 14 };
  for (const [label, value] of about.rows) sheet.addRow([label, value]).commit();
  sheet.commit?.();
}

/**
 * Rows (arrays of values in column order) → an .xlsx workbook, streamed (exceljs' WorkbookWriter: each row
 * is written to the zip as it comes, so memory stays flat however many rows): the data sheet first (the one
 * an import reads), then the fields sheet and the about sheet.
 */
export class WorkbookEncoder extends Transform {
  private readonly out = new PassThrough();
  private readonly ended: Promise<void>;
  private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly sheet: ExcelJS.Worksheet;

  constructor(
    private readonly columns: readonly WorkbookColumn[],
    private readonly about: WorkbookAbout,
  ) {
    super({ writableObjectMode: true, readableObjectMode: false });
    this.out.on('data', (chunk: Buffer) => this.push(chunk));
    this.ended = new Promise((resolve, reject) => {
      this.out.once('end', resolve);
      this.out.once('error', reject);
    });
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: this.out, useStyles: true, useSharedStrings: false });
    this.workbook.creator = 'Reform Registry 产改登记平台';
    this.sheet = addDataSheet(this.workbook, columns);
    this.sheet.getRow(1).commit();
  }

  override _transform(values: unknown[], _encoding: BufferEncoding, done: TransformCallback): void {
    this.sheet.addRow(this.columns.map((c, i) => cellValue(c, values[i]))).commit();
    done();
  }

  override _flush(done: TransformCallback): void {
    this.sheet.commit();
    addFieldsSheet(this.workbook, this.columns);
    addAboutSheet(this.workbook, this.about);
    this.workbook
      .commit()
      .then(() => this.ended)
      .then(() => done(), done);
  }
}
