/**
 * BI tools download flat files: `GET /export/<type>.csv|.ndjson` gives, row for row, what the
 * GraphQL list gives with the same filter (every page), with place and enterprise names flattened;
 * filters are the GraphQL filter's fields as query parameters, checked as the API checks them;
 * personal data follows the API's rule; `GET /export/stats/<type>.<format>` equals the GraphQL
 * statistics. Streaming and memory are in export-streaming.int.spec.ts.
 */
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { nationalIdCheckCharacter } from '../../src/common/national-id';
import { PUBLISHED } from '../../seeds/published-data-set';
import { createApp } from '../../src/server/app';
import { testEnterprises } from '../setup/fixtures';
import { gql, sqlNumber, sqlRows, todayInShanghai } from '../setup/queries';
import { startTestApp, type TestApp } from '../setup/test-app';
import { exportTypeSlugs } from '../../src/modules/export/export-types';
import { registryTypes } from '../../src/modules';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  await makeRecords();
});
afterAll(() => app.close());

it('knows the exported types the router serves', () => {
  expect(Object.keys(TYPES).sort()).toEqual(exportTypeSlugs().sort());
  expect(Object.keys(TYPES)).toEqual(expect.arrayContaining(['innovation-studios', 'goals', 'skill-competitions', 'enterprise-service-requests']));
});

type Row = Record<string, unknown>;
const BOM = '\uFEFF';
const PLACE = ['provinceCode', 'provinceName', 'cityCode', 'cityName', 'districtCode', 'districtName'];
const ENTERPRISE = ['enterpriseCreditCode', 'enterpriseName'];
const BOOKKEEPING = ['version', 'createdAt', 'updatedAt', 'archivedAt'];

/** The raw response: status, headers and the body as text (not parsed by supertest). */
async function download(path: string, key?: string) {
  const req = request(app.app).get(path);
  if (key) req.set('authorization', `Bearer ${key}`);
  const res = await req.buffer(true).parse((r, done) => {
    const chunks: Buffer[] = [];
    r.on('data', (c: Buffer) => chunks.push(c));
    r.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
  });
  return { status: res.status, headers: res.headers, text: res.body as string };
}

async function ndjson(path: string, key?: string): Promise<Row[]> {
  const res = await download(path, key);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
  return res.text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line));
}

/** A CSV export read as a spreadsheet tool reads it: csv-parse, BOM removed, the header row naming the columns. */
async function csv(path: string, key?: string): Promise<{ header: string[]; rows: Record<string, string>[] }> {
  const res = await download(path, key);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
  expect(res.text.startsWith(BOM)).toBe(true);
  const records: string[][] = parse(res.text, { bom: true });
  const [header, ...rows] = records;
  return { header, rows: rows.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i]]))) };
}

/** A value as its CSV cell: empty for null. */
const cell = (value: unknown) => (value === null || value === undefined ? '' : String(value));
const asCells = (row: Row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, cell(v)]));

const unwrap = (t: any): any => (t.kind === 'NON_NULL' ? unwrap(t.ofType) : t);
/** A type's fields that hold one scalar or enum value and take no arguments, by introspection. */
async function leafFields(typeName: string): Promise<string[]> {
  const res = await gql(app, `{ __type(name: "${typeName}") { fields { name args { name } type { kind name ofType { kind name ofType { kind name } } } } } }`);
  return res.__type.fields.filter((f: any) => f.args.length === 0 && ['SCALAR', 'ENUM'].includes(unwrap(f.type).kind)).map((f: any) => f.name);
}

interface Listed {
  listField: string;
  typeName: string;
  filterType: string;
  placed: boolean;
  enterprise: boolean;
  progress?: boolean;
}

