import { PUBLISHED } from '../../seeds/published-data-set';
import { gql, keyed, sqlNumber, sqlRows } from '../setup/queries';
import { startTestApp, type TestApp } from '../setup/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const JIANGSU = '320000';
const NANJING = '320100';
const total = async (filter: string) => (await gql(app, `{ craftsmen(filter: { ${filter} }) { totalCount } }`)).craftsmen.totalCount;

describe('craftsmen', () => {
  it('counts every craftsman of the published data set', async () => {
    expect(await total('')).toBe(PUBLISHED.craftsmen);
  });

  it("gives Nanjing's 300 municipal craftsmen in training, who hold no title yet and have no year of recognition", async () => {
    expect(await total(`cityCode: "${NANJING}", levels: [MUNICIPAL], statuses: [IN_TRAINING]`)).toBe(PUBLISHED.nanjingCraftsmenInTraining);
    const res = await gql(app, `{ craftsmen(first: 100, filter: { statuses: [IN_TRAINING] }) { totalCount nodes { honoraryTitle year recognizedOn city { code } } } }`);
    expect(res.craftsmen.totalCount).toBe(PUBLISHED.nanjingCraftsmenInTraining);
    expect(res.craftsmen.nodes).toEqual(Array(100).fill({ honoraryTitle: null, year: null, recognizedOn: null, city: { code: NANJING } }));
    // 南京工匠 is the title they train for; none holds it
    expect(await total('honoraryTitle: "南京工匠"')).toBe(0);
  });

  it("gives Jiangsu's 11 certified national craftsmen (国家工匠), 2 of them in Nanjing", async () => {
    expect(await total(`provinceCode: "${JIANGSU}", levels: [NATIONAL], statuses: [CERTIFIED]`)).toBe(PUBLISHED.jiangsuNationalCraftsmen);
    expect(await total(`provinceCode: "${JIANGSU}", honoraryTitle: "国家工匠"`)).toBe(PUBLISHED.jiangsuNationalCraftsmen);
    expect(await total(`cityCode: "${NANJING}", levels: [NATIONAL]`)).toBe(PUBLISHED.nanjingNationalCraftsmen);
  });

  it('filters by honorary title and several statuses', async () => {
    expect(await total('honoraryTitle: "荆楚工匠"')).toBe(2);
    expect(await total('honoraryTitle: "荆楚工匠"')).toBe(await sqlNumber(app, "SELECT count(*) FROM craftsman WHERE honorary_title = '荆楚工匠'"));
    expect(await total('statuses: [CANDIDATE, CERTIFIED]')).toBe(await sqlNumber(app, "SELECT count(*) FROM craftsman WHERE status IN ('CANDIDATE', 'CERTIFIED')"));
    expect(await total('statuses: [CANDIDATE, CERTIFIED]')).toBe(PUBLISHED.jiangsuNationalCraftsmen + PUBLISHED.wuhanHeavyCraftsmen);
  });

  it('matches no year range with craftsmen whose year is unknown, as all published ones are', async () => {
    expect(await sqlNumber(app, 'SELECT count(*) FROM craftsman WHERE year IS NOT NULL')).toBe(0);
    expect(await total('yearFrom: 1900')).toBe(0);
    expect(await total('yearTo: 2100')).toBe(0);
  });

  it('filters by name and isSample, and returns empty results', async () => {
    expect(await total('nameContains: "荆楚工匠"')).toBe(await sqlNumber(app, "SELECT count(*) FROM craftsman WHERE name LIKE '%荆楚工匠%'"));
    expect(await total('isSample: true')).toBe(PUBLISHED.craftsmen);
    expect(await total('isSample: false')).toBe(0);
    expect(await total('statuses: [NOT_CERTIFIED]')).toBe(0);
    expect(await total('nameContains: "示例_工匠"')).toBe(0);
  });

  it.each([
    ['ID_ASC', 'id'],
    ['NAME_ASC', 'name COLLATE registry_name, id'],
  ])('orders by %s as SQL does', async (orderBy, sqlOrder) => {
    const res = await gql(app, `{ craftsmen(first: 100, orderBy: ${orderBy}, filter: { provinceCode: "420000" }) { nodes { name year } } }`);
    expect(res.craftsmen.nodes).toEqual(await sqlRows(app, `SELECT name, year FROM craftsman WHERE province_code = '420000' ORDER BY ${sqlOrder}`));
    const all = await gql(app, `{ craftsmen(last: 20, orderBy: ${orderBy}) { nodes { name } } }`);
    const tail = await sqlRows(app, `SELECT name FROM (SELECT name, row_number() OVER (ORDER BY ${sqlOrder}) AS r FROM craftsman) x ORDER BY r DESC LIMIT 20`);
    expect(all.craftsmen.nodes).toEqual(tail.reverse());
  });

  it('gives anonymous callers no personal data, even where it is stored', async () => {
    await app.dataSource.query(`UPDATE craftsman SET national_id_number = '11010519491231002X', phone = '13912345678' WHERE id = (SELECT min(id) FROM craftsman)`);
    const { craftsmen } = await gql(app, '{ craftsmen(first: 1, orderBy: ID_ASC) { nodes { nationalIdNumber phone } } }');
    expect(craftsmen.nodes).toEqual([{ nationalIdNumber: null, phone: null }]);
  });
});

