import { PUBLISHED } from '../../seeds/published-data-set';
import { testEnterprises } from '../setup/fixtures';
import { gql, keyed, nodeId, sqlNumber, sqlRows } from '../setup/queries';
import { startTestApp, type TestApp } from '../setup/test-app';
import { recordMutations } from '../setup/writes';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const NANJING = '320100';
const total = async (filter: string) => (await gql(app, `{ innovationStudios(filter: { ${filter} }) { totalCount } }`)).innovationStudios.totalCount;

describe('innovationStudios', () => {
  it('counts every studio of the published data set', async () => {
    expect(await total('')).toBe(PUBLISHED.innovationStudios);
  });

  it("gives Nanjing's published numbers through filters: 276 + 322; the 3 national + 3 provincial demonstration studios are published figures only", async () => {
    expect(await total(`cityCode: "${NANJING}"`)).toBe(PUBLISHED.nanjingStudios);
    expect(await total(`cityCode: "${NANJING}", kinds: [MODEL_WORKER]`)).toBe(PUBLISHED.nanjingModelWorkerStudios);
    expect(await total(`cityCode: "${NANJING}", kinds: [EMPLOYEE]`)).toBe(PUBLISHED.nanjingEmployeeStudios);
    // the report does not say which studios are demonstration studios: none of the records claims a level
    expect(await total(`cityCode: "${NANJING}", demonstrationLevels: [NATIONAL, PROVINCIAL, MUNICIPAL, NONE]`)).toBe(0);
    const res = await gql(app, `{ reportedFigures(filter: { cityCode: "${NANJING}", metrics: [NATIONAL_DEMONSTRATION_STUDIOS, PROVINCIAL_DEMONSTRATION_STUDIOS] }) { nodes { metric value } } }`);
    expect(res.reportedFigures.nodes).toEqual([
      { metric: 'NATIONAL_DEMONSTRATION_STUDIOS', value: PUBLISHED.nanjingNationalDemonstrationStudios },
      { metric: 'PROVINCIAL_DEMONSTRATION_STUDIOS', value: PUBLISHED.nanjingProvincialDemonstrationStudios },
    ]);
  });

  it('filters by province code and by several demonstration levels at once', async () => {
    expect(await total('provinceCode: "420000"')).toBe(PUBLISHED.wuhanHeavyStudios);
    expect(await total('demonstrationLevels: [NATIONAL, PROVINCIAL, MUNICIPAL]')).toBe(3); // Wuhan Heavy's 1 provincial + 2 municipal
    expect(await total('demonstrationLevels: [NATIONAL, PROVINCIAL, MUNICIPAL]')).toBe(
      await sqlNumber(app, "SELECT count(*) FROM innovation_studio WHERE demonstration_level <> 'NONE'"),
    );
    expect(await total('demonstrationLevels: [MUNICIPAL]')).toBe(2);
  });

  it('filters by name and by isSample', async () => {
    expect(await total('nameContains: "专业技术"')).toBe(2);
    expect(await total('nameContains: "劳模创新工作室 00"')).toBe(await sqlNumber(app, "SELECT count(*) FROM innovation_studio WHERE name LIKE '%劳模创新工作室 00%'"));
    expect(await total('nameContains: "劳模创新工作室 00"')).toBe(9); // 001 to 009
    expect(await total('isSample: true')).toBe(PUBLISHED.innovationStudios);
    expect(await total('isSample: false')).toBe(await sqlNumber(app, 'SELECT count(*) FROM innovation_studio WHERE NOT is_sample'));
    expect(await total('nameContains: "劳模_创新"')).toBe(0);
  });

  it('returns empty results for filters nothing matches; undated studios match no date range', async () => {
    const res = await gql(app, '{ a: innovationStudios(filter: { establishedTo: "2030-01-01" }) { totalCount nodes { id } } b: innovationStudios(filter: { kinds: [CRAFTSMAN] }) { totalCount } }');
    expect(res).toEqual({ a: { totalCount: 0, nodes: [] }, b: { totalCount: 0 } });
  });
});