const LISTED: Record<string, Listed> = {
  'innovation-studios': { listField: 'innovationStudios', typeName: 'InnovationStudio', filterType: 'InnovationStudioFilter', placed: true, enterprise: true },
  'craftsman-academies': { listField: 'craftsmanAcademies', typeName: 'CraftsmanAcademy', filterType: 'CraftsmanAcademyFilter', placed: true, enterprise: false },
  'collective-contracts': { listField: 'collectiveContracts', typeName: 'CollectiveInnovationContract', filterType: 'CollectiveInnovationContractFilter', placed: true, enterprise: true },
  enterprises: { listField: 'enterprises', typeName: 'Enterprise', filterType: 'EnterpriseFilter', placed: true, enterprise: false },
  craftsmen: { listField: 'craftsmen', typeName: 'Craftsman', filterType: 'CraftsmanFilter', placed: true, enterprise: true },
  goals: { listField: 'goals', typeName: 'Goal', filterType: 'GoalFilter', placed: true, enterprise: false, progress: true },
  sources: { listField: 'sources', typeName: 'Source', filterType: 'SourceFilter', placed: false, enterprise: false },
  'reported-figures': { listField: 'reportedFigures', typeName: 'ReportedFigure', filterType: 'ReportedFigureFilter', placed: true, enterprise: false },
};
/** Every exported type: those above, and the types declared with recordType (src/modules/record-type.ts), all alike: placed, with their enterprise's columns where they lie under one. */
const TYPES: Record<string, Listed> = {
  ...LISTED,
  ...Object.fromEntries(
    registryTypes()
      .filter((t) => t.export && !(t.export.slug in LISTED))
      .map((t) => [
        t.export!.slug,
        { listField: t.export!.listField, typeName: t.typename, filterType: `${t.typename}Filter`, placed: true, enterprise: t.record?.place?.parent?.column === 'enterprise_id' },
      ]),
  ),
};

/**
 * The nested objects a goal's export flattens, by their path from the goal: its progress, then the
 * evidence under it; each gives its scalar fields that the goal itself does not have.
 */
async function nestedLeaves(t: Listed): Promise<Array<{ path: string[]; fields: string[] }>> {
  if (!t.progress) return [];
  const leaves = await leafFields(t.typeName);
  return [
    { path: ['progress'], fields: (await leafFields('GoalProgress')).filter((f) => !leaves.includes(f)) },
    { path: ['progress', 'evidence'], fields: (await leafFields('GoalEvidence')).filter((f) => !leaves.includes(f)) },
  ];
}

/**
 * The records a type refers to by ID in its writes, other than its enterprise (exported by credit code):
 * each is a column (`sourceId`) holding the ID of the API's relation of that name (`source { id }`).
 */
function referencesOf(t: Listed): string[] {
  const fields = registryTypes().find((r) => r.typename === t.typeName)?.record?.fields ?? {};
  return Object.entries(fields)
    .filter(([, f]) => f.kind.type === 'reference' && f.kind.by === 'id' && !(t.enterprise && f.column === 'enterprise_id'))
    .map(([name]) => name);
}
const relationOf = (reference: string) => reference.replace(/Id$/, '');

/** The documented column order: id, own fields, place, enterprise, the IDs of what it refers to, a goal's progress and evidence, bookkeeping. */
async function expectedColumns(t: Listed): Promise<string[]> {
  const leaves = await leafFields(t.typeName);
  const nested = (await nestedLeaves(t)).flatMap((n) => n.fields);
  return [
    'id',
    ...leaves.filter((f) => f !== 'id' && !BOOKKEEPING.includes(f)),
    ...(t.placed ? PLACE : []),
    ...(t.enterprise ? ENTERPRISE : []),
    ...referencesOf(t),
    ...nested,
    ...BOOKKEEPING,
  ];
}

