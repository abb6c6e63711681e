/**
 * Spreadsheets the way city portals use them: export the city's records, edit them in Excel, send
 * them back; files saved by Excel on Chinese Windows (GBK), with Chinese headers, Chinese enum labels
 * and Excel's dates; errors placed at the row and under the header the person sees.
 */
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import request from 'supertest';
import { registryTypes } from '../../src/modules';
import type { RecordSpec } from '../../src/registry/writes/record-spec';
import { importColumns, importTypeOf } from '../../src/modules/bulk-import/import-types';
import { fromGlobalId, toGlobalId } from '../../src/graphql/relay/global-id';
import { writableTypes, type ExampleContext } from '../setup/record-examples';
import { testEnterprises } from '../setup/fixtures';
import { sqlNumber, sqlRows } from '../setup/queries';
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
  const [enterprise] = await testEnterprises((text, params) => app.dataSource.query(text, params), NANJING);
  context.enterpriseId = toGlobalId('Enterprise', enterprise.id);
  const [source] = await sqlRows(app, 'SELECT id FROM source ORDER BY id LIMIT 1');
  context.sourceId = toGlobalId('Source', source.id);
  const [competition] = await sqlRows(app, 'SELECT id FROM skill_competition ORDER BY id LIMIT 1');
  context.skillCompetitionId = toGlobalId('SkillCompetition', competition.id);
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

describe('an export sent back as it is, and with one cell edited', () => {
  it.each(TYPES.map((t) => [t.exportSlug, t] as const))('%s', async (_slug, type) => {
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

    const exported = await asText(request(app.app).get(`/export/${type.exportSlug}.csv?cityCode=${city}`).set('authorization', `Bearer ${editor}`));
    expect(exported.status).toBe(200);
    const rows = parse(exported.body as string, { bom: true }) as string[][];
    const [header, ...data] = rows;
    expect(data.length).toBeGreaterThan(0);

    const audit = await sqlNumber(app, 'SELECT count(*) FROM audit_entry');
    const unchanged = await postCsv(type.importSlug, editor, exported.body as string);
    expect(unchanged.body).toMatchObject({ applied: true, created: 0, updated: 0, unchanged: data.length, rowErrors: [], userErrors: [] });
    expect(unchanged.status).toBe(200);
    expect(await sqlNumber(app, 'SELECT count(*) FROM audit_entry')).toBe(audit);

    // One text cell of one row edited, as a person would in Excel.
    const edited = data.map((r) => [...r]);
    const target = Math.min(1, data.length - 1);
    editOneCell(importTypeOf(type.importSlug)!.spec, header, edited[target]);
    const id = Number(fromGlobalId(edited[target][header.indexOf('id')]).key);
    const [before] = await sqlRows(app, `SELECT version FROM ${type.table} WHERE id = $1`, [id]);

    const once = await postCsv(type.importSlug, editor, csv([header, ...edited]));
    expect(once.body).toMatchObject({ applied: true, created: 0, updated: 1, unchanged: data.length - 1 });
    expect(once.body.records.filter((r: any) => r.outcome === 'UPDATED').map((r: any) => [r.row, r.id])).toEqual([[target + 2, edited[target][header.indexOf('id')]]]);
    expect(await sqlRows(app, `SELECT version FROM ${type.table} WHERE id = $1`, [id])).toEqual([{ version: before.version + 1 }]);
    expect(await sqlNumber(app, 'SELECT count(*) FROM audit_entry')).toBe(audit + 1);
    expect(await sqlNumber(app, `SELECT count(*) FROM audit_entry WHERE record_type = $1 AND record_id = $2 AND operation = 'UPDATE' AND occurred_at > now() - interval '1 minute'`, [type.typename, id])).toBe(1);
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