describe('a studio and its relations', () => {
  it('names its enterprise, city, province and source', async () => {
    const res = await gql(app, `{ innovationStudios(first: 1, filter: { demonstrationLevels: [PROVINCIAL] }) { nodes {
      name kind demonstrationLevel isSample leadCraftsman { id } enterprise { name } city { code } province { code } source { publisher title } } } }`);
    const [row] = await sqlRows(app, `SELECT s.name, src.publisher, src.title FROM innovation_studio s JOIN source src ON src.id = s.source_id
      WHERE s.demonstration_level = 'PROVINCIAL' ORDER BY s.id LIMIT 1`);
    // the report gives the level of Wuhan Heavy's demonstration studios, not their kind
    expect(res.innovationStudios.nodes).toEqual([{
      name: row.name, kind: null, demonstrationLevel: 'PROVINCIAL', isSample: true, leadCraftsman: null,
      enterprise: { name: '武汉重工铸锻有限责任公司' }, city: { code: '420100' }, province: { code: '420000' },
      source: { publisher: '长江日报', title: row.title },
    }]);
    expect(row.publisher).toBe('长江日报');
  });

  it('answers enterprise null for a studio whose enterprise is unknown, and no level or date the report does not give', async () => {
    const res = await gql(app, `{ innovationStudios(first: 1, filter: { cityCode: "${NANJING}", kinds: [EMPLOYEE] }) { nodes {
      name kind demonstrationLevel establishedOn enterprise { id } city { code } source { publisher } } } }`);
    expect(res.innovationStudios.nodes).toEqual([{
      name: '南京市示例职工创新工作室 001', kind: 'EMPLOYEE', demonstrationLevel: null, establishedOn: null, enterprise: null,
      city: { code: NANJING }, source: { publisher: '南京日报' },
    }]);
    expect(await sqlNumber(app, 'SELECT count(*) FROM innovation_studio WHERE city_code = $1 AND enterprise_id IS NOT NULL', [NANJING])).toBe(0);
  });

  it('names the craftsman who leads it, once one is recorded', async () => {
    await app.dataSource.query(`UPDATE innovation_studio SET lead_craftsman_id = (SELECT min(id) FROM craftsman WHERE honorary_title = '荆楚工匠')
      WHERE name = '武汉重工示例专业技术创新工作室 1'`);
    const [lead] = await sqlRows(app, "SELECT c.name FROM innovation_studio s JOIN craftsman c ON c.id = s.lead_craftsman_id WHERE s.name = '武汉重工示例专业技术创新工作室 1'");
    const res = await gql(app, '{ innovationStudios(filter: { nameContains: "武汉重工示例专业技术创新工作室 1" }) { nodes { leadCraftsman { name level honoraryTitle enterprise { name } } } } }');
    expect(res.innovationStudios.nodes).toEqual([{ leadCraftsman: { name: lead.name, level: 'PROVINCIAL', honoraryTitle: '荆楚工匠', enterprise: { name: '武汉重工铸锻有限责任公司' } } }]);
  });
});

interface StudioGroup { province: { code: string } | null; city: { code: string } | null; kind: string | null; demonstrationLevel: string | null; year: number | null; count: number }
const stats = async (groupBy: string, filter = '') =>
  (await gql<{ innovationStudioStats: StudioGroup[] }>(app, `{ innovationStudioStats(groupBy: [${groupBy}]${filter ? `, filter: { ${filter} }` : ''}) {
    province { code } city { code } kind demonstrationLevel year count } }`)).innovationStudioStats;

