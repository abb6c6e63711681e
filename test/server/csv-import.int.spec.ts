/**
 * CSV imports for spreadsheet users: `POST /import/<type>` with a text/csv body does what the
 * GraphQL bulk upsert does (all or nothing, every problem of every row, idempotency keys, city
 * scope), and `GET /import/<type>/template` gives the header row.
 */
import request from 'supertest';
import { creditCodeCheckCharacter } from '../../src/common/credit-code';
import { createApp } from '../../src/server/app';
import { testEnterprises } from '../setup/fixtures';
import { sqlNumber, sqlRows } from '../setup/queries';
import { startTestApp, type TestApp } from '../setup/test-app';
import { importTypeSlugs } from '../../src/modules/bulk-import/import-types';
import { registryTypes } from '../../src/modules';

/** Every importable type, as declared (slug → its bulk upsert mutation): a new type is covered without touching this file. */
const TYPES: Record<string, string> = Object.fromEntries(registryTypes().flatMap((t) => (t.import ? [[t.import.slug, t.import.mutation]] : [])));

/** Well-formed, but no enterprise of the data set has it. */
const UNKNOWN_CREDIT_CODE = '91320100XYW00000Q' + creditCodeCheckCharacter('91320100XYW00000Q');
const BOM = '\uFEFF';

let app: TestApp;
let nanjing: string;
let otherCity: string;
let otherEditor: string;
let admin: string;
let analyst: string;
let nanjingEnterprise: { id: number; credit_code: string };

beforeAll(async () => {
  app = await startTestApp();
  nanjing = (await app.createKey('CITY_EDITOR', '320100')).key;
  [{ city_code: otherCity }] = await sqlRows(app, `SELECT city_code FROM enterprise WHERE city_code <> '320100' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`);
  otherEditor = (await app.createKey('CITY_EDITOR', otherCity)).key;
  admin = (await app.createKey('ADMIN')).key;
  analyst = (await app.createKey('ANALYST')).key;
  // The published data set has no enterprise in Nanjing: the imported studios' host is one made here.
  [nanjingEnterprise] = await testEnterprises((text, params) => app.dataSource.query(text, params), '320100');
});
afterAll(() => app.close());

it('knows the importable types the router serves', () => {
  expect(Object.keys(TYPES).sort()).toEqual(importTypeSlugs().sort());
  expect(Object.keys(TYPES)).toEqual(expect.arrayContaining(['enterprises', 'innovation-studios', 'craftsmen', 'skill-competitions']));
});

/** One CSV line: cells with a comma, quote or line break are quoted, quotes doubled. */
const line = (cells: unknown[]) => cells.map((c) => (c == null ? '' : String(c))).map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
const csv = (rows: unknown[][], eol = '\r\n') => rows.map(line).join(eol) + eol;

function postCsv(type: string, body: string | Buffer, options: { key?: string | null; idempotencyKey?: string; contentType?: string } = {}) {
  const req = request(app.app).post(`/import/${type}`).set('content-type', options.contentType ?? 'text/csv');
  const key = options.key === undefined ? nanjing : options.key;
  if (key) req.set('authorization', `Bearer ${key}`);
  if (options.idempotencyKey !== undefined) req.set('idempotency-key', options.idempotencyKey);
  return req.send(typeof body === 'string' ? Buffer.from(body, 'utf8') : body);
}

const STUDIO_HEADER = ['externalId', 'name', 'kind', 'enterpriseCreditCode', 'establishedOn'];
const studios = (n: number, tag: string) => Array.from({ length: n }, (_, i) => [`${tag}-${i}`, `导入工作室 ${tag} ${i}`, i % 2 ? 'EMPLOYEE' : 'MODEL_WORKER', nanjingEnterprise.credit_code, '2023-06-01']);
const studioCount = (tag: string) => sqlNumber(app, `SELECT count(*) FROM innovation_studio WHERE external_id LIKE $1`, [`${tag}-%`]);