/** Every page of the GraphQL list with this filter, flattened as the export flattens it. */
async function apiRows(t: Listed, filter: Row, key?: string): Promise<Row[]> {
  const leaves = await leafFields(t.typeName);
  const nested = await nestedLeaves(t);
  const [progress, evidence] = nested.map((n) => n.fields);
  const selection = [
    ...leaves,
    t.placed ? 'province { code name } city { code name } district { code name }' : '',
    t.enterprise ? 'enterprise { creditCode name }' : '',
    ...referencesOf(t).map((r) => `${relationOf(r)} { id }`),
    t.progress ? `progress { ${progress.join(' ')} evidence { ${evidence.join(' ')} } }` : '',
  ].join(' ');
  const query = `query ($after: String, $filter: ${t.filterType}) { list: ${t.listField}(first: 100, after: $after, filter: $filter) {
    pageInfo { hasNextPage endCursor } nodes { ${selection} } } }`;
  const rows: Row[] = [];
  for (let after: string | null = null; ; ) {
    const res: any = key ? await app.graphqlAs(key, query, { after, filter }) : await app.graphql(query, { after, filter });
    expect(res.errors).toBeUndefined();
    for (const node of res.data.list.nodes) {
      const row: Row = Object.fromEntries(leaves.map((f) => [f, node[f]]));
      if (t.placed) {
        Object.assign(row, {
          provinceCode: node.province.code, provinceName: node.province.name, cityCode: node.city?.code ?? null, cityName: node.city?.name ?? null,
          districtCode: node.district?.code ?? null, districtName: node.district?.name ?? null,
        });
      }
      if (t.enterprise) Object.assign(row, { enterpriseCreditCode: node.enterprise?.creditCode ?? null, enterpriseName: node.enterprise?.name ?? null });
      for (const r of referencesOf(t)) row[r] = node[relationOf(r)]?.id ?? null;
      for (const { path, fields } of nested) {
        const at = path.reduce((o, key) => o[key], node);
        Object.assign(row, Object.fromEntries(fields.map((f) => [f, at[f]])));
      }
      rows.push(row);
    }
    if (!res.data.list.pageInfo.hasNextPage) return rows;
    after = res.data.list.pageInfo.endCursor;
  }
}

/** Nanjing enterprises this file makes (the published data set has none): three pages of the API list. */
const NANJING_ENTERPRISES = 250;

/**
 * The published data set states no founding or signing date, coverage or craftsman year, and has no
 * enterprise in Nanjing: the records the filters below select are made here, with some on each side
 * of every bound, and some placed in Nanjing's districts (flattened as districtCode and districtName).
 */
async function makeRecords(): Promise<void> {
  const query = (text: string, params?: unknown[]) => app.dataSource.query(text, params);
  const enterprises = [
    ...(await testEnterprises(query, '320100', 100, { ownership: 'PRIVATE', industry: '制造业', employeeCount: 300 })),
    ...(await testEnterprises(query, '320100', 100, { ownership: 'STATE_OWNED' })),
    ...(await testEnterprises(query, '320100', NANJING_ENTERPRISES - 200, { ownership: 'OTHER', industry: '软件和信息技术服务业' })),
  ];
  const ids = enterprises.map((e) => e.id);
  // Every third in one of Nanjing's districts in turn, every fifth with a founding date.
  await query(
    `UPDATE enterprise e SET district_code = d.code
     FROM (SELECT code, row_number() OVER (ORDER BY code) - 1 AS i, count(*) OVER () AS n FROM district WHERE city_code = '320100') d,
          unnest($1::int[]) WITH ORDINALITY AS u(id, k)
     WHERE e.id = u.id AND u.k % 3 = 0 AND d.i = (u.k / 3) % d.n`,
    [ids],
  );
  await query(`UPDATE enterprise SET established_on = date '2000-01-01' + id % 7000 WHERE id = ANY($1) AND id % 5 = 0`, [ids]);
  const [host, other] = ids;

  await query(
    `INSERT INTO innovation_studio (name, kind, established_on, archived_at, enterprise_id, province_code, city_code, district_code) VALUES
       ('导出测试工作室 劳模 2021', 'MODEL_WORKER', '2021-05-01', NULL, $1, '320000', '320100', '320102'),
       ('导出测试工作室 专业 2020', 'SPECIALISED_TECHNICAL', '2020-01-01', NULL, $1, '320000', '320100', NULL),
       ('导出测试工作室 职工 已归档', 'EMPLOYEE', '2022-03-15', now(), $1, '320000', '320100', NULL),
       ('导出测试工作室 职工 2019', 'EMPLOYEE', '2019-12-31', NULL, $1, '320000', '320100', NULL),
       ('导出测试工作室 工匠 2023', 'CRAFTSMAN', '2023-01-01', NULL, $1, '320000', '320100', NULL),
       ('导出测试工作室 劳模 无日期', 'MODEL_WORKER', NULL, NULL, $1, '320000', '320100', NULL)`,
    [host],
  );
  await query(
    `INSERT INTO collective_innovation_contract (enterprise_id, signed_on, term_months, workers_covered, projects_planned, projects_completed, province_code, city_code, district_code) VALUES
       ($1, '2025-10-01', 36, 80, 4, 1, '320000', '320100', '320102'),
       ($2, '2025-09-01', 24, 50, 2, 0, '320000', '320100', NULL),
       ($1, '2025-08-31', 36, 500, 4, 1, '320000', '320100', NULL),
       ($2, '2025-11-01', 36, 49, 4, 1, '320000', '320100', NULL),
       ($1, '2025-11-01', 36, NULL, NULL, NULL, '320000', '320100', NULL),
       ($2, NULL, NULL, 100, NULL, NULL, '320000', '320100', NULL)`,
    [host, other],
  );
  await query(
    `INSERT INTO craftsman (name, level, status, year, enterprise_id, province_code, city_code, district_code) VALUES
       ('导出测试工匠 南京 2025', 'MUNICIPAL', 'CERTIFIED', 2025, $1, '320000', '320100', '320102'),
       ('导出测试工匠 江苏 2026', 'PROVINCIAL', 'CERTIFIED', 2026, NULL, '320000', NULL, NULL),
       ('导出测试工匠 南京 2024', 'MUNICIPAL', 'CERTIFIED', 2024, $1, '320000', '320100', NULL),
       ('导出测试工匠 武汉 2025', 'MUNICIPAL', 'CERTIFIED', 2025, NULL, '420000', '420100', NULL),
       ('导出测试工匠 南京 年份不详', 'MUNICIPAL', 'IN_TRAINING', NULL, $1, '320000', '320100', NULL)`,
    [host],
  );
}

