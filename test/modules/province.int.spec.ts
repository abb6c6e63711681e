import { PUBLISHED } from '../../seeds/published-data-set';
import { gql, gqlError, post, sqlNumber, sqlRows } from '../setup/queries';
import { startTestApp, type TestApp } from '../setup/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const JIANGSU = '320000';
const SHAANXI = '610000';

describe('provinces', () => {
  it('lists every provincial-level division of GB/T 2260, by division code', async () => {
    const res = await gql(app, '{ provinces(first: 100) { totalCount nodes { code name nameEn fullName pinyin } } }');
    const rows = await sqlRows(app, 'SELECT code, name, name_en AS "nameEn", full_name AS "fullName", pinyin FROM province ORDER BY code');
    expect(res.provinces.totalCount).toBe(PUBLISHED.provinces);
    expect(res.provinces.nodes).toEqual(rows);
  });

  it('are all 34: 23 provinces, 4 municipalities, 5 autonomous regions and 2 special administrative regions, by their full names', async () => {
    const res = await gql(app, '{ provinces(first: 100) { nodes { code fullName } } }');
    const names: string[] = res.provinces.nodes.map((p: any) => p.fullName);
    expect(names).toHaveLength(34);
    expect(names.filter((n) => n.endsWith('省'))).toHaveLength(23); // including 台湾省
    expect(names.filter((n) => /^(北京|天津|上海|重庆)市$/.test(n))).toHaveLength(4);
    expect(names.filter((n) => n.endsWith('自治区'))).toEqual(['内蒙古自治区', '广西壮族自治区', '西藏自治区', '宁夏回族自治区', '新疆维吾尔自治区']);
    expect(names.filter((n) => n.endsWith('特别行政区'))).toEqual(['香港特别行政区', '澳门特别行政区']);
    expect(res.provinces.nodes).toContainEqual({ code: '320000', fullName: '江苏省' });
  });

  it('orders by Chinese name with NAME_ASC, as SQL does', async () => {
    const res = await gql(app, '{ provinces(first: 100, orderBy: NAME_ASC) { nodes { code } } }');
    const rows = await sqlRows(app, 'SELECT code FROM province ORDER BY name COLLATE registry_name, code');
    expect(res.provinces.nodes).toEqual(rows);
  });

  it('finds provinces by English name or pinyin, case-insensitively', async () => {
    const res = await gql(app, '{ provinces(filter: { nameContains: "JIANG" }) { nodes { code nameEn } } }');
    expect(res.provinces.nodes).toEqual([
      { code: '230000', nameEn: 'Heilongjiang' },
      { code: JIANGSU, nameEn: 'Jiangsu' },
      { code: '330000', nameEn: 'Zhejiang' },
      { code: '360000', nameEn: 'Jiangxi' },
      { code: '650000', nameEn: 'Xinjiang' },
    ]);
    // Guangxi's English name says nothing of 壮族自治区; its pinyin does
    const byPinyin = await gql(app, '{ provinces(filter: { nameContains: "zhuang zu" }) { nodes { code name pinyin } } }');
    expect(byPinyin.provinces.nodes).toEqual([{ code: '450000', name: '广西', pinyin: 'guang xi zhuang zu zi zhi qu' }]);
  });

  it('finds provinces by Chinese name', async () => {
    const res = await gql(app, '{ provinces(filter: { nameContains: "陕" }) { nodes { code name } } }');
    expect(res.provinces.nodes).toEqual([{ code: SHAANXI, name: '陕西' }]);
  });

  it('treats % and _ in the search text literally', async () => {
    const res = await gql(app, '{ a: provinces(filter: { nameContains: "%" }) { totalCount } b: provinces(filter: { nameContains: "_" }) { totalCount } }');
    expect(res).toEqual({ a: { totalCount: 0 }, b: { totalCount: 0 } });
  });

  it('returns an empty connection when nothing matches', async () => {
    const res = await gql(app, '{ provinces(filter: { nameContains: "Atlantis" }) { totalCount nodes { code } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }');
    expect(res.provinces).toEqual({
      totalCount: 0,
      nodes: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
    });
  });
});