describe('GET /import/<type>/template', () => {
  const typeRef = 'name kind ofType { name kind ofType { name kind ofType { name kind } } }';
  const named = (t: any): string => (t.name ? t.name : named(t.ofType));

  /** The fields of the records a GraphQL bulk upsert takes, read by introspection. */
  async function recordInputFields(mutation: string): Promise<string[]> {
    const res = await app.graphql(`{ __type(name: "Mutation") { fields { name args { name type { ${typeRef} } } } } }`);
    const field = res.data.__type.fields.find((f: any) => f.name === mutation);
    expect(field).toBeDefined();
    const input = named(field.args.find((a: any) => a.name === 'input').type);
    const inputType = (await app.graphql(`{ __type(name: "${input}") { inputFields { name type { ${typeRef} } } } }`)).data.__type;
    const records = named(inputType.inputFields.find((f: any) => f.name === 'records').type);
    return (await app.graphql(`{ __type(name: "${records}") { inputFields { name } } }`)).data.__type.inputFields.map((f: any) => f.name);
  }

  it.each(Object.entries(TYPES))('%s: the header row is the fields of the GraphQL bulk input (%s), as UTF-8 CSV with a BOM', async (slug, mutation) => {
    const res = await request(app.app).get(`/import/${slug}/template`).set('authorization', `Bearer ${nanjing}`).buffer(true).parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers['content-disposition']).toContain(`${slug}.csv`);
    const text = res.body as string;
    expect(text.startsWith(BOM)).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    const names = text.slice(1).trim().split(',');
    expect(names[0]).toBe('externalId');
    expect([...names].sort()).toEqual([...(await recordInputFields(mutation))].sort());
  });

  it('answers 404 listing the types for an unknown type', async () => {
    const res = await request(app.app).get('/import/widgets/template');
    expect(res.status).toBe(404);
    expect(res.body.errors[0].message).toContain('innovation-studios');
    expect(res.body.errors[0].extensions.types).toEqual(expect.arrayContaining(Object.keys(TYPES)));
    for (const path of ['/import', '/import/innovation-studios', '/import/innovation-studios/template/x']) {
      const other = await request(app.app).get(path);
      expect(other.status).toBe(404);
      expect(other.body.errors[0].message).toMatch(/POST \/import\/<type>.*types: /);
      for (const slug of Object.keys(TYPES)) expect(other.body.errors[0].message).toContain(slug);
    }
  });
});

