/**
 * Spreadsheets the way city portals use them: export the city's records, edit them in Excel, send
 * them back; files saved by Excel on Chinese Windows (GBK), with Chinese headers, Chinese enum labels
 * and Excel's dates; errors placed at the row and under the header the person sees.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import request from 'supertest';
import { registryTypes } from '../../src/modules';
import type { RecordSpec } from '../../src/registry/writes/record-spec';
import { importColumns, importTypeOf } from '../../src/modules/bulk-import/import-types';
import { creditCodeCheckCharacter } from '../../src/common/credit-code';
import { fromGlobalId, toGlobalId } from '../../src/graphql/relay/global-id';
import { fillExampleContext, writableTypes, type ExampleContext } from '../setup/record-examples';
import { testEnterprises } from '../setup/fixtures';
import { asBytes, sqlNumber, sqlRows } from '../setup/queries';
import { startTestApp, type TestApp } from '../setup/test-app';

/** Every type with both an import and an export, as declared: a new type is covered without touching this file. */
const NANJING = '320100';
const TYPES = registryTypes().flatMap((t) => (t.import && t.export && t.record ? [{ importSlug: t.import.slug, exportSlug: t.export.slug, table: t.record.table, typename: t.typename }] : []));

let app: TestApp;
let admin: string;
const context: ExampleContext = { enterpriseId: '', sourceId: '', skillCompetitionId: '' };
const examples = () => new Map(writableTypes(context).map((t) => [t.name, t]));

beforeAll(async () => {
  app = await startTestApp();
  admin = (await app.createKey('ADMIN')).key;
  await fillExampleContext(app, context);
});
afterAll(() => app.close());

/** A body read as bytes: exports are CSV text with a BOM. */
const asText = (req: request.Test) =>
  req.buffer(true).parse((r, done) => {
    const chunks: Buffer[] = [];
    r.on('data', (c: Buffer) => chunks.push(c));
    r.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
  });

/** One CSV line: cells with a comma, quote or line break are quoted, quotes doubled. */
const line = (cells: unknown[]) => cells.map((c) => (c == null ? '' : String(c))).map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
const csv = (rows: unknown[][]) => rows.map(line).join('\r\n') + '\r\n';

function postCsv(slug: string, key: string, body: string | Buffer, contentType = 'text/csv') {
  return request(app.app)
    .post(`/import/${slug}`)
    .set('content-type', contentType)
    .set('authorization', `Bearer ${key}`)
    .send(typeof body === 'string' ? Buffer.from(body, 'utf8') : body);
}

/** Edits one cell of a row as a person would: a name (or other free text) gets a note, or else a count one more. */
function editOneCell(spec: RecordSpec, header: string[], row: string[]): void {
  const text = header.findIndex((h) => h !== 'externalId' && spec.fields[h]?.kind.type === 'text' && !(spec.fields[h].kind as { problem?: unknown }).problem);
  if (text >= 0) {
    row[text] = `${row[text] || '无'}（已核对）`;
    return;
  }
  const count = header.findIndex((h, i) => spec.fields[h]?.kind.type === 'integer' && row[i] !== '');
  expect(count).toBeGreaterThanOrEqual(0); // the type has a text or a count column to edit
  row[count] = String(Number(row[count]) + 1);
}

/** A cell as text, as Excel would show a plain value (dates as YYYY-MM-DD). */
const shown = (value: ExcelJS.CellValue): string => (value === null || value === undefined ? '' : value instanceof Date ? value.toISOString().slice(0, 10) : String(value));

/**
 * An export as a person edits it: its field names (a workbook's from its 字段 Fields sheet, which maps each
 * Chinese header), its data rows as text, and the file again with one row changed, as Excel would save it.
 */
interface Edited {
  fields: string[];
  data: string[][];
  original: string | Buffer;
  withRow(index: number, row: string[]): Promise<string | Buffer>;
}