describe('a craftsman and the enterprise', () => {
  it("a national craftsman names XCMG as employer, and XCMG lists that craftsman", async () => {
    const [xcmg] = await sqlRows(app, "SELECT credit_code AS code FROM enterprise WHERE name = '徐工集团工程机械股份有限公司'");
    const res = await gql(app, `{ enterprise(creditCode: "${xcmg.code}") { craftsmen { totalCount nodes { level status city { code } enterprise { creditCode } source { publisher } } } } }`);
    expect(res.enterprise.craftsmen).toEqual({
      totalCount: 1,
      nodes: [{ level: 'NATIONAL', status: 'CERTIFIED', city: { code: '320300' }, enterprise: { creditCode: xcmg.code }, source: { publisher: '新华日报' } }],
    });
  });

  it('a craftsman reported for the province only has no city and may have no enterprise', async () => {
    const res = await gql(app, `{ craftsmen(first: 100, filter: { levels: [NATIONAL] }) { nodes { city { code } province { code } enterprise { name } } } }`);
    const withoutCity = res.craftsmen.nodes.filter((c: any) => c.city === null);
    expect(withoutCity).toHaveLength(await sqlNumber(app, "SELECT count(*) FROM craftsman WHERE level = 'NATIONAL' AND city_code IS NULL"));
    expect(withoutCity.every((c: any) => c.province.code === JIANGSU && c.enterprise === null)).toBe(true);
  });
});

interface CraftsmanGroup { province: { code: string } | null; city: { code: string } | null; level: string | null; status: string | null; honoraryTitle: string | null; year: number | null; count: number }
const stats = async (groupBy: string, filter = '') =>
  (await gql<{ craftsmanStats: CraftsmanGroup[] }>(app, `{ craftsmanStats(groupBy: [${groupBy}]${filter ? `, filter: { ${filter} }` : ''}) {
    province { code } city { code } level status honoraryTitle year count } }`)).craftsmanStats;

describe('craftsmanStats', () => {
  it('grouped by [LEVEL, STATUS] equals SQL GROUP BY', async () => {
    const rows = await stats('LEVEL, STATUS');
    const sql = await sqlRows(app, 'SELECT level, status, count(*)::int AS n FROM craftsman GROUP BY 1, 2');
    expect(keyed(rows, (r) => [r.level, r.status, r.count])).toEqual(keyed(sql, (r) => [r.level, r.status, r.n]));
    expect(rows.find((r) => r.level === 'MUNICIPAL' && r.status === 'IN_TRAINING')?.count).toBe(PUBLISHED.nanjingCraftsmenInTraining);
  });

  it('grouped by [PROVINCE, CITY, HONORARY_TITLE, YEAR] equals SQL GROUP BY', async () => {
    const rows = await stats('PROVINCE, CITY, HONORARY_TITLE, YEAR');
    const sql = await sqlRows(app, 'SELECT province_code AS p, city_code AS c, honorary_title AS t, year, count(*)::int AS n FROM craftsman GROUP BY 1, 2, 3, 4');
    expect(keyed(rows, (r) => [r.province?.code, r.city?.code ?? null, r.honoraryTitle, r.year, r.count])).toEqual(keyed(sql, (r) => [r.p, r.c, r.t, r.year, r.n]));
  });

  it('with groupBy [] gives one total row', async () => {
    expect(await stats('')).toEqual([{ province: null, city: null, level: null, status: null, honoraryTitle: null, year: null, count: PUBLISHED.craftsmen }]);
  });

  it('repeated dimensions do not duplicate groups', async () => {
    expect(await stats('STATUS, LEVEL, STATUS')).toEqual(await stats('STATUS, LEVEL'));
  });

  it('applies the filter: Jiangsu certified national craftsmen by city', async () => {
    const rows = await stats('CITY', `provinceCode: "${JIANGSU}", levels: [NATIONAL], statuses: [CERTIFIED]`);
    expect(rows.reduce((sum, r) => sum + r.count, 0)).toBe(PUBLISHED.jiangsuNationalCraftsmen);
    expect(rows.find((r) => r.city?.code === NANJING)?.count).toBe(PUBLISHED.nanjingNationalCraftsmen);
    expect(rows[rows.length - 1].city).toBeNull(); // the group without a city sorts last
  });
});