describe('POST /import/innovation-studios', () => {
  it('creates records from a CSV without BOM, then updates only what changed from one with a BOM', async () => {
    const audit = await sqlNumber(app, 'SELECT count(*) FROM audit_entry');
    const first = await postCsv('innovation-studios', csv([STUDIO_HEADER, ...studios(3, 'PLAIN')], '\n'));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ applied: true, replayed: false, created: 3, updated: 0, unchanged: 0, rowErrors: [], userErrors: [] });
    expect(first.body.records.map((r: any) => [r.index, r.externalId, r.outcome])).toEqual([
      [0, 'PLAIN-0', 'CREATED'],
      [1, 'PLAIN-1', 'CREATED'],
      [2, 'PLAIN-2', 'CREATED'],
    ]);
    const rows = studios(3, 'PLAIN');
    rows[1][1] = '改名的工作室';
    const second = await postCsv('innovation-studios', BOM + csv([STUDIO_HEADER, ...rows]));
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ applied: true, created: 0, updated: 1, unchanged: 2 });
    expect(await sqlRows(app, `SELECT name, kind, city_code, established_on::text AS established_on FROM innovation_studio WHERE external_id = 'PLAIN-1'`)).toEqual([
      { name: '改名的工作室', kind: 'EMPLOYEE', city_code: '320100', established_on: '2023-06-01' },
    ]);
    expect(await sqlNumber(app, 'SELECT count(*) FROM audit_entry')).toBe(audit + 4);
  });

  it('reads quoted cells with commas, quotes, line breaks and Chinese text, without shifting the rows after them', async () => {
    const body =
      `${STUDIO_HEADER.join(',')}\r\n` +
      `Q-0,"南京市秦淮区,""金陵""工匠创新工作室",MODEL_WORKER,${nanjingEnterprise.credit_code},2020-01-02\r\n` +
      `Q-1,"  鼓楼区技能大师工作室\r\n",EMPLOYEE,${nanjingEnterprise.credit_code},\r\n` +
      `Q-2,"第一行\n第二行",EMPLOYEE,${nanjingEnterprise.credit_code},\r\n` +
      `Q-3,浦口区创新工作室,EMPLOYEE,"${nanjingEnterprise.credit_code}",2021-03-04\r\n`;
    // A line break inside a name is refused by the name's rules (no control characters), at its own row.
    const refused = await postCsv('innovation-studios', body);
    expect(refused.status).toBe(422);
    expect(refused.body.rowErrors.map((e: any) => [e.index, e.field, e.code])).toEqual([[2, 'name', 'INVALID']]);
    expect(refused.body.rowErrors[0].message).toMatch(/control characters/);

    const fixed = body.replace('"第一行\n第二行"', '"第一行，第二行"');
    const res = await postCsv('innovation-studios', fixed);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ applied: true, created: 4 });
    const names = await sqlRows(app, `SELECT external_id, name, established_on::text AS established_on FROM innovation_studio WHERE external_id LIKE 'Q-%' ORDER BY external_id`);
    expect(names).toEqual([
      { external_id: 'Q-0', name: '南京市秦淮区,"金陵"工匠创新工作室', established_on: '2020-01-02' },
      { external_id: 'Q-1', name: '鼓楼区技能大师工作室', established_on: null },
      { external_id: 'Q-2', name: '第一行，第二行', established_on: null },
      { external_id: 'Q-3', name: '浦口区创新工作室', established_on: '2021-03-04' },
    ]);
  });

  it('applies nothing for a header-only file, and says so with zeros', async () => {
    const audit = await sqlNumber(app, 'SELECT count(*) FROM audit_entry');
    for (const body of [`${STUDIO_HEADER.join(',')}\r\n`, BOM + STUDIO_HEADER.join(','), `${STUDIO_HEADER.join(',')}\n\n\n`]) {
      const res = await postCsv('innovation-studios', body);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ applied: true, replayed: false, created: 0, updated: 0, unchanged: 0, records: [], rowErrors: [], userErrors: [] });
    }
    expect(await sqlNumber(app, 'SELECT count(*) FROM audit_entry')).toBe(audit);
  });

  it('gives a blank cell of a column with a default that default on a new record, and clears it on an existing one', async () => {
    const header = ['externalId', 'name', 'kind', 'enterpriseCreditCode', 'demonstrationLevel', 'establishedOn'];
    const first = await postCsv('innovation-studios', csv([header, ['BLANK-1', '空白示范级别', 'EMPLOYEE', nanjingEnterprise.credit_code, '', '2023-06-01']]));
    expect(first.status).toBe(200);
    const [row] = await sqlRows(app, `SELECT demonstration_level, established_on::text AS established FROM innovation_studio WHERE external_id = 'BLANK-1'`);
    expect(row).toEqual({ demonstration_level: 'NONE', established: '2023-06-01' });
    const second = await postCsv('innovation-studios', csv([header, ['BLANK-1', '空白示范级别', 'EMPLOYEE', nanjingEnterprise.credit_code, 'MUNICIPAL', '']]));
    expect(second.body).toMatchObject({ applied: true, updated: 1 });
    const [after] = await sqlRows(app, `SELECT demonstration_level, established_on FROM innovation_studio WHERE external_id = 'BLANK-1'`);
    expect(after).toEqual({ demonstration_level: 'MUNICIPAL', established_on: null });
  });
});

/** A well-formed credit code (GB 32100-2015) no enterprise of the data set has. */
const newCreditCode = (i: number) => {
  const base = `91320100MA${String(i).padStart(7, '0')}`;
  return base + creditCodeCheckCharacter(base);
};
const byRowAndField = (errors: any[]) => errors.map((e) => [e.index, e.field, e.code]).sort((a, b) => a[0] - b[0] || String(a[1]).localeCompare(String(b[1])));

