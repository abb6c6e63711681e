import { PUBLISHED } from '../../seeds/published-data-set';
import { gql, keyed, sqlNumber, sqlRows } from '../setup/queries';
import { startTestApp, type TestApp } from '../setup/test-app';

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

  it("gives Nanjing's published numbers through filters: 276 + 322, 3 national + 3 provincial demonstration", async () => {
    expect(await total(`cityCode: "${NANJING}"`)).toBe(PUBLISHED.nanjingStudios);
    expect(await total(`cityCode: "${NANJING}", kinds: [MODEL_WORKER]`)).toBe(PUBLISHED.nanjingModelWorkerStudios);
    expect(await total(`cityCode: "${NANJING}", kinds: [EMPLOYEE]`)).toBe(PUBLISHED.nanjingEmployeeStudios);
    expect(await total(`cityCode: "${NANJING}", demonstrationLevels: [NATIONAL]`)).toBe(PUBLISHED.nanjingNationalDemonstrationStudios);
    expect(await total(`cityCode: "${NANJING}", demonstrationLevels: [PROVINCIAL]`)).toBe(PUBLISHED.nanjingProvincialDemonstrationStudios);
  });

  it('filters by province code and by several demonstration levels at once', async () => {
    expect(await total('provinceCode: "420000"')).toBe(PUBLISHED.wuhanHeavyStudios);
    expect(await total('demonstrationLevels: [NATIONAL, PROVINCIAL, MUNICIPAL]')).toBe(
      await sqlNumber(app, "SELECT count(*) FROM innovation_studio WHERE demonstration_level <> 'NONE'"),
    );
  });

  it('filters by an establishment date range, bounds included', async () => {
    const [from, to] = ['2020-03-01', '2021-06-30'];
    expect(await total(`establishedFrom: "${from}", establishedTo: "${to}"`)).toBe(
      await sqlNumber(app, 'SELECT count(*) FROM innovation_studio WHERE established_on BETWEEN $1 AND $2', [from, to]),
    );
    const [day] = await sqlRows(app, "SELECT established_on::text AS d, count(*)::int AS n FROM innovation_studio WHERE city_code = $1 GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1", [NANJING]);
    expect(await total(`establishedFrom: "${day.d}", establishedTo: "${day.d}"`)).toBe(day.n);
  });

  it('filters by name and by isSample', async () => {
    expect(await total('nameContains: "专业技术"')).toBe(2);
    expect(await total('nameContains: "劳模创新工作室 00"')).toBe(await sqlNumber(app, "SELECT count(*) FROM innovation_studio WHERE name LIKE '%劳模创新工作室 00%'"));
    expect(await total('isSample: true')).toBe(await sqlNumber(app, 'SELECT count(*) FROM innovation_studio WHERE is_sample'));
    expect(await total('isSample: false')).toBe(await sqlNumber(app, 'SELECT count(*) FROM innovation_studio WHERE NOT is_sample'));
    expect(await total('nameContains: "劳模_创新"')).toBe(0);
  });

  it('returns empty results for filters nothing matches', async () => {
    const res = await gql(app, '{ a: innovationStudios(filter: { establishedTo: "2000-01-01" }) { totalCount nodes { id } } b: innovationStudios(filter: { kinds: [CRAFTSMAN] }) { totalCount } }');
    expect(res).toEqual({ a: { totalCount: 0, nodes: [] }, b: { totalCount: 0 } });
  });

  it.each([
    ['NAME_ASC', 'name, id'],
    ['ESTABLISHED_ON_ASC', "coalesce(established_on, date '0001-01-01'), id"],
    ['ESTABLISHED_ON_DESC', "coalesce(established_on, date '0001-01-01') DESC, id DESC"],
  ])('orders by %s as SQL does', async (orderBy, sqlOrder) => {
    const res = await gql(app, `{ innovationStudios(first: 100, orderBy: ${orderBy}) { nodes { name establishedOn } } }`);
    const rows = await sqlRows(app, `SELECT name, established_on AS "establishedOn" FROM innovation_studio ORDER BY ${sqlOrder} LIMIT 100`);
    expect(res.innovationStudios.nodes).toEqual(rows);
  });

  it('sorts studios with an unknown establishment date first with ESTABLISHED_ON_ASC', async () => {
    const unknown = await sqlNumber(app, 'SELECT count(*) FROM innovation_studio WHERE established_on IS NULL');
    const res = await gql(app, `{ innovationStudios(first: ${unknown + 1}, orderBy: ESTABLISHED_ON_ASC) { nodes { establishedOn } } }`);
    const dates = res.innovationStudios.nodes.map((n: any) => n.establishedOn);
    expect(dates.slice(0, unknown)).toEqual(Array(unknown).fill(null));
    expect(dates[unknown]).toBe((await sqlRows(app, 'SELECT min(established_on) AS d FROM innovation_studio'))[0].d);
  });
});

describe('a studio and its relations', () => {
  it('names its enterprise, city, province and source', async () => {
    const res = await gql(app, `{ innovationStudios(first: 1, filter: { demonstrationLevels: [NATIONAL] }) { nodes {
      name kind isSample leadCraftsman { id } enterprise { creditCode } city { code } province { code } source { publisher title } } } }`);
    const [row] = await sqlRows(app, `SELECT s.name, s.kind, e.credit_code AS "creditCode", src.publisher, src.title FROM innovation_studio s
      JOIN enterprise e ON e.id = s.enterprise_id JOIN source src ON src.id = s.source_id WHERE s.demonstration_level = 'NATIONAL' ORDER BY s.id LIMIT 1`);
    expect(res.innovationStudios.nodes).toEqual([{
      name: row.name, kind: row.kind, isSample: true, leadCraftsman: null,
      enterprise: { creditCode: row.creditCode }, city: { code: NANJING }, province: { code: '320000' },
      source: { publisher: row.publisher, title: row.title },
    }]);
    expect(row.kind).toBe('MODEL_WORKER');
  });

  it('names the craftsman who leads it, once one is recorded', async () => {
    await app.dataSource.query(`UPDATE innovation_studio SET lead_craftsman_id = (SELECT min(id) FROM craftsman WHERE honorary_title = '荆楚工匠')
      WHERE name = '武汉重工示例职工创新工作室 1'`);
    const [lead] = await sqlRows(app, "SELECT c.name FROM innovation_studio s JOIN craftsman c ON c.id = s.lead_craftsman_id WHERE s.name = '武汉重工示例职工创新工作室 1'");
    const res = await gql(app, '{ innovationStudios(filter: { nameContains: "武汉重工示例职工创新工作室 1" }) { nodes { leadCraftsman { name level honoraryTitle enterprise { name } } } } }');
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

  it('grouped by YEAR_ESTABLISHED equals SQL, and the counts add up to all studios', async () => {
    const rows = await stats('YEAR_ESTABLISHED');
    const sql = await sqlRows(app, 'SELECT extract(year FROM established_on)::int AS y, count(*)::int AS n FROM innovation_studio GROUP BY 1');
    expect(keyed(rows, (r) => [r.year, r.count])).toEqual(keyed(sql, (r) => [r.y, r.n]));
    expect(rows.reduce((sum, r) => sum + r.count, 0)).toBe(PUBLISHED.innovationStudios);
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
    expect(rows.reduce((sum, r) => sum + r.count, 0)).toBe(PUBLISHED.nanjingModelWorkerStudios);
  });

  it('returns no rows when a grouped query matches nothing', async () => {
    expect(await stats('CITY', 'cityCode: "321300"')).toEqual([]);
  });
});