async function openExport(format: 'csv' | 'xlsx', slug: string, query: string, key: string): Promise<Edited> {
  if (format === 'csv') {
    const res = await asText(request(app.app).get(`/export/${slug}.csv?${query}`).set('authorization', `Bearer ${key}`));
    expect(res.status).toBe(200);
    const [fields, ...data] = parse(res.body as string, { bom: true }) as string[][];
    return { fields, data, original: res.body as string, withRow: async (index, row) => csv([fields, ...data.map((r, i) => (i === index ? row : r))]) };
  }
  const res = await asBytes(request(app.app).get(`/export/${slug}.xlsx?${query}`).set('authorization', `Bearer ${key}`));
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.body as unknown as ArrayBuffer);
  const [sheet, fieldsSheet] = workbook.worksheets;
  const headerOf = new Map<string, string>();
  fieldsSheet.eachRow((row, n) => n > 1 && headerOf.set(String(row.getCell(1).value), String(row.getCell(2).value)));
  const labels = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
  const fields = labels.map((label) => headerOf.get(label)!);
  const data: string[][] = [];
  for (let n = 2; n <= sheet.rowCount; n += 1) data.push(fields.map((_, i) => shown(sheet.getRow(n).getCell(i + 1).value)));
  return {
    fields,
    data,
    original: res.body as Buffer,
    async withRow(index, row) {
      const cells = sheet.getRow(index + 2);
      row.forEach((text, i) => {
        if (text === data[index][i]) return;
        cells.getCell(i + 1).value = /^[0-9]+$/.test(text) && typeof cells.getCell(i + 1).value === 'number' ? Number(text) : text;
      });
      return Buffer.from(await workbook.xlsx.writeBuffer());
    },
  };
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('an export sent back as it is, and with one cell edited', () => {
  it.each(TYPES.flatMap((t) => (['csv', 'xlsx'] as const).map((format) => [`${t.exportSlug}.${format}`, t, format] as const)))('%s', async (_name, type, format) => {
    // The city with the most records of the type in the published data set, and its editor.
    const busiest = () => sqlRows(app, `SELECT city_code FROM ${type.table} WHERE city_code IS NOT NULL AND archived_at IS NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`);
    if (!(await busiest()).length) {
      // Published only as totals (contracts) or not at all (awards): two Nanjing records made for the test.
      const example = examples().get(type.typename)!;
      for (let i = 0; i < 2; i += 1) {
        const res = await app.graphqlAs(admin, `mutation($input: Create${type.typename}Input!) { create${type.typename}(input: $input) { userErrors { message } } }`, { input: example.create() });
        expect(res.data?.[`create${type.typename}`]).toEqual({ userErrors: [] });
      }
    }
    const city = (await busiest())[0].city_code as string;
    const editor = (await app.createKey('CITY_EDITOR', city)).key;
    const contentType = format === 'csv' ? 'text/csv' : XLSX;

    const file = await openExport(format, type.exportSlug, `cityCode=${city}`, editor);
    expect(file.data.length).toBeGreaterThan(0);

    const audit = await sqlNumber(app, 'SELECT count(*) FROM audit_entry');
    const unchanged = await postCsv(type.importSlug, editor, file.original, contentType);
    expect(unchanged.body).toMatchObject({ applied: true, created: 0, updated: 0, unchanged: file.data.length, rowErrors: [], userErrors: [] });
    expect(unchanged.status).toBe(200);
    expect(await sqlNumber(app, 'SELECT count(*) FROM audit_entry')).toBe(audit);

    // One cell of one row edited, as a person would in Excel.
    const target = Math.min(1, file.data.length - 1);
    const row = [...file.data[target]];
    editOneCell(importTypeOf(type.importSlug)!.spec, file.fields, row);
    const globalId = row[file.fields.indexOf('id')];
    const id = Number(fromGlobalId(globalId).key);
    const [before] = await sqlRows(app, `SELECT version FROM ${type.table} WHERE id = $1`, [id]);
    const lastAudit = await sqlNumber(app, 'SELECT coalesce(max(id), 0) FROM audit_entry');

    const once = await postCsv(type.importSlug, editor, await file.withRow(target, row), contentType);
    expect(once.body).toMatchObject({ applied: true, created: 0, updated: 1, unchanged: file.data.length - 1 });
    expect(once.body.records.filter((r: any) => r.outcome === 'UPDATED').map((r: any) => [r.row, r.id])).toEqual([[target + 2, globalId]]);
    expect(await sqlRows(app, `SELECT version FROM ${type.table} WHERE id = $1`, [id])).toEqual([{ version: before.version + 1 }]);
    expect(await sqlRows(app, 'SELECT record_type, record_id, operation FROM audit_entry WHERE id > $1', [lastAudit])).toEqual([{ record_type: type.typename, record_id: id, operation: 'UPDATE' }]);
  });
});