describe('province(code:)', () => {
  it('returns Jiangsu by its division code', async () => {
    const res = await gql(app, `{ province(code: "${JIANGSU}") { code name nameEn } }`);
    expect(res.province).toEqual({ code: JIANGSU, name: '江苏', nameEn: 'Jiangsu' });
  });

  it('returns a province no report mentions (Beijing), and null for a well-formed code that is no province, or that is a city', async () => {
    const res = await gql(app, '{ beijing: province(code: "110000") { name fullName } none: province(code: "190000") { name } nanjing: province(code: "320100") { name } }');
    expect(res).toEqual({ beijing: { name: '北京', fullName: '北京市' }, none: null, nanjing: null });
  });

  it('refuses a malformed division code with a message that says why (not a 500)', async () => {
    const literal = await post(app, '{ province(code: "32000") { name } }');
    expect(literal.status).toBeLessThan(500);
    expect(literal.body.errors[0].message).toMatch(/not a valid DivisionCode: expected six digits/);

    const error = await gqlError(app, 'query ($code: DivisionCode!) { province(code: $code) { name } }', { code: 'JS0000' });
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/'JS0000' is not a valid DivisionCode/);
  });
});

describe("a province's cities", () => {
  it('are the cities with its province code, in code order', async () => {
    const res = await gql(app, `{ province(code: "${JIANGSU}") { cities(first: 100) { totalCount nodes { code name province { code } } } } }`);
    const rows = await sqlRows(app, 'SELECT code, name FROM city WHERE province_code = $1 ORDER BY code', [JIANGSU]);
    expect(res.province.cities.totalCount).toBe(13);
    expect(res.province.cities.nodes).toEqual(rows.map((r) => ({ ...r, province: { code: JIANGSU } })));
  });

  it('can be filtered and paged', async () => {
    const res = await gql(app, `{ province(code: "${JIANGSU}") { cities(first: 2, filter: { nameContains: "州" }) { totalCount nodes { code } pageInfo { hasNextPage } } } }`);
    const rows = await sqlRows(app, "SELECT code FROM city WHERE province_code = $1 AND name LIKE '%州%' ORDER BY code", [JIANGSU]);
    expect(res.province.cities.totalCount).toBe(rows.length);
    expect(res.province.cities.nodes).toEqual(rows.slice(0, 2));
    expect(res.province.cities.pageInfo.hasNextPage).toBe(rows.length > 2);
  });

  it("are Shaanxi's 10 cities, though its report names none", async () => {
    const res = await gql(app, `{ province(code: "${SHAANXI}") { cities(first: 100) { totalCount nodes { code } } } }`);
    const rows = await sqlRows(app, 'SELECT code FROM city WHERE province_code = $1 ORDER BY code', [SHAANXI]);
    expect(res.province.cities).toEqual({ totalCount: PUBLISHED.shaanxiCities, nodes: rows });
  });

  it('are none for a provincial-level division GB/T 2260 divides into no cities (Hong Kong)', async () => {
    const res = await gql(app, '{ province(code: "810000") { name cities { totalCount nodes { code } } districts { totalCount } } }');
    expect(res.province).toEqual({ name: '香港', cities: { totalCount: 0, nodes: [] }, districts: { totalCount: 0 } });
  });
});