/** The export is ordered by id; the API's sources list has no id ordering, so sources compare as sets. */
const byId = (rows: Row[]) => [...rows].sort((a, b) => String(a.id).localeCompare(String(b.id)));

describe('GET /export/<type>.<format> gives the rows of the GraphQL list', () => {
  it.each([
    ['innovation-studios', 'cityCode=320100&kinds=MODEL_WORKER', { cityCode: '320100', kinds: ['MODEL_WORKER'] }, PUBLISHED.nanjingModelWorkerStudios + 2],
    // The 2021 model workers', the 2020 specialised and the archived employees' studio made above.
    ['innovation-studios', 'kinds=MODEL_WORKER&kinds=SPECIALISED_TECHNICAL,EMPLOYEE&establishedFrom=2020-01-01&archiveStatus=ANY', { kinds: ['MODEL_WORKER', 'SPECIALISED_TECHNICAL', 'EMPLOYEE'], establishedFrom: '2020-01-01', archiveStatus: 'ANY' }, 3],
    ['craftsman-academies', 'levels=MUNICIPAL,DISTRICT', { levels: ['MUNICIPAL', 'DISTRICT'] }, PUBLISHED.nanjingAcademies],
    // Zilong's, the one contract the reports name, and the six made above.
    ['collective-contracts', 'isSample=false', { isSample: false }, 1 + 6],
    // Signed 2025-10-01 with 80 workers and 2025-09-01 with 50: not the earlier one, the one with 49, nor the unknowns.
    ['collective-contracts', 'signedFrom=2025-09-01&minWorkersCovered=50', { signedFrom: '2025-09-01', minWorkersCovered: 50 }, 2],
    ['enterprises', 'cityCode=320100', { cityCode: '320100' }, NANJING_ENTERPRISES],
    ['enterprises', 'districtCode=320102', { districtCode: '320102' }, null],
    // Nanjing's of 2025 and the province's of 2026: not 2024's, Wuhan's, nor the one of no known year.
    ['craftsmen', 'yearFrom=2025&provinceCode=320000', { yearFrom: 2025, provinceCode: '320000' }, 2],
    ['craftsmen', '', {}, PUBLISHED.craftsmen + 5],
    ['goals', 'archiveStatus=ANY', { archiveStatus: 'ANY' }, null],
    ['sources', '', {}, 10],
    ['reported-figures', '', {}, null],
  ] as const)('%s?%s: NDJSON and CSV equal every page of the API list', async (slug, query, filter, count) => {
    const t = TYPES[slug];
    const expected = await apiRows(t, filter);
    if (count !== null) expect(expected).toHaveLength(count);
    expect(expected.length).toBeGreaterThan(0);
    const columns = await expectedColumns(t);

    const objects = await ndjson(`/export/${slug}.ndjson?${query}`);
    for (const o of objects) expect(Object.keys(o)).toEqual(columns);
    expect(slug === 'sources' ? byId(objects) : objects).toEqual(slug === 'sources' ? byId(expected) : expected);

    const sheet = await csv(`/export/${slug}.csv?${query}`);
    expect(sheet.header).toEqual(columns);
    expect(slug === 'sources' ? byId(sheet.rows) : sheet.rows).toEqual((slug === 'sources' ? byId(expected) : expected).map(asCells));
  });

  it("flattens a record's district: districtCode and districtName, empty where it has none", async () => {
    const rows = await ndjson('/export/enterprises.ndjson?cityCode=320100');
    const districts = new Map((await sqlRows(app, `SELECT code, name FROM district WHERE city_code = '320100'`)).map((d) => [d.code, d.name]));
    const placed = rows.filter((r) => r.districtCode !== null);
    // Every third enterprise made above, over all of Nanjing's districts in turn.
    expect(placed).toHaveLength(Math.floor(NANJING_ENTERPRISES / 3));
    expect(new Set(placed.map((r) => r.districtCode))).toEqual(new Set(districts.keys()));
    for (const r of placed) expect([r.districtCode, r.districtName]).toEqual([r.districtCode, districts.get(r.districtCode as string)]);
    for (const r of rows.filter((x) => x.districtCode === null)) expect(r.districtName).toBeNull();
    const sheet = await csv('/export/enterprises.csv?cityCode=320100');
    expect(sheet.rows.map((r) => [r.districtCode, r.districtName])).toEqual(rows.map((r) => [cell(r.districtCode), cell(r.districtName)]));
  });

  it('exports a whole large table: every collective contract, once, in id order', async () => {
    const rows = await ndjson('/export/collective-innovation-contracts.ndjson');
    expect(rows).toHaveLength(await sqlNumber(app, 'SELECT count(*) FROM collective_innovation_contract WHERE archived_at IS NULL'));
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    const first = await gql(app, '{ collectiveContracts(first: 1) { nodes { id } } }');
    expect(rows[0].id).toBe(first.collectiveContracts.nodes[0].id);
    expect(rows[0]).toMatchObject({ provinceCode: '320000', provinceName: '江苏', cityCode: null, cityName: null });
  });
});

