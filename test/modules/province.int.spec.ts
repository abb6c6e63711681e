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
  it('lists every province of the published data set, by division code', async () => {
    const res = await gql(app, '{ provinces(first: 100) { totalCount nodes { code name nameEn } } }');
    const rows = await sqlRows(app, 'SELECT code, name, name_en AS "nameEn" FROM province ORDER BY code');
    expect(res.provinces.totalCount).toBe(PUBLISHED.provinces);
    expect(res.provinces.nodes).toEqual(rows);
  });

  it('orders by Chinese name with NAME_ASC, as SQL does', async () => {
    const res = await gql(app, '{ provinces(orderBy: NAME_ASC) { nodes { code } } }');
    const rows = await sqlRows(app, 'SELECT code FROM province ORDER BY name, code');
    expect(res.provinces.nodes).toEqual(rows);
  });

  it('finds provinces by English name, case-insensitively', async () => {
    const res = await gql(app, '{ provinces(filter: { nameContains: "JIANG" }) { nodes { code nameEn } } }');
    expect(res.provinces.nodes).toEqual([{ code: JIANGSU, nameEn: 'Jiangsu' }]);
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

  it('returns null for a well-formed code that is not in the registry, or that is a city', async () => {
    const res = await gql(app, '{ beijing: province(code: "110000") { name } nanjing: province(code: "320100") { name } }');
    expect(res).toEqual({ beijing: null, nanjing: null });
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

  it('is empty for Shaanxi, whose report names no city', async () => {
    const res = await gql(app, `{ province(code: "${SHAANXI}") { cities { totalCount nodes { code } } } }`);
    expect(res.province.cities).toEqual({ totalCount: 0, nodes: [] });
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