describe("a province's districts", () => {
  it("are the districts of all its cities, in code order, and can be narrowed by name", async () => {
    const res = await gql(app, `{ province(code: "${JIANGSU}") { districts(first: 100) { totalCount nodes { code city { code } } }
      named: districts(filter: { nameContains: "玄武" }) { nodes { code name city { name } } } } }`);
    const rows = await sqlRows(app, 'SELECT code, city_code AS city FROM district WHERE province_code = $1 ORDER BY code', [JIANGSU]);
    expect(res.province.districts.totalCount).toBe(rows.length);
    expect(res.province.districts.totalCount).toBe(95); // Jiangsu's county-level divisions in GB/T 2260
    expect(res.province.districts.nodes).toEqual(rows.slice(0, 100).map((r) => ({ code: r.code, city: { code: r.city } })));
    expect(res.province.named.nodes).toEqual([{ code: '320102', name: '玄武区', city: { name: '南京' } }]);
  });
});

describe("a province's goals", () => {
  const GOALS = (code: string) => `{ province(code: "${code}") { goals { metric target deadline scope { __typename ... on Province { code } } } } }`;

  it('are the published Jiangsu craftsman goals: 200 national, 1,000 provincial, 5,000 municipal by 2035', async () => {
    const res = await gql(app, GOALS(JIANGSU));
    expect(res.province.goals).toEqual([
      { metric: 'NATIONAL_CRAFTSMEN', target: PUBLISHED.jiangsuNationalCraftsmenGoal, deadline: '2035-12-31', scope: { __typename: 'Province', code: JIANGSU } },
      { metric: 'PROVINCIAL_CRAFTSMEN', target: PUBLISHED.jiangsuProvincialCraftsmenGoal, deadline: '2035-12-31', scope: { __typename: 'Province', code: JIANGSU } },
      { metric: 'MUNICIPAL_CRAFTSMEN', target: PUBLISHED.jiangsuMunicipalCraftsmenGoal, deadline: '2035-12-31', scope: { __typename: 'Province', code: JIANGSU } },
    ]);
  });

  it('are the published Shaanxi goals: 50 / 400 / 1,500', async () => {
    const res = await gql(app, GOALS(SHAANXI));
    expect(res.province.goals.map((g: any) => [g.metric, g.target])).toEqual([
      ['NATIONAL_CRAFTSMEN', PUBLISHED.shaanxiNationalCraftsmenGoal],
      ['PROVINCIAL_CRAFTSMEN', PUBLISHED.shaanxiProvincialCraftsmenGoal],
      ['MUNICIPAL_CRAFTSMEN', PUBLISHED.shaanxiMunicipalCraftsmenGoal],
    ]);
  });

  it("leave out the goals of the province's cities and can be narrowed to one metric", async () => {
    const res = await gql(app, `{ province(code: "${JIANGSU}") { all: goals { target } studios: goals(metric: INNOVATION_STUDIOS) { target } national: goals(metric: NATIONAL_CRAFTSMEN) { target } } }`);
    const provinceWide = await sqlNumber(app, 'SELECT count(*) FROM goal WHERE province_code = $1 AND city_code IS NULL', [JIANGSU]);
    expect(res.province.all).toHaveLength(provinceWide);
    expect(res.province.studios).toEqual([]);
    expect(res.province.national).toEqual([{ target: PUBLISHED.jiangsuNationalCraftsmenGoal }]);
  });
});

describe("a province's registry lists", () => {
  it('count every record in the province, including those with no city', async () => {
    const res = await gql(app, `{ province(code: "${JIANGSU}") {
      innovationStudios { totalCount } craftsmanAcademies { totalCount } craftsmen { totalCount }
      enterprises { totalCount } collectiveContracts { totalCount } reportedFigures { totalCount } } }`);
    const count = (table: string) => sqlNumber(app, `SELECT count(*) FROM ${table} WHERE province_code = $1`, [JIANGSU]);
    expect(res.province).toEqual({
      innovationStudios: { totalCount: await count('innovation_studio') },
      craftsmanAcademies: { totalCount: await count('craftsman_academy') },
      craftsmen: { totalCount: await count('craftsman') },
      enterprises: { totalCount: await count('enterprise') },
      collectiveContracts: { totalCount: PUBLISHED.jiangsuContractEnterprises },
      reportedFigures: { totalCount: await count('reported_figure') },
    });
  });
});