describe('CSV for spreadsheets', () => {
  it('is UTF-8 with a BOM, a header row and RFC 4180 quoting, named as a dated download', async () => {
    const [enterprise] = await testEnterprises((text, params) => app.dataSource.query(text, params), '320100');
    const awkward = '引号"工作室", 第二行\n第三行';
    await app.dataSource.query(`INSERT INTO innovation_studio (name, kind, enterprise_id, province_code, city_code) VALUES ($1, 'CRAFTSMAN', $2, '320000', '320100')`, [awkward, enterprise.id]);

    const res = await download('/export/innovation-studios.csv?nameContains=引号');
    expect(res.status).toBe(200);
    const file = `innovation-studios-${todayInShanghai()}.csv`;
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${file}"; filename*=UTF-8''${file}`);
    expect(res.text.startsWith(`${BOM}id,name,`)).toBe(true);
    expect(res.text).toContain('"引号""工作室"", 第二行\n第三行"');
    expect(res.text.endsWith('\r\n')).toBe(true);

    const sheet = await csv('/export/innovation-studios.csv?nameContains=引号');
    expect(sheet.rows.map((r) => [r.name, r.kind, r.cityName, r.provinceName, r.establishedOn])).toEqual([[awkward, 'CRAFTSMAN', '南京', '江苏', '']]);
    expect((await ndjson('/export/innovation-studios.ndjson?nameContains=引号')).map((r) => r.name)).toEqual([awkward]);
  });

  it('keeps text that starts like a formula as text in CSV, and as typed in NDJSON', async () => {
    const [enterprise] = await testEnterprises((text, params) => app.dataSource.query(text, params), '320100');
    const formula = '=HYPERLINK("http://x.invalid","公式工作室")';
    await app.dataSource.query(`INSERT INTO innovation_studio (name, kind, enterprise_id, province_code, city_code) VALUES ($1, 'CRAFTSMAN', $2, '320000', '320100')`, [formula, enterprise.id]);

    const sheet = await csv('/export/innovation-studios.csv?nameContains=公式工作室');
    expect(sheet.rows.map((r) => r.name)).toEqual([`'${formula}`]);
    expect((await ndjson('/export/innovation-studios.ndjson?nameContains=公式工作室')).map((r) => r.name)).toEqual([formula]);
  });

  it('gives a header row and nothing else when no row matches; HEAD gives the headers only', async () => {
    const res = await download('/export/craftsmen.csv?nameContains=nobody-has-this-name');
    expect(res.status).toBe(200);
    expect(res.text).toBe(`${BOM}${(await expectedColumns(TYPES.craftsmen)).join(',')}\r\n`);
    expect((await download('/export/craftsmen.ndjson?nameContains=nobody-has-this-name')).text).toBe('');
    const head = await request(app.app).head('/export/goals.ndjson');
    expect(head.status).toBe(200);
    expect(head.headers['content-disposition']).toContain(`goals-${todayInShanghai()}.ndjson`);
  });
});