describe('the other record types', () => {
  const ENTERPRISE_HEADER = ['externalId', 'creditCode', 'name', 'ownership', 'industry', 'employeeCount'];
  const enterprises = () => [
    ['E-0', newCreditCode(1), '南京示例精密制造有限公司', 'PRIVATE', '制造业', '1200'],
    ['E-1', newCreditCode(2), '南京示例电力设备有限公司', 'STATE_OWNED', '', '350'],
    ['E-2', newCreditCode(3), '南京示例软件有限公司', 'PRIVATE', '软件和信息技术服务业', ''],
    ['E-3', newCreditCode(4), '南京示例材料有限公司', 'OTHER', '', '80'],
    ['E-4', newCreditCode(5), '南京示例船舶有限公司', 'PRIVATE', '', '4000'],
  ];

  it('enterprises: reports cells that are not numbers with the engine’s own errors, all rows at once, and applies nothing', async () => {
    const rows = enterprises();
    rows[1][5] = 'abc';
    rows[2][5] = '-5';
    rows[3][0] = '';
    rows[3][5] = '1.5';
    rows[4][2] = '';
    rows[4][5] = '12k';
    const before = await sqlNumber(app, 'SELECT count(*) FROM enterprise');
    const res = await postCsv('enterprises', csv([ENTERPRISE_HEADER, ...rows]));
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ applied: false, records: [], userErrors: [] });
    expect(byRowAndField(res.body.rowErrors)).toEqual([
      [1, 'employeeCount', 'INVALID'],
      [2, 'employeeCount', 'INVALID'],
      [3, 'employeeCount', 'INVALID'],
      [3, 'externalId', 'INVALID'],
      [4, 'employeeCount', 'INVALID'],
      [4, 'name', 'INVALID'],
    ]);
    const message = (index: number, field: string) => res.body.rowErrors.find((e: any) => e.index === index && e.field === field).message;
    expect(message(1, 'employeeCount')).toBe("employeeCount: 'abc' is not a whole number.");
    expect(message(2, 'employeeCount')).toMatch(/between 0 and/);
    expect(message(3, 'employeeCount')).toBe("employeeCount: '1.5' is not a whole number.");
    expect(message(4, 'employeeCount')).toBe("employeeCount: '12k' is not a whole number.");
    expect(await sqlNumber(app, 'SELECT count(*) FROM enterprise')).toBe(before);

    const good = await postCsv('enterprises', csv([ENTERPRISE_HEADER, ...enterprises()]));
    expect(good.status).toBe(200);
    expect(good.body).toMatchObject({ applied: true, created: 5 });
    expect(await sqlRows(app, `SELECT external_id, city_code, employee_count, industry FROM enterprise WHERE external_id IN ('E-0', 'E-2') ORDER BY external_id`)).toEqual([
      { external_id: 'E-0', city_code: '320100', employee_count: 1200, industry: '制造业' },
      { external_id: 'E-2', city_code: '320100', employee_count: null, industry: '软件和信息技术服务业' },
    ]);
  });

  it('craftsman academies: reads true/false, 是/否, yes/no and 1/0', async () => {
    const header = ['externalId', 'name', 'level', 'onProvincialSupportList'];
    const rows = [
      ['A-0', '南京示例工匠学院', 'MUNICIPAL', '是'],
      ['A-1', '秦淮示例工匠学院', 'DISTRICT', 'no'],
      ['A-2', '鼓楼示例工匠学院', 'DISTRICT', 'maybe'],
      ['A-3', '江宁示例工匠学院', 'DISTRICT', 'TRUE'],
    ];
    const refused = await postCsv('craftsman-academies', csv([header, ...rows]));
    expect(refused.status).toBe(422);
    expect(refused.body.rowErrors).toEqual([
      { index: 2, row: 4, field: 'onProvincialSupportList', column: 'onProvincialSupportList', code: 'INVALID', message: "onProvincialSupportList: 'maybe' is not true or false." },
    ]);
    rows[2][3] = '否';
    const res = await postCsv('craftsman-academies', csv([header, ...rows]));
    expect(res.status).toBe(200);
    expect(await sqlRows(app, `SELECT external_id, on_provincial_support_list AS listed FROM craftsman_academy WHERE external_id LIKE 'A-%' AND city_code = '320100' ORDER BY external_id`)).toEqual([
      { external_id: 'A-0', listed: true },
      { external_id: 'A-1', listed: false },
      { external_id: 'A-2', listed: false },
      { external_id: 'A-3', listed: true },
    ]);
  });

  it('collective innovation contracts: refer to an enterprise by its external id in the city', async () => {
    const header = ['externalId', 'enterpriseExternalId', 'signedOn', 'termMonths', 'workersCovered', 'projectsPlanned', 'projectsCompleted'];
    const rows = [
      ['C-0', 'E-0', '2024-01-15', '36', '800', '10', '3'],
      ['C-1', 'E-1', '2024-03-01', '0', '300', '5', '3.5'],
      ['C-2', 'E-404', '2024-03-01', '12', '10', '1', '0'],
    ];
    const refused = await postCsv('collective-innovation-contracts', csv([header, ...rows]));
    expect(refused.status).toBe(422);
    expect(byRowAndField(refused.body.rowErrors)).toEqual([
      [1, 'projectsCompleted', 'INVALID'],
      [1, 'termMonths', 'INVALID'],
      [2, 'enterpriseExternalId', 'NOT_FOUND'],
    ]);
    const res = await postCsv('collective-innovation-contracts', csv([header, rows[0], ['C-1', 'E-1', '2024-03-01', '24', '300', '5', '3']]));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ applied: true, created: 2 });
    expect(await sqlNumber(app, `SELECT count(*) FROM collective_innovation_contract c JOIN enterprise e ON e.id = c.enterprise_id WHERE c.external_id IN ('C-0', 'C-1') AND e.external_id IN ('E-0', 'E-1')`)).toBe(2);
  });

  it('craftsmen: created in their enterprise’s city', async () => {
    const header = ['externalId', 'name', 'level', 'status', 'year', 'enterpriseExternalId'];
    const refused = await postCsv('craftsmen', csv([header, ['K-0', '王建国', 'MUNICIPAL', 'CERTIFIED', '二〇二三', 'E-0']]));
    expect(refused.status).toBe(422);
    expect(refused.body.rowErrors).toEqual([{ index: 0, row: 2, field: 'year', column: 'year', code: 'INVALID', message: "year: '二〇二三' is not a whole number." }]);
    const res = await postCsv('craftsmen', csv([header, ['K-0', '王建国', 'MUNICIPAL', 'CERTIFIED', '2023', 'E-0'], ['K-1', '李秀英', 'PROVINCIAL', 'IN_TRAINING', '', 'E-4']]));
    expect(res.status).toBe(200);
    expect(await sqlRows(app, `SELECT external_id, city_code, year FROM craftsman WHERE external_id IN ('K-0', 'K-1') ORDER BY external_id`)).toEqual([
      { external_id: 'K-0', city_code: '320100', year: 2023 },
      { external_id: 'K-1', city_code: '320100', year: null },
    ]);
  });
});