describe('an export sent back after someone else changed a record', () => {
  it('refuses the whole file with CONFLICT at that row, rather than undo the change; exported again, it applies', async () => {
    const editor = (await app.createKey('CITY_EDITOR', NANJING)).key;
    const exportNanjing = () => asText(request(app.app).get(`/export/craftsman-academies.csv?cityCode=${NANJING}`).set('authorization', `Bearer ${editor}`));
    const stale = parse((await exportNanjing()).body as string, { bom: true }) as string[][];
    const [header, ...data] = stale;
    expect(data.length).toBeGreaterThan(1);
    const name = header.indexOf('name');
    const version = header.indexOf('version');

    // Someone else renames the second academy after the export.
    const [, other] = data;
    const renamed = await app.graphqlAs(admin, 'mutation($input: UpdateCraftsmanAcademyInput!) { updateCraftsmanAcademy(input: $input) { userErrors { message } } }', {
      input: { id: other[0], version: Number(other[version]), name: `${other[name]}（他人修改）` },
    });
    expect(renamed.data.updateCraftsmanAcademy.userErrors).toEqual([]);

    // The stale file, with an edit to the first academy: the second row would undo the rename.
    const edited = data.map((r) => [...r]);
    edited[0][name] = `${edited[0][name]}（本人修改）`;
    const refused = await postCsv('craftsman-academies', editor, csv([header, ...edited]));
    expect(refused.status).toBe(409);
    expect(refused.body.applied).toBe(false);
    expect(refused.body.rowErrors).toEqual([
      expect.objectContaining({ row: 3, column: 'version', field: 'version', code: 'CONFLICT', currentVersion: Number(other[version]) + 1 }),
    ]);
    expect(await sqlRows(app, 'SELECT name FROM craftsman_academy WHERE id = $1', [Number(fromGlobalId(edited[0][0]).key)])).toEqual([{ name: data[0][name] }]);
    expect(await sqlRows(app, 'SELECT name FROM craftsman_academy WHERE id = $1', [Number(fromGlobalId(other[0]).key)])).toEqual([{ name: `${other[name]}（他人修改）` }]);

    // Without the other record's row, or exported again, the edit applies.
    const fresh = parse((await exportNanjing()).body as string, { bom: true }) as string[][];
    fresh[1][name] = `${fresh[1][name]}（本人修改）`;
    const applied = await postCsv('craftsman-academies', editor, csv(fresh));
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ applied: true, updated: 1, unchanged: fresh.length - 2 });
  });
});