describe('innovationStudioStats', () => {
  it('grouped by CITY equals SQL GROUP BY city_code, studios without a city in their own group', async () => {
    const rows = await stats('CITY');
    const sql = await sqlRows(app, 'SELECT city_code AS city, count(*)::int AS n FROM innovation_studio GROUP BY 1');
    expect(keyed(rows, (r) => [r.city?.code ?? null, r.count])).toEqual(keyed(sql, (r) => [r.city, r.n]));
    expect(rows.every((r) => r.province === null && r.kind === null && r.year === null)).toBe(true);
  });

  it('grouped by [CITY, KIND] gives Nanjing 276 model-worker and 322 employee studios', async () => {
    const rows = await stats('CITY, KIND', 'provinceCode: "320000"');
    expect(rows.map((r) => [r.city?.code, r.kind, r.count]).sort()).toEqual([
      [NANJING, 'EMPLOYEE', PUBLISHED.nanjingEmployeeStudios],
      [NANJING, 'MODEL_WORKER', PUBLISHED.nanjingModelWorkerStudios],
    ]);
  });

  it('grouped by [PROVINCE, KIND, DEMONSTRATION_LEVEL] equals SQL GROUP BY on all three', async () => {
    const rows = await stats('PROVINCE, KIND, DEMONSTRATION_LEVEL');
    const sql = await sqlRows(app, 'SELECT province_code AS p, kind, demonstration_level AS d, count(*)::int AS n FROM innovation_studio GROUP BY 1, 2, 3');
    expect(keyed(rows, (r) => [r.province?.code, r.kind, r.demonstrationLevel, r.count])).toEqual(keyed(sql, (r) => [r.p, r.kind, r.d, r.n]));
  });

  it('grouped by YEAR_ESTABLISHED equals SQL: the published studios are all undated, one group of unknown year', async () => {
    const rows = await stats('YEAR_ESTABLISHED');
    const sql = await sqlRows(app, 'SELECT extract(year FROM established_on)::int AS y, count(*)::int AS n FROM innovation_studio GROUP BY 1');
    expect(keyed(rows, (r) => [r.year, r.count])).toEqual(keyed(sql, (r) => [r.y, r.n]));
    expect(rows).toEqual([{ province: null, city: null, kind: null, demonstrationLevel: null, year: null, count: PUBLISHED.innovationStudios }]);
  });

  it('with groupBy [] gives one total row with every dimension null', async () => {
    expect(await stats('')).toEqual([{ province: null, city: null, kind: null, demonstrationLevel: null, year: null, count: PUBLISHED.innovationStudios }]);
    expect(await stats('', 'kinds: [CRAFTSMAN]')).toEqual([{ province: null, city: null, kind: null, demonstrationLevel: null, year: null, count: 0 }]);
  });

  it('a dimension named twice is grouped once', async () => {
    expect(await stats('KIND, KIND, CITY, KIND')).toEqual(await stats('KIND, CITY'));
  });

  it('applies the filter before grouping', async () => {
    const rows = await stats('DEMONSTRATION_LEVEL', `cityCode: "${NANJING}", kinds: [MODEL_WORKER]`);
    const sql = await sqlRows(app, `SELECT demonstration_level AS d, count(*)::int AS n FROM innovation_studio WHERE city_code = $1 AND kind = 'MODEL_WORKER' GROUP BY 1`, [NANJING]);
    expect(keyed(rows, (r) => [r.demonstrationLevel, r.count])).toEqual(keyed(sql, (r) => [r.d, r.n]));
    // their level is unknown: one group, demonstrationLevel null
    expect(rows.map((r) => [r.demonstrationLevel, r.count])).toEqual([[null, PUBLISHED.nanjingModelWorkerStudios]]);
  });

  it('returns no rows when a grouped query matches nothing', async () => {
    expect(await stats('CITY', 'cityCode: "321300"')).toEqual([]);
  });
});

/**
 * The published studios have no establishment date (the reports give none), so the date filters,
 * orderings and yearly groups are tested on studios entered here through the API, in Suzhou (苏州,
 * 320500), some of them placed in a district. Last, as they add to the counts the tests above expect.
 */