describe('personal data', () => {
  const idNumber = (body: string) => body + nationalIdCheckCharacter(body);
  let keys: Record<'admin' | 'analyst' | 'nanjing' | 'wuxi', string>;
  let people: { nanjing: string; wuxi: string };

  beforeAll(async () => {
    keys = {
      admin: (await app.createKey('ADMIN')).key,
      analyst: (await app.createKey('ANALYST')).key,
      nanjing: (await app.createKey('CITY_EDITOR', '320100')).key,
      wuxi: (await app.createKey('CITY_EDITOR', '320200')).key,
    };
    const [nanjing] = await sqlRows(app, `SELECT id FROM craftsman WHERE city_code = '320100' ORDER BY id LIMIT 1`);
    const [wuxi] = await sqlRows(app, `SELECT id FROM craftsman WHERE city_code = '320200' ORDER BY id LIMIT 1`);
    await app.dataSource.query(`UPDATE craftsman SET national_id_number = $1, phone = '13912345678' WHERE id = $2`, [idNumber('32010219800101123'), nanjing.id]);
    await app.dataSource.query(`UPDATE craftsman SET national_id_number = $1, phone = '025-83123456' WHERE id = $2`, [idNumber('32020219900202234'), wuxi.id]);
    people = { nanjing: idNumber('32010219800101123'), wuxi: idNumber('32020219900202234') };
  });

  const seen = (rows: Row[]) => rows.filter((r) => r.nationalIdNumber !== null || r.phone !== null).map((r) => [r.cityCode, r.nationalIdNumber, r.phone]).sort();

  it.each([
    ['anonymous', null, []],
    ['ANALYST', 'analyst', []],
    ["Wuxi's CITY_EDITOR", 'wuxi', ['wuxi']],
    ["Nanjing's CITY_EDITOR", 'nanjing', ['nanjing']],
    ['ADMIN', 'admin', ['nanjing', 'wuxi']],
  ] as const)('%s sees exactly the personal data the API shows it', async (_who, keyName, visible) => {
    const key = keyName ? keys[keyName] : undefined;
    const expected = visible.map((city) =>
      city === 'nanjing' ? ['320100', people.nanjing, '13912345678'] : ['320200', people.wuxi, '025-83123456'],
    );
    const rows = await ndjson('/export/craftsmen.ndjson', key);
    expect(seen(rows)).toEqual(expected);
    expect(rows).toEqual(await apiRows(TYPES.craftsmen, {}, key));
    const sheet = await csv('/export/craftsmen.csv', key);
    expect(sheet.header).toEqual(expect.arrayContaining(['nationalIdNumber', 'phone']));
    expect(sheet.rows.filter((r) => r.nationalIdNumber !== '' || r.phone !== '').map((r) => [r.cityCode, r.nationalIdNumber, r.phone]).sort()).toEqual(expected);
  });
});