describe('a CSV saved by Excel on Chinese Windows', () => {
  let editor: string;
  let enterprise: { id: number; credit_code: string };
  beforeAll(async () => {
    editor = (await app.createKey('CITY_EDITOR', '320100')).key;
    [enterprise] = await testEnterprises((text, params) => app.dataSource.query(text, params), '320100');
  });

  const HEADER = ['外部编号', '名称', '类型', '示范级别', '企业统一社会信用代码', '成立日期'];

  it('is read as GBK, with Chinese headers, Chinese enum labels and the dates Excel writes', async () => {
    const body = iconv.encode(
      csv([
        HEADER,
        ['GBK-1', '焊接创新工作室', '劳模创新工作室', '市级示范性', enterprise.credit_code, '2024/5/1'],
        ['GBK-2', '数控创新工作室', '职工创新工作室', '', enterprise.credit_code, '2023年11月20日'],
      ]),
      'gbk',
    );
    expect(body.includes(Buffer.from('焊接', 'utf8'))).toBe(false); // really not UTF-8
    const res = await postCsv('innovation-studios', editor, body);
    expect(res.body).toMatchObject({ applied: true, created: 2, rowErrors: [] });
    expect(res.status).toBe(200);
    expect(await sqlRows(app, `SELECT external_id, name, kind, demonstration_level, established_on::text AS established_on FROM innovation_studio WHERE external_id LIKE 'GBK-%' ORDER BY 1`)).toEqual([
      { external_id: 'GBK-1', name: '焊接创新工作室', kind: 'MODEL_WORKER', demonstration_level: 'MUNICIPAL', established_on: '2024-05-01' },
      { external_id: 'GBK-2', name: '数控创新工作室', kind: 'EMPLOYEE', demonstration_level: 'NONE', established_on: '2023-11-20' },
    ]);
  });

  it('reads the charset the Content-Type names', async () => {
    const body = iconv.encode(csv([HEADER, ['GB18030-1', '𠀀新材料创新工作室', 'EMPLOYEE', '', enterprise.credit_code, '2022.3.9']]), 'gb18030');
    const res = await postCsv('innovation-studios', editor, body, 'text/csv; charset=GB18030');
    expect(res.status).toBe(200);
    expect(await sqlRows(app, `SELECT name, established_on::text AS d FROM innovation_studio WHERE external_id = 'GB18030-1'`)).toEqual([{ name: '𠀀新材料创新工作室', d: '2022-03-09' }]);
  });

  it('names each bad cell by its sheet row and its header as written', async () => {
    const res = await postCsv(
      'innovation-studios',
      editor,
      iconv.encode(
        csv([
          HEADER,
          ['ROW-1', '好的工作室', '职工创新工作室', '', enterprise.credit_code, '2024/5/1'],
          ['ROW-2', '坏的工作室', '不存在的类型', '', enterprise.credit_code, '2024/13/1'],
        ]),
        'gbk',
      ),
    );
    expect(res.status).toBe(422);
    expect(res.body.applied).toBe(false);
    expect(res.body.rowErrors.map((e: any) => [e.row, e.index, e.column, e.field, e.code])).toEqual([
      [3, 1, '类型', 'kind', 'INVALID'],
      [3, 1, '成立日期', 'establishedOn', 'INVALID'],
    ]);
    expect(await sqlNumber(app, `SELECT count(*) FROM innovation_studio WHERE external_id LIKE 'ROW-%'`)).toBe(0);
  });

  it('refuses a column neither the import nor the export knows, and still needs a key for new rows', async () => {
    const unknown = await postCsv('innovation-studios', editor, csv([['外部编号', '名称', '备注'], ['X-1', '甲', '']]));
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].message).toContain("'备注'");
    const keyless = await postCsv('innovation-studios', editor, csv([['名称', '类型'], ['甲', 'EMPLOYEE']]));
    expect(keyless.status).toBe(400);
    expect(keyless.body.errors[0].extensions.missingFields).toEqual(['externalId']);
  });
});

describe('spreadsheet headers', () => {
  it.each(TYPES.map((t) => [t.importSlug] as const))('%s: every column has its own Chinese header, and every enum value its own label', (slug) => {
    const type = importTypeOf(slug)!;
    const { allowed, labels, headers, enumLabels } = importColumns(type);
    const chinese = allowed.map((name) => labels.get(name)!);
    expect(chinese.filter((label) => !/\p{Script=Han}/u.test(label))).toEqual([]);
    expect(new Set(chinese).size).toBe(chinese.length);
    for (const name of allowed) expect(headers.get(labels.get(name)!)).toBe(name);
    for (const [field, byLabel] of enumLabels) {
      const values = (type.spec.fields[field].kind as { values: readonly string[] }).values;
      expect([field, [...new Set(byLabel.values())].sort()]).toEqual([field, [...values].sort()]);
    }
  });
});