/**
 * The reports give no craftsman's year of recognition, so the year filter and the YEAR_DESC ordering
 * are tested on craftsmen entered here, in Wuhan beside Wuhan Heavy's four. Last, as they add to the
 * counts the tests above expect.
 */
describe('craftsmen entered with their year of recognition', () => {
  const YEARS = [2023, 2024, 2025, 2025, null];
  beforeAll(async () => {
    for (const [i, year] of YEARS.entries()) {
      await app.dataSource.query(
        `INSERT INTO craftsman (name, level, status, honorary_title, year, province_code, city_code) VALUES ($1, 'MUNICIPAL', 'CERTIFIED', '武汉大城工匠', $2, '420000', '420100')`,
        [`武汉测试工匠 ${i + 1}`, year],
      );
    }
  });

  it('filters by a year range, bounds included', async () => {
    expect(await total('yearFrom: 2025, yearTo: 2025')).toBe(2);
    expect(await total('yearFrom: 2024, yearTo: 2025')).toBe(await sqlNumber(app, 'SELECT count(*) FROM craftsman WHERE year BETWEEN 2024 AND 2025'));
    expect(await total('yearFrom: 2024, yearTo: 2025')).toBe(3);
    expect(await total('yearTo: 2023')).toBe(1);
    expect(await total('yearTo: 2022')).toBe(0);
    expect(await total('honoraryTitle: "武汉大城工匠", yearFrom: 2024')).toBe(3);
  });

  it.each([
    ['ID_ASC', 'id'],
    ['YEAR_DESC', 'coalesce(year, 0) DESC, id DESC'],
    ['NAME_ASC', 'name COLLATE registry_name, id'],
  ])('orders by %s as SQL does', async (orderBy, sqlOrder) => {
    const res = await gql(app, `{ craftsmen(first: 100, orderBy: ${orderBy}, filter: { provinceCode: "420000" }) { nodes { name year } } }`);
    const rows = await sqlRows(app, `SELECT name, year FROM craftsman WHERE province_code = '420000' ORDER BY ${sqlOrder}`);
    expect(rows).toHaveLength(PUBLISHED.wuhanHeavyCraftsmen + YEARS.length);
    expect(res.craftsmen.nodes).toEqual(rows);
    const all = await gql(app, `{ craftsmen(first: 20, orderBy: ${orderBy}) { nodes { name } } }`);
    const head = await sqlRows(app, `SELECT name FROM craftsman ORDER BY ${sqlOrder} LIMIT 20`);
    expect(all.craftsmen.nodes).toEqual(head);
  });

  it('puts craftsmen with an unknown year last with YEAR_DESC', async () => {
    const res = await gql(app, '{ craftsmen(first: 100, orderBy: YEAR_DESC, filter: { provinceCode: "420000" }) { nodes { year } } }');
    expect(res.craftsmen.nodes.map((c: any) => c.year)).toEqual([2025, 2025, 2024, 2023, null, null, null, null, null]);
    const top = await gql(app, '{ craftsmen(first: 4, orderBy: YEAR_DESC) { nodes { year } } }');
    expect(top.craftsmen.nodes.map((c: any) => c.year)).toEqual([2025, 2025, 2024, 2023]);
  });

  it('grouped by YEAR equals SQL GROUP BY, the unknown year a group of its own', async () => {
    const rows = await stats('YEAR', 'provinceCode: "420000"');
    expect(rows.map((r) => [r.year, r.count])).toEqual([[2023, 1], [2024, 1], [2025, 2], [null, PUBLISHED.wuhanHeavyCraftsmen + 1]]);
  });
});