describe('studios entered with their establishment dates', () => {
  const SUZHOU = '320500';
  const [HUQIU, WUZHONG] = ['320505', '320506'];
  /** [established_on, kind, district] */
  const ENTERED: Array<[string | null, string, string | null]> = [
    ['2019-05-20', 'MODEL_WORKER', HUQIU],
    ['2020-02-29', 'EMPLOYEE', HUQIU],
    ['2020-03-01', 'MODEL_WORKER', WUZHONG],
    ['2021-06-30', 'EMPLOYEE', null],
    ['2021-06-30', 'MODEL_WORKER', WUZHONG],
    ['2021-07-01', 'CRAFTSMAN', null],
    [null, 'EMPLOYEE', HUQIU],
    [null, 'MODEL_WORKER', null],
  ];
  beforeAll(async () => {
    const [host] = await testEnterprises((t, p) => app.dataSource.query(t, p), SUZHOU);
    const { key } = await app.createKey('ADMIN');
    const { CREATE } = recordMutations('InnovationStudio', 'innovationStudio', 'id city { code } district { code }');
    for (const [i, [on, kind, district]] of ENTERED.entries()) {
      // a district alone places the studio in its city
      const place = district ? { districtCode: district } : { cityCode: SUZHOU };
      const input = { name: `苏州测试创新工作室 ${i + 1}`, kind, enterpriseId: nodeId('Enterprise', host.id), establishedOn: on, ...place };
      const res = await app.graphqlAs(key, CREATE, { input });
      expect(res.errors).toBeUndefined();
      expect(res.data.createInnovationStudio).toMatchObject({ innovationStudio: { city: { code: SUZHOU }, district: district ? { code: district } : null }, userErrors: [] });
    }
  });

  it('filters by an establishment date range, bounds included', async () => {
    const [from, to] = ['2020-03-01', '2021-06-30'];
    expect(await total(`establishedFrom: "${from}", establishedTo: "${to}"`)).toBe(3);
    expect(await total(`establishedFrom: "${from}", establishedTo: "${to}"`)).toBe(
      await sqlNumber(app, 'SELECT count(*) FROM innovation_studio WHERE established_on BETWEEN $1 AND $2', [from, to]),
    );
    expect(await total('establishedFrom: "2021-06-30", establishedTo: "2021-06-30"')).toBe(2);
    expect(await total('establishedTo: "2020-02-29"')).toBe(2);
    expect(await total(`cityCode: "${SUZHOU}"`)).toBe(ENTERED.length);
  });

  it.each([
    ['NAME_ASC', 'name COLLATE registry_name, id'],
    ['ESTABLISHED_ON_ASC', "coalesce(established_on, date '0001-01-01'), id"],
    ['ESTABLISHED_ON_DESC', "coalesce(established_on, date '0001-01-01') DESC, id DESC"],
  ])('orders by %s as SQL does', async (orderBy, sqlOrder) => {
    const res = await gql(app, `{ all: innovationStudios(first: 100, orderBy: ${orderBy}) { nodes { name establishedOn } }
      suzhou: innovationStudios(first: 100, orderBy: ${orderBy}, filter: { cityCode: "${SUZHOU}" }) { nodes { name establishedOn } } }`);
    const rows = await sqlRows(app, `SELECT name, established_on AS "establishedOn" FROM innovation_studio ORDER BY ${sqlOrder} LIMIT 100`);
    const suzhou = await sqlRows(app, `SELECT name, established_on AS "establishedOn" FROM innovation_studio WHERE city_code = $1 ORDER BY ${sqlOrder}`, [SUZHOU]);
    expect(res.all.nodes).toEqual(rows);
    expect(res.suzhou.nodes).toEqual(suzhou);
  });

  it('sorts studios with an unknown establishment date first with ESTABLISHED_ON_ASC, last with ESTABLISHED_ON_DESC', async () => {
    const res = await gql(app, `{ asc: innovationStudios(first: 3, orderBy: ESTABLISHED_ON_ASC, filter: { cityCode: "${SUZHOU}" }) { nodes { establishedOn } }
      desc: innovationStudios(first: 7, orderBy: ESTABLISHED_ON_DESC) { nodes { establishedOn } } }`);
    expect(res.asc.nodes.map((n: any) => n.establishedOn)).toEqual([null, null, '2019-05-20']);
    expect(res.desc.nodes.map((n: any) => n.establishedOn)).toEqual(['2021-07-01', '2021-06-30', '2021-06-30', '2020-03-01', '2020-02-29', '2019-05-20', null]);
  });

  it('grouped by YEAR_ESTABLISHED equals SQL, the undated in a group of their own, adding up to all studios', async () => {
    const rows = await stats('YEAR_ESTABLISHED');
    const sql = await sqlRows(app, 'SELECT extract(year FROM established_on)::int AS y, count(*)::int AS n FROM innovation_studio GROUP BY 1');
    expect(keyed(rows, (r) => [r.year, r.count])).toEqual(keyed(sql, (r) => [r.y, r.n]));
    expect(rows.map((r) => [r.year, r.count])).toEqual([[2019, 1], [2020, 2], [2021, 3], [null, PUBLISHED.innovationStudios + 2]]);
  });

  it('are counted per district with the DISTRICT dimension and the districtCode filter', async () => {
    const res = await gql(app, `{ innovationStudioStats(groupBy: [DISTRICT], filter: { cityCode: "${SUZHOU}" }) { districtCode district { name city { code } } count }
      district(code: "${HUQIU}") { innovationStudios { totalCount } } }`);
    expect(res.innovationStudioStats).toEqual([
      { districtCode: HUQIU, district: { name: '虎丘区', city: { code: SUZHOU } }, count: 3 },
      { districtCode: WUZHONG, district: { name: '吴中区', city: { code: SUZHOU } }, count: 2 },
      { districtCode: null, district: null, count: 3 },
    ]);
    expect(res.district.innovationStudios.totalCount).toBe(3);
    expect(await total(`districtCode: "${WUZHONG}"`)).toBe(2);
    expect(await total(`districtCode: "${WUZHONG}", establishedFrom: "2021-01-01"`)).toBe(1);
  });
});