describe('workbooks', () => {
  const loadWorkbook = async (body: Buffer) => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(body as unknown as ArrayBuffer);
    return workbook;
  };

  it('an export writes codes as text, dates as dates, counts as numbers and enums in Chinese, under Chinese headers, and says what it holds', async () => {
    const res = await asBytes(request(app.app).get('/export/enterprises.xlsx?cityCode=320100').set('authorization', `Bearer ${admin}`));
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/enterprises-\d{4}-\d{2}-\d{2}\.xlsx/);
    const workbook = await loadWorkbook(res.body as Buffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['数据 Data', '字段 Fields', '说明 About']);
    const sheet = workbook.worksheets[0];
    const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1);
    expect(header).toEqual(expect.arrayContaining(['ID', '统一社会信用代码', '企业名称', '所有制', '职工人数', '成立日期', '城市']));
    const column = (label: string) => header.indexOf(label) + 1;
    const stored = await sqlRows(app, `SELECT credit_code, employee_count, established_on::text AS established_on, ownership FROM enterprise WHERE city_code = '320100' AND archived_at IS NULL ORDER BY id`);
    expect(sheet.rowCount - 1).toBe(stored.length);
    const ownership: Record<string, string> = { STATE_OWNED: '国有企业', PRIVATE: '民营企业', FOREIGN_INVESTED: '外资企业', OTHER: '其他' };
    stored.forEach((e, i) => {
      const row = sheet.getRow(i + 2);
      expect(row.getCell(column('统一社会信用代码')).value).toBe(e.credit_code); // a string, even where all 18 characters are digits
      expect(row.getCell(column('职工人数')).value).toBe(e.employee_count);
      const founded = row.getCell(column('成立日期')).value;
      expect(founded === null ? null : (founded as Date).toISOString().slice(0, 10)).toBe(e.established_on);
      expect(row.getCell(column('所有制')).value).toBe(e.ownership === null ? null : ownership[e.ownership]);
    });
    const about = workbook.getWorksheet('说明 About')!;
    const lines = about.getSheetValues().flatMap((r) => (Array.isArray(r) ? [r.slice(1).map(String).join(' ')] : []));
    expect(lines.join('\n')).toMatch(/筛选条件 Filters cityCode = 320100/);
    expect(lines.join('\n')).toMatch(/空白单元格表示未知，不是零/);
  });

  it('an all-digit 18-character credit code stays whole: a text cell, not 9.1E+17', async () => {
    // A valid credit code of digits only (its check character a digit too), as some institutions' are.
    let code = '';
    for (let n = 1; !/^[0-9]{18}$/.test(code); n += 1) {
      const body = `1232010000${String(n).padStart(7, '0')}`;
      code = body + creditCodeCheckCharacter(body);
    }
    const [{ id }] = await sqlRows(app, `INSERT INTO enterprise (credit_code, name, province_code, city_code) VALUES ($1, '数字信用代码事业单位', '320000', '320100') RETURNING id`, [code]);
    const res = await asBytes(request(app.app).get('/export/enterprises.xlsx?cityCode=320100').set('authorization', `Bearer ${admin}`));
    const sheet = (await loadWorkbook(res.body as Buffer)).worksheets[0];
    const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1);
    const rowOf = sheet.getColumn(header.indexOf('ID') + 1).values.indexOf(toGlobalId('Enterprise', id));
    const cell = sheet.getRow(rowOf).getCell(header.indexOf('统一社会信用代码') + 1);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe(code);
  });

  it('the template has Chinese headers, a drop-down for every enum, instructions and an example sheet; filled in, it imports', async () => {
    const editor = (await app.createKey('CITY_EDITOR', NANJING)).key;
    const [enterprise] = await testEnterprises((text, params) => app.dataSource.query(text, params), NANJING);
    const res = await asBytes(request(app.app).get('/import/innovation-studios/template.xlsx').set('authorization', `Bearer ${editor}`));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    const workbook = await loadWorkbook(res.body as Buffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['填写 Data', '选项 Lists', '说明 Instructions', '字段 Fields', '示例 Example']);
    const sheet = workbook.worksheets[0];
    const { allowed, labels } = importColumns(importTypeOf('innovation-studios')!);
    const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1);
    expect(header).toEqual(allowed.map((name) => labels.get(name)));
    const kind = header.indexOf('类型') + 1;
    const validation = sheet.getCell(2, kind).dataValidation;
    expect(validation).toMatchObject({ type: 'list' });
    const lists = workbook.getWorksheet('选项 Lists')!;
    expect(lists.state).toBe('hidden');
    const listed = lists.getColumn(1).values.slice(2);
    expect(listed).toEqual(['劳模创新工作室', '职工创新工作室', '工匠创新工作室', '专业技术创新工作室']);

    // Filled in as a person would: one row, a Chinese label from the drop-down, a date cell.
    const row = sheet.getRow(2);
    row.getCell(header.indexOf('外部编号') + 1).value = 'TPL-1';
    row.getCell(header.indexOf('名称') + 1).value = '模板导入工作室';
    row.getCell(kind).value = '工匠创新工作室';
    row.getCell(header.indexOf('成立日期') + 1).value = new Date('2025-03-08T00:00:00Z');
    row.getCell(header.indexOf('企业统一社会信用代码') + 1).value = enterprise.credit_code;
    const imported = await postCsv('innovation-studios', editor, Buffer.from(await workbook.xlsx.writeBuffer()), XLSX);
    expect(imported.body).toMatchObject({ applied: true, created: 1, rowErrors: [] });
    expect(await sqlRows(app, `SELECT kind, established_on::text AS d, enterprise_id FROM innovation_studio WHERE external_id = 'TPL-1'`)).toEqual([{ kind: 'CRAFTSMAN', d: '2025-03-08', enterprise_id: enterprise.id }]);
  });

  it('refuses a body that is not a workbook (400) and a workbook over the limit before reading it (413)', async () => {
    const editor = (await app.createKey('CITY_EDITOR', NANJING)).key;
    const garbage = await postCsv('innovation-studios', editor, Buffer.from('not a zip'), XLSX);
    expect(garbage.status).toBe(400);
    expect(garbage.body.errors[0].message).toMatch(/not an \.xlsx workbook/);
    const big = await postCsv('innovation-studios', editor, Buffer.alloc(9 * 1024 * 1024), XLSX);
    expect(big.status).toBe(413);
  });
});

