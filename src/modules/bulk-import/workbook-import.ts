import ExcelJS from 'exceljs';
import { getNamedType, isEnumType, isInputObjectType, isNonNullType } from 'graphql';
import { chineseTermOf } from '../../common/chinese-term';
import { MAX_UPSERT_RECORDS } from '../../registry/writes/bulk-upsert';
import { HttpError } from '../../server/http-error';
import { XLSX_CONTENT_TYPE } from '../export/export-format';
import { addFieldsSheet, SCALAR_CELLS, type WorkbookColumn } from '../export/export-workbook';
import { buildRegistrySchema } from '../schema';
import { recordsOf, type CsvRecords } from './csv-import.service';
import { importColumns, type ImportType } from './import-types';

/** A workbook is read whole (exceljs), so it is held to less than a CSV: 5,000 rows of a registry type fit in well under 1 MB. */
export const MAX_WORKBOOK_BYTES = 8 * 1024 * 1024;

const dateText = (d: Date) => d.toISOString().slice(0, 10);

/**
 * A cell as the text a CSV would hold: numbers as written, dates as YYYY-MM-DD (Excel stores a day
 * with no time zone; exceljs gives it as midnight UTC), rich text and hyperlinks as their text, a
 * formula as its result, an error as nothing.
 */
export function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : dateText(value);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  return '';
}

/** The first sheet of an .xlsx body as rows of text, each as wide as the header; blank rows at the end dropped. */
export async function workbookRows(body: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(body as unknown as ArrayBuffer);
  } catch {
    throw new HttpError(400, 'BAD_REQUEST', '无法读取该工作簿：请用 Excel 另存为 .xlsx。The file is not an .xlsx workbook: save it from Excel as "Excel Workbook (*.xlsx)".');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new HttpError(400, 'BAD_REQUEST', '工作簿没有工作表。The workbook has no sheet.');
  if (sheet.actualRowCount > MAX_UPSERT_RECORDS + 1) {
    throw new HttpError(413, 'PAYLOAD_TOO_LARGE', `一次最多导入 ${MAX_UPSERT_RECORDS} 行。A workbook import carries at most ${MAX_UPSERT_RECORDS.toLocaleString('en')} data rows; split the file.`, { maxRows: MAX_UPSERT_RECORDS });
  }
  const header = sheet.getRow(1);
  let width = 0;
  header.eachCell((cell, column) => {
    if (cellText(cell.value).trim()) width = column;
  });
  const rows: string[][] = [];
  for (let n = 1; n <= sheet.rowCount; n += 1) {
    const row = sheet.getRow(n);
    rows.push(Array.from({ length: width }, (_, i) => cellText(row.getCell(i + 1).value)));
  }
  while (rows.length > 1 && rows[rows.length - 1].every((c) => c.trim() === '')) rows.pop();
  return rows;
}

/** A workbook body read as a CSV is: its first sheet's header and rows into bulk-upsert records. */
export async function readWorkbook(type: ImportType, body: Buffer): Promise<CsvRecords> {
  const rows = await workbookRows(body);
  // Rows are as wide as the header; a cell left of it that is filled but has no header is refused by the header check.
  return recordsOf(type, rows, (index) => new HttpError(400, 'BAD_REQUEST', `Row ${index + 2} is wider than the header.`));
}


/**
 * The import template as a workbook (`GET /import/<type>/template.xlsx`): a sheet to fill with the type's
 * columns under their Chinese headers (each header's note gives the field name and what it holds), text
 * columns formatted as text (a division code or an 18-digit credit code stays as typed), dates as dates,
 * every enum a drop-down of its Chinese labels; then instructions, the fields, and example rows on their own
 * sheet (the sheet that is read is the first one, so examples are never imported by mistake).
 */