describe('5,000 rows', () => {
  it('applies nothing when some rows are bad, and reports every bad row with its index and field', async () => {
    const rows = studios(5000, 'BULK-BAD');
    rows[7][2] = 'WORKSHOP';
    rows[1234][4] = '2024-13-01';
    rows[2500][1] = '';
    rows[4999][3] = UNKNOWN_CREDIT_CODE;
    rows[3000][0] = 'BULK-BAD-2999';
    const before = await sqlNumber(app, 'SELECT count(*) FROM innovation_studio');
    const audit = await sqlNumber(app, 'SELECT count(*) FROM audit_entry');
    const started = Date.now();
    const res = await postCsv('innovation-studios', csv([STUDIO_HEADER, ...rows]));
    const took = Date.now() - started;
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ applied: false, replayed: false, created: 0, records: [], userErrors: [] });
    expect(res.body.rowErrors.map((e: any) => [e.index, e.field, e.code])).toEqual([
      [7, 'kind', 'INVALID'],
      [1234, 'establishedOn', 'INVALID'],
      [2500, 'name', 'INVALID'],
      [3000, 'externalId', 'DUPLICATE'],
      [4999, 'enterpriseCreditCode', 'NOT_FOUND'],
    ]);
    expect(await sqlNumber(app, 'SELECT count(*) FROM innovation_studio')).toBe(before);
    expect(await sqlNumber(app, 'SELECT count(*) FROM audit_entry')).toBe(audit);
    expect(took).toBeLessThan(5000);
  });

  it('applies a good file once; the same file with the same Idempotency-Key gives the same result, replayed', async () => {
    const body = csv([STUDIO_HEADER, ...studios(5000, 'BULK-OK')]);
    const started = Date.now();
    const first = await postCsv('innovation-studios', body, { idempotencyKey: 'import-1' });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ applied: true, replayed: false, created: 5000, updated: 0, unchanged: 0 });
    expect(await studioCount('BULK-OK')).toBe(5000);
    const audit = await sqlNumber(app, 'SELECT count(*) FROM audit_entry');

    const replay = await postCsv('innovation-studios', body, { idempotencyKey: 'import-1' });
    expect(replay.status).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual({ ...first.body, replayed: true });
    expect(await sqlNumber(app, 'SELECT count(*) FROM audit_entry')).toBe(audit);
    expect(await studioCount('BULK-OK')).toBe(5000);

    // Without the key the same file is applied again, and changes nothing.
    const again = await postCsv('innovation-studios', body);
    expect(again.body).toMatchObject({ applied: true, replayed: false, created: 0, unchanged: 5000 });
    expect(await sqlNumber(app, 'SELECT count(*) FROM audit_entry')).toBe(audit);

    const reused = await postCsv('innovation-studios', csv([STUDIO_HEADER, ...studios(2, 'BULK-OK')]), { idempotencyKey: 'import-1' });
    expect(reused.status).toBe(409);
    expect(reused.body.userErrors[0]).toMatchObject({ field: 'idempotencyKey', code: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it('refuses more than 5,000 data rows with 413, before reading them all', async () => {
    const res = await postCsv('innovation-studios', csv([STUDIO_HEADER, ...studios(5001, 'BULK-OVER')]));
    expect(res.status).toBe(413);
    expect(res.body.errors[0]).toMatchObject({ extensions: { code: 'PAYLOAD_TOO_LARGE', maxRows: 5000 } });
    expect(res.body.errors[0].message).toMatch(/at most 5,000 data rows/);
    // Blank rows at the end do not count.
    const padded = csv([STUDIO_HEADER, ...studios(5000, 'BULK-PAD')]) + ',,,,\r\n'.repeat(3);
    expect((await postCsv('innovation-studios', padded)).body).toMatchObject({ applied: true, created: 5000 });
  });

  it('applies a file once when it is sent twice at the same time with the same key', async () => {
    const body = csv([STUDIO_HEADER, ...studios(1000, 'RACE')]);
    const [a, b] = await Promise.all([0, 1].map(() => postCsv('innovation-studios', body, { idempotencyKey: 'race-csv' })));
    const ran = [a, b].filter((r) => r.status === 200 && !r.body.replayed);
    expect(ran).toHaveLength(1);
    expect(ran[0].body).toMatchObject({ applied: true, created: 1000 });
    const other = a === ran[0] ? b : a;
    if (other.status === 200) expect(other.body).toMatchObject({ applied: true, replayed: true, created: 1000 });
    else expect([other.status, other.body.userErrors[0].code]).toEqual([409, 'IN_PROGRESS']);
    expect(await studioCount('RACE')).toBe(1000);
    expect(await sqlNumber(app, `SELECT count(*) FROM audit_entry WHERE record_type = 'InnovationStudio' AND after->>'external_id' LIKE 'RACE-%'`)).toBe(1000);
  });
});