describe('POST /export/table.<format>: a list the caller holds, as the same cells', () => {
  const post = (format: string, body: unknown) =>
    asBytes(request(app.app).post(`/export/table.${format}`).set('authorization', `Bearer ${admin}`).set('content-type', 'application/json').send(body as object));

  it('writes codes as text, numbers as numbers, dates as dates; CSV with a BOM', async () => {
    const table = { columns: ['code', 'name', 'count', 'signedOn'], rows: [['320100', '南京', 598, '2024-05-01'], ['320200', '无锡', null, null]], title: 'CityCounts' };
    const xlsx = await post('xlsx', table);
    expect(xlsx.status).toBe(200);
    const sheet = (await (async () => { const w = new ExcelJS.Workbook(); await w.xlsx.load(xlsx.body as unknown as ArrayBuffer); return w; })()).worksheets[0];
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(table.columns);
    expect(sheet.getRow(2).getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getRow(2).getCell(3).value).toBe(598);
    expect((sheet.getRow(2).getCell(4).value as Date).toISOString().slice(0, 10)).toBe('2024-05-01');
    expect(sheet.getRow(3).getCell(3).value).toBeNull(); // unknown stays empty, never 0
    const csvText = (await post('csv', table)).body.toString('utf8');
    expect(csvText).toBe('\uFEFFcode,name,count,signedOn\r\n320100,南京,598,2024-05-01\r\n320200,无锡,,\r\n');
  });

  it('refuses what is not a table (400), too many rows (413) and another format (404)', async () => {
    expect((await post('xlsx', { columns: 'code', rows: [] })).status).toBe(400);
    expect((await post('xlsx', { columns: ['a'], rows: [[{ nested: true }]] })).status).toBe(400);
    expect((await post('xlsx', { columns: ['a', 'b'], rows: [['only one']] })).status).toBe(400);
    expect((await post('xlsx', { columns: ['a'], rows: Array.from({ length: 10_001 }, () => [1]) })).status).toBe(413);
    expect((await post('pdf', { columns: ['a'], rows: [] })).status).toBe(404);
  });
});