export async function workbookTemplate(type: ImportType, declared: { zh: string; importSlug: string }): Promise<Buffer> {
  const { allowed, required, labels } = importColumns(type);
  const mutation = buildRegistrySchema().getMutationType()!.getFields()[type.mutation];
  const input = getNamedType(mutation.args.find((a) => a.name === 'input')!.type);
  const records = isInputObjectType(input) ? getNamedType(input.getFields().records.type) : null;
  if (!isInputObjectType(records)) throw new Error(`template ${type.slug}: no record input`);
  const fields = records.getFields();

  const columns: Array<WorkbookColumn & { values?: string[]; required: boolean }> = allowed.map((name) => {
    const named = getNamedType(fields[name].type);
    const values = isEnumType(named) ? named.getValues().map((v) => chineseTermOf(v.description) ?? v.name) : undefined;
    return {
      name,
      label: labels.get(name)!,
      kind: values ? 'text' : (SCALAR_CELLS[named.name] ?? 'text'),
      description: fields[name].description,
      values,
      required: required.includes(name) || isNonNullType(fields[name].type),
    };
  });

  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Reform Registry 产改登记平台';
  const data = workbook.addWorksheet('填写 Data', { views: [{ state: 'frozen', ySplit: 1 }] });
  data.columns = columns.map((c) => ({ key: c.name, width: Math.max(14, [...c.label].length * 2 + 4), style: { numFmt: c.kind === 'date' ? 'yyyy-mm-dd' : c.kind === 'number' ? '0' : '@' } }));
  const header = data.getRow(1);
  header.values = columns.map((c) => c.label);
  header.font = { bold: true };
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.note = `${c.name}${c.required ? '（必填 required）' : ''}\n${c.description ?? ''}`;
    if (c.required) cell.font = { bold: true, color: { argb: 'FFC00000' } };
  });

  // Drop-downs read their values from a hidden sheet: a list written inline is limited to 255 characters.
  const lists = workbook.addWorksheet('选项 Lists', { state: 'hidden' });
  const lastRow = MAX_UPSERT_RECORDS + 1;
  let listColumn = 0;
  columns.forEach((c, i) => {
    if (!c.values) return;
    listColumn += 1;
    const letter = lists.getColumn(listColumn).letter;
    lists.getCell(`${letter}1`).value = c.label;
    c.values.forEach((v, j) => (lists.getCell(`${letter}${j + 2}`).value = v));
    const target = data.getColumn(i + 1).letter;
    (data as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(`${target}2:${target}${lastRow}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`'选项 Lists'!$${letter}$2:$${letter}$${c.values.length + 1}`],
      showErrorMessage: true,
      errorTitle: '请选择 Choose a value',
      error: `请从下拉列表中选择${c.label}。Choose one of the listed values.`,
    });
  });

  const instructions = workbook.addWorksheet('说明 Instructions');
  instructions.columns = [{ width: 120 }];
  for (const line of [
    `${declared.zh}导入模板 ${type.spec.typename} import template`,
    '',
    '1. 在“填写 Data”表中每行填写一条记录；第一行是列名，不要修改。One record per row of the first sheet, under the header row as it is.',
    `2. 红色加粗的列必须填写；外部编号（externalId）是本单位系统中的编号，在同一城市内唯一，再次导入同一编号即更新该记录。Red columns are required; externalId is your portal's own id, unique within the city: importing it again updates the record.`,
    '3. 日期可写作 2024-05-01、2024/5/1 或 2024年5月1日；下拉列表中的选项可直接选择，也可填写英文代码。Dates as 2024-05-01, 2024/5/1 or 2024年5月1日; choose listed values from the drop-down (the English codes are accepted too).',
    '4. 不知道的值请留空：空白表示未知，不是零。Leave unknown values blank: blank means unknown, never zero.',
    `5. 每次最多 ${MAX_UPSERT_RECORDS} 行；全部行通过检查才会写入，错误会注明 Excel 行号和列名。At most ${MAX_UPSERT_RECORDS.toLocaleString('en')} rows; all rows are applied or none, and errors name the Excel row and column.`,
    `6. 上传：POST /import/${declared.importSlug}，Content-Type: ${XLSX_CONTENT_TYPE}，附带 API 密钥。Send it to POST /import/${declared.importSlug} with your API key, e.g.:`,
    `   curl -X POST http://localhost:4000/import/${declared.importSlug} -H "Authorization: Bearer $KEY" -H "Content-Type: ${XLSX_CONTENT_TYPE}" --data-binary @${declared.importSlug}.xlsx`,
    '7. 从 /export 导出的表格（含 ID 列）也可编辑后上传，用于更新已有记录。A workbook exported from /export (with its ID column) can be edited and sent back to update those records.',
  ]) {
    instructions.addRow([line]);
  }
  instructions.getRow(1).font = { bold: true, size: 14 };

  addFieldsSheet(workbook, columns, (c) => [[c.required ? '必填 required' : '', ...(c.values ?? [])].filter(Boolean).join(' · ')]);

  const example = workbook.addWorksheet('示例 Example');
  example.addRow(columns.map((c) => c.label)).font = { bold: true };
  example.addRow(columns.map((c) => exampleValue(c)));
  example.addRow(['（示例行，不会被导入。This sheet is an example and is never imported.）']);

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** An example value that shows a column's form, not a fact: a placeholder for text, the first listed value, a date's format; counts and references left blank. */
function exampleValue(c: WorkbookColumn & { values?: string[] }): ExcelJS.CellValue {
  if (c.values) return c.values[0];
  if (c.name === 'externalId') return 'NJ-0001';
  if (/Id$|CreditCode$|Code$/.test(c.name)) return null;
  if (c.kind === 'date') return new Date('2024-05-01T00:00:00Z');
  if (c.kind === 'boolean') return '否';
  return `（${c.label}）`;
}