describe('who may import', () => {
  it("refuses another city's editor for records of Nanjing's enterprises, row by row with FORBIDDEN", async () => {
    const before = await sqlNumber(app, 'SELECT count(*) FROM innovation_studio');
    const res = await postCsv('innovation-studios', csv([STUDIO_HEADER, ...studios(3, 'INTRUDER')]), { key: otherEditor });
    expect(res.status).toBe(422);
    expect(res.body.applied).toBe(false);
    expect(res.body.rowErrors.map((e: any) => [e.index, e.code])).toEqual([
      [0, 'FORBIDDEN'],
      [1, 'FORBIDDEN'],
      [2, 'FORBIDDEN'],
    ]);
    // Naming Nanjing as the city does not help.
    const named = await postCsv('innovation-studios', csv([[...STUDIO_HEADER, 'cityCode'], ...studios(2, 'INTRUDER').map((r) => [...r, '320100'])]), { key: otherEditor });
    expect(named.status).toBe(422);
    expect(named.body.rowErrors.every((e: any) => e.code === 'FORBIDDEN')).toBe(true);
    expect(await sqlNumber(app, 'SELECT count(*) FROM innovation_studio')).toBe(before);
  });

  it('lets ADMIN import into any city by naming it', async () => {
    const res = await postCsv('innovation-studios', csv([[...STUDIO_HEADER, 'cityCode'], ...studios(2, 'ADMIN').map((r) => [...r, '320100'])]), { key: admin });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ applied: true, created: 2 });
  });

  it('refuses ANALYST keys with 403 and anonymous callers with 401', async () => {
    const body = csv([STUDIO_HEADER, ...studios(2, 'ROLE')]);
    const asAnalyst = await postCsv('innovation-studios', body, { key: analyst });
    expect(asAnalyst.status).toBe(403);
    expect(asAnalyst.body).toMatchObject({ applied: false, userErrors: [{ field: null, code: 'FORBIDDEN' }] });
    const anonymous = await postCsv('innovation-studios', body, { key: null });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.userErrors[0].code).toBe('FORBIDDEN');
    expect(await studioCount('ROLE')).toBe(0);
  });

  // Finding 7 of issue 16: an anonymous 19 MB CSV was read and parsed before the 401.
  it('answers a caller who may not import before reading its file: 20 MB get 401 or 403, not 413', async () => {
    const huge = Buffer.from(`${STUDIO_HEADER.join(',')}\r\n${'X-1,导入工作室,EMPLOYEE,,2023-06-01\r\n'.repeat(500_000)}`, 'utf8');
    expect(huge.length).toBeGreaterThan(19 * 1024 * 1024);
    const anonymous = await postCsv('innovation-studios', huge, { key: null });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.userErrors[0].code).toBe('FORBIDDEN');
    const asAnalyst = await postCsv('innovation-studios', huge, { key: analyst });
    expect(asAnalyst.status).toBe(403);
    // A caller who may import is held to the size limit.
    expect((await postCsv('innovation-studios', huge, { key: admin })).status).toBe(413);
  });

  it('refuses unknown keys with 401, and requests without a key when keys are required', async () => {
    const body = csv([STUDIO_HEADER, ...studios(1, 'NOKEY')]);
    const unknown = await postCsv('innovation-studios', body, { key: 'not-a-key' });
    expect(unknown.status).toBe(401);
    expect(unknown.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');

    const production = await createApp(app.dataSource, app.requestPool, { requireKey: true });
    try {
      const res = await request(production.app).post('/import/innovation-studios').set('content-type', 'text/csv').send(body);
      expect(res.status).toBe(401);
      expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect((await request(production.app).get('/import/innovation-studios/template')).status).toBe(401);
      const withKey = await request(production.app).post('/import/innovation-studios').set('content-type', 'text/csv').set('authorization', `Bearer ${nanjing}`).send(body);
      expect(withKey.status).toBe(200);
    } finally {
      await production.apollo.stop();
    }
  });
});