describe('filters as query parameters', () => {
  it.each([
    ['/export/innovation-studios.csv?cityCode=12', 'cityCode', "'12' is not a valid DivisionCode"],
    ['/export/innovation-studios.csv?kinds=MODEL_WORKER,FOO', 'kinds', 'Value "FOO" does not exist in "InnovationStudioKind" enum'],
    ['/export/innovation-studios.ndjson?establishedFrom=2020-13-01', 'establishedFrom', 'LocalDate'],
    ['/export/innovation-studios.csv?colour=red', 'colour', "Unknown query parameter 'colour'"],
    ['/export/innovation-studios.csv?first=10', 'first', "Unknown query parameter 'first'"],
    ['/export/innovation-studios.csv?cityCode=320100&cityCode=320200', 'cityCode', 'given 2 times'],
    ['/export/craftsmen.csv?yearFrom=abc', 'yearFrom', 'Int cannot represent non-integer value'],
    ['/export/craftsmen.csv?isSample=maybe', 'isSample', 'Boolean cannot represent a non boolean value'],
    ['/export/collective-contracts.csv?enterpriseCreditCode=91320100000000000X', 'enterpriseCreditCode', 'is not a valid CreditCode'],
    ['/export/goals.csv?archiveStatus=ALL', 'archiveStatus', 'Value "ALL" does not exist in "ArchiveStatus" enum'],
    ['/export/stats/innovation-studios.csv', 'groupBy', "Query parameter 'groupBy' is required"],
    ['/export/stats/innovation-studios.csv?groupBy=CITY,COLOUR', 'groupBy', 'Value "COLOUR" does not exist in "InnovationStudioDimension" enum'],
    ['/export/innovation-studios.csv?nameContains=a%00b', 'nameContains', 'contains a NUL character'],
    ['/export/stats/innovation-studios.csv?groupBy=CITY&nameContains=%00', 'nameContains', 'contains a NUL character'],
    [`/export/enterprises.csv?nameContains=${'x'.repeat(501)}`, 'nameContains', 'a search takes at most 500'],
  ])('%s → 400 naming %s', async (path, field, message) => {
    const res = await request(app.app).get(path);
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(res.body.errors[0].message).toContain(message);
  });

  it('refuses a value exactly when GraphQL refuses it', async () => {
    const viaApi = await app.graphql('query ($f: InnovationStudioFilter) { innovationStudios(filter: $f) { totalCount } }', { f: { cityCode: '12' } });
    const reason = "'12' is not a valid DivisionCode: expected six digits such as \"320100\"";
    expect(viaApi.errors?.[0].message).toContain(reason);
    expect((await request(app.app).get('/export/innovation-studios.csv?cityCode=12')).body.errors[0].message).toContain(reason);
  });

  it('treats an empty value as not given', async () => {
    const all = await ndjson('/export/goals.ndjson');
    expect(await ndjson('/export/goals.ndjson?cityCode=&metrics=')).toEqual(all);
  });
});

describe('unknown exports', () => {
  it.each(['/export/widgets.csv', '/export/innovation-studios.xls', '/export/innovation-studios', '/export', '/export/a/b/c'])('%s → 404 with the types and formats', async (path) => {
    const res = await request(app.app).get(path);
    expect(res.status).toBe(404);
    expect(res.body.errors[0].extensions.code).toBe('NOT_FOUND');
    expect(res.body.errors[0].extensions.formats).toEqual(['csv', 'ndjson', 'xlsx']);
    expect(res.body.errors[0].extensions.types).toEqual(expect.arrayContaining(['innovation-studios', 'craftsmen', 'goals', 'sources', 'reported-figures']));
  });

  it.each(['/export/stats/goals.csv', '/export/stats/widgets.ndjson', '/export/stats/craftsmen.xml'])('%s → 404 listing the types with statistics', async (path) => {
    const res = await request(app.app).get(path);
    expect(res.status).toBe(404);
    expect(res.body.errors[0].extensions.code).toBe('NOT_FOUND');
    expect(res.body.errors[0].extensions.types).toEqual(expect.arrayContaining(['innovation-studios', 'craftsman-academies', 'collective-contracts', 'craftsmen', 'enterprises']));
    expect(res.body.errors[0].extensions.types).not.toContain('goals');
  });
});