describe('files that cannot be read', () => {
  const bad = async (body: string | Buffer, status: number, options: { contentType?: string; type?: string } = {}) => {
    const res = await postCsv(options.type ?? 'innovation-studios', body, { contentType: options.contentType });
    expect(res.status).toBe(status);
    expect(res.body.errors).toHaveLength(1);
    return res.body.errors[0] as { message: string; extensions: Record<string, any> };
  };

  it('answers 400 for unknown columns, listing the allowed ones', async () => {
    const error = await bad(csv([['externalId', 'name', 'colour'], ['X-1', 'a', 'red']]), 400);
    expect(error.message).toContain("'colour'");
    expect(error.message).toContain('externalId (外部编号), cityCode (所属城市), districtCode (所属区县), name (名称), kind (类型)');
    expect(error.extensions).toMatchObject({ code: 'BAD_REQUEST', unknownFields: ['colour'] });
    expect(error.extensions.allowedFields).toEqual(expect.arrayContaining(STUDIO_HEADER));
  });

  it('answers 400 for a missing externalId column, a repeated column, a nameless column and a semicolon-separated header', async () => {
    expect((await bad(csv([['name', 'kind'], ['a', 'EMPLOYEE']]), 400)).message).toMatch(/Missing column externalId/);
    const repeated = await bad(csv([['externalId', 'name', 'name'], ['X', 'a', 'b']]), 400);
    expect(repeated.message).toMatch(/name appears more than once/);
    expect(repeated.extensions.duplicateFields).toEqual(['name']);
    expect((await bad('externalId,,name\r\nX,,a\r\n', 400)).message).toMatch(/column 2 has no name/);
    expect((await bad('externalId;name;kind\r\nX;a;EMPLOYEE\r\n', 400)).message).toMatch(/separated by commas/);
  });

  it('answers 400 with the line number for an unterminated quote and for ragged rows', async () => {
    const unterminated = await bad(`externalId,name\r\nA,"ok\r\nstill ok"\r\nB,"never closed\r\nC,x\r\n`, 400);
    expect(unterminated.extensions).toMatchObject({ code: 'BAD_REQUEST', line: 4 });
    expect(unterminated.message).toMatch(/line 4: a quoted cell is never closed/);

    const ragged = await bad(`externalId,name\r\nA,"two\r\nlines"\r\nB,b,extra\r\n`, 400);
    expect(ragged.extensions).toMatchObject({ line: 4, index: 1 });
    expect(ragged.message).toMatch(/line 4 \(data row 1\) has 3 cells, but the header has 2 columns/);

    const gap = await bad(`${BOM}externalId,name\nA,a\n\nB,b\n`, 400);
    expect(gap.message).toMatch(/line 3 \(data row 1\) is empty/);

    const stray = await bad(`externalId,name\r\nA,ab"c"\r\n`, 400);
    expect(stray.extensions.line).toBe(2);
  });

  it('answers 400 for an empty body and for a body that is neither UTF-8 nor GBK, 415 for another charset', async () => {
    expect((await bad('', 400)).message).toMatch(/empty/);
    const neither = Buffer.concat([Buffer.from('externalId,name\r\nG-1,'), Buffer.from([0xff, 0xfe, 0x80]), Buffer.from('\r\n')]);
    expect((await bad(neither, 400)).message).toMatch(/既不是 UTF-8 也不是 GBK.*neither UTF-8 nor GBK/);
    expect((await bad('externalId\r\nX\r\n', 415, { contentType: 'text/csv; charset=iso-8859-1' })).message).toMatch(/UTF-8, GBK or GB18030/);
  });

  it('answers 415 for another content type, and 404 listing the types for an unknown type', async () => {
    const json = await bad('{"records":[]}', 415, { contentType: 'application/json' });
    expect(json.message).toMatch(/text\/csv/);
    expect(json.extensions.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const unknown = await bad('externalId\r\n', 404, { type: 'widgets' });
    expect(unknown.message).toMatch(/Types: .*innovation-studios/);
  });

  it('answers 413 for a body over 20 MB', async () => {
    const huge = Buffer.alloc(21 * 1024 * 1024, 'a');
    const error = await bad(huge, 413);
    expect(error.extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.message).toMatch(/20 MB/);
  });
});