describe('GET /export/stats/<type>.<format> equals the GraphQL statistics', () => {
  it.each([
    ['innovation-studios', 'innovationStudioStats', 'InnovationStudioDimension', 'InnovationStudioFilter', 'groupBy=CITY,KIND&provinceCode=320000', ['CITY', 'KIND'], { provinceCode: '320000' }],
    ['craftsman-academies', 'craftsmanAcademyStats', 'CraftsmanAcademyDimension', 'CraftsmanAcademyFilter', 'groupBy=CITY&groupBy=LEVEL', ['CITY', 'LEVEL'], {}],
    ['collective-contracts', 'collectiveContractStats', 'CollectiveInnovationContractDimension', 'CollectiveInnovationContractFilter', 'groupBy=PROVINCE', ['PROVINCE'], {}],
    ['craftsmen', 'craftsmanStats', 'CraftsmanDimension', 'CraftsmanFilter', 'groupBy=LEVEL,STATUS&levels=NATIONAL,MUNICIPAL', ['LEVEL', 'STATUS'], { levels: ['NATIONAL', 'MUNICIPAL'] }],
    ['enterprises', 'enterpriseStats', 'EnterpriseDimension', 'EnterpriseFilter', 'groupBy=CITY', ['CITY'], {}],
    ['enterprises', 'enterpriseStats', 'EnterpriseDimension', 'EnterpriseFilter', 'groupBy=DISTRICT,OWNERSHIP&cityCode=320100', ['DISTRICT', 'OWNERSHIP'], { cityCode: '320100' }],
    ['innovation-studios', 'innovationStudioStats', 'InnovationStudioDimension', 'InnovationStudioFilter', 'groupBy=', [], {}],
  ] as const)('%s?%s', async (slug, field, dimension, filterType, query, groupBy, filter) => {
    const groupType = (await gql(app, `{ __schema { queryType { fields { name type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }`)).__schema.queryType.fields.find(
      (f: any) => f.name === field,
    );
    const named = (t: any): string => (t.name ? t.name : named(t.ofType));
    const leaves = (await leafFields(named(groupType.type))).filter((f) => !['provinceCode', 'cityCode', 'districtCode'].includes(f));
    const res = await gql(
      app,
      `query ($g: [${dimension}!]!, $f: ${filterType}) { groups: ${field}(groupBy: $g, filter: $f) { ${leaves.join(' ')} province { code name } city { code name } district { code name } } }`,
      { g: groupBy, f: filter },
    );
    const expected = res.groups.map((g: any) => ({
      provinceCode: g.province?.code ?? null,
      provinceName: g.province?.name ?? null,
      cityCode: g.city?.code ?? null,
      cityName: g.city?.name ?? null,
      districtCode: g.district?.code ?? null,
      districtName: g.district?.name ?? null,
      ...Object.fromEntries(leaves.map((f) => [f, g[f]])),
    }));
    // Grouped by district, the groups name the districts (the enterprises made above are in all of Nanjing's).
    if ((groupBy as readonly string[]).includes('DISTRICT')) expect(expected.filter((g: Row) => g.districtName !== null).length).toBeGreaterThan(1);
    expect(expected.length).toBeGreaterThan(0);
    const rows = await ndjson(`/export/stats/${slug}.ndjson?${query}`);
    expect(rows).toEqual(expected);
    for (const r of rows) expect(Object.keys(r)).toEqual([...PLACE, ...leaves]);
    const sheet = await csv(`/export/stats/${slug}.csv?${query}`);
    expect(sheet.header).toEqual([...PLACE, ...leaves]);
    expect(sheet.rows).toEqual(expected.map(asCells));
  });
});

describe('the same keys as the API', () => {
  it('refuses an unknown key with 401, and without a key where keys are required', async () => {
    const res = await request(app.app).get('/export/goals.csv').set('authorization', 'Bearer not-a-key');
    expect(res.status).toBe(401);
    expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');

    const strict = await createApp(app.dataSource, app.requestPool, { requireKey: true });
    try {
      expect((await request(strict.app).get('/export/goals.csv')).status).toBe(401);
      expect((await request(strict.app).get('/export/stats/craftsmen.csv?groupBy=LEVEL')).status).toBe(401);
      const { key } = await app.createKey('ANALYST');
      const ok = await request(strict.app).get('/export/goals.ndjson').set('authorization', `Bearer ${key}`);
      expect(ok.status).toBe(200);
    } finally {
      await strict.apollo.stop();
    }
  });
});
