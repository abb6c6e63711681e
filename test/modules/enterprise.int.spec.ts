import { PUBLISHED } from '../../seeds/published-data-set';
import { syntheticCreditCode } from '../../src/common/credit-code';
import { testEnterprises } from '../setup/fixtures';
import { gql, gqlError, post, sqlNumber, sqlRows } from '../setup/queries';
import { startTestApp, type TestApp } from '../setup/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const codeOf = async (name: string) => (await sqlRows(app, 'SELECT credit_code AS code FROM enterprise WHERE name = $1', [name]))[0].code as string;
const ZILONG = '江苏紫龙药业股份有限公司';
const WUHAN_HEAVY = '武汉重工铸锻有限责任公司';
const NANJING = '320100';

const total = async (filter: string) => (await gql(app, `{ enterprises(filter: { ${filter} }) { totalCount } }`)).enterprises.totalCount;

describe('enterprises', () => {
  it('counts every enterprise of the published data set', async () => {
    expect(await total('')).toBe(PUBLISHED.enterprises);
  });

  it('filters by province and city code: two in Wuxi, none in Nanjing', async () => {
    expect(await total('cityCode: "320200"')).toBe(2); // State Grid Wuxi and Eagle
    expect(await total('cityCode: "320200"')).toBe(await sqlNumber(app, "SELECT count(*) FROM enterprise WHERE city_code = '320200'"));
    expect(await total('cityCode: "320100"')).toBe(0); // the reports name no enterprise in Nanjing
    expect(await total('provinceCode: "420000"')).toBe(await sqlNumber(app, "SELECT count(*) FROM enterprise WHERE province_code = '420000'"));
    expect(await total('provinceCode: "320000"')).toBe(PUBLISHED.enterprises - 1); // all but Wuhan Heavy
  });

  it('isSample: false leaves the five enterprises the reports name, whose ownership, size and founding date are unknown', async () => {
    const res = await gql(app, '{ enterprises(filter: { isSample: false }) { totalCount nodes { name isSample ownership employeeCount establishedOn } } }');
    expect(res.enterprises.totalCount).toBe(5);
    expect(res.enterprises.nodes.map((e: any) => e.name)).toEqual(expect.arrayContaining([ZILONG, WUHAN_HEAVY, '徐工集团工程机械股份有限公司']));
    expect(res.enterprises.nodes.every((e: any) => e.isSample === false && e.ownership === null && e.employeeCount === null && e.establishedOn === null)).toBe(true);
    expect(await total('isSample: true')).toBe(PUBLISHED.enterprises - 5);
  });

  it('searches Chinese and English names case-insensitively', async () => {
    const res = await gql(app, '{ a: enterprises(filter: { nameContains: "紫龙" }) { nodes { name } } b: enterprises(filter: { nameContains: "xcmg" }) { nodes { nameEn } } }');
    expect(res.a.nodes).toEqual([{ name: ZILONG }]);
    expect(res.b.nodes).toEqual([{ nameEn: 'XCMG Construction Machinery Co., Ltd.' }]);
  });

  it('returns an empty connection when nothing matches', async () => {
    const res = await gql(app, '{ enterprises(filter: { cityCode: "321300" }) { totalCount nodes { id } pageInfo { hasNextPage } } }');
    expect(res.enterprises).toEqual({ totalCount: 0, nodes: [], pageInfo: { hasNextPage: false } });
  });
});

/**
 * The published data set knows no enterprise's ownership, size or founding date, so the filters and
 * orderings on them are tested on enterprises entered here: seven in Nanjing and one in Wuxi.
 */
describe('filters and orderings on what enterprises state', () => {
  beforeAll(async () => {
    const query = (t: string, p?: unknown[]) => app.dataSource.query(t, p);
    const [biotech1] = await testEnterprises(query, NANJING, 2, { ownership: 'PRIVATE', industry: '生物医药', employeeCount: 300 });
    await testEnterprises(query, NANJING, 1, { ownership: 'PRIVATE', employeeCount: 120 });
    const [power] = await testEnterprises(query, NANJING, 1, { ownership: 'STATE_OWNED', industry: '电力', employeeCount: 8000 });
    const [foreign] = await testEnterprises(query, NANJING, 1, { ownership: 'FOREIGN_INVESTED', employeeCount: 5000 });
    await testEnterprises(query, NANJING, 2, { ownership: 'PRIVATE' }); // size unknown
    const [wuxi] = await testEnterprises(query, '320200', 1, { ownership: 'STATE_OWNED', industry: '电力', employeeCount: 6000 });
    for (const [e, on] of [[power, '2001-03-15'], [wuxi, '2010-01-01'], [foreign, '2010-12-31'], [biotech1, '2011-01-01']] as const) {
      await query('UPDATE enterprise SET established_on = $2 WHERE id = $1', [e.id, on]);
    }
  });

  it('filters by a list of ownerships; unknown ownership matches none', async () => {
    expect(await total('ownerships: [STATE_OWNED, FOREIGN_INVESTED]')).toBe(3);
    expect(await total('ownerships: [STATE_OWNED, FOREIGN_INVESTED]')).toBe(
      await sqlNumber(app, "SELECT count(*) FROM enterprise WHERE ownership IN ('STATE_OWNED', 'FOREIGN_INVESTED')"),
    );
    expect(await total('ownerships: [PRIVATE, STATE_OWNED, FOREIGN_INVESTED, OTHER]')).toBe(8);
    expect(await total('ownerships: []')).toBe(0);
  });

  it('filters by industry, minimum employee count and combined conditions', async () => {
    expect(await total('industry: "生物医药"')).toBe(2);
    expect(await total('industry: "电力"')).toBe(await sqlNumber(app, "SELECT count(*) FROM enterprise WHERE industry = '电力'"));
    expect(await total('industry: "电力"')).toBe(3); // State Grid Wuxi and two entered here
    expect(await total('minEmployeeCount: 5000')).toBe(3);
    expect(await total('minEmployeeCount: 5000')).toBe(await sqlNumber(app, 'SELECT count(*) FROM enterprise WHERE employee_count >= 5000'));
    expect(await total('cityCode: "320100", ownerships: [PRIVATE], minEmployeeCount: 300')).toBe(2);
    expect(await total('cityCode: "320100", ownerships: [PRIVATE], minEmployeeCount: 300')).toBe(
      await sqlNumber(app, "SELECT count(*) FROM enterprise WHERE city_code = '320100' AND ownership = 'PRIVATE' AND employee_count >= 300"),
    );
  });

  it('filters by a founding-date range (成立日期), bounds included; unknown dates match no range', async () => {
    expect(await total('establishedFrom: "2010-01-01", establishedTo: "2010-12-31"')).toBe(2);
    expect(await total('establishedTo: "2010-12-31"')).toBe(3);
    expect(await total('establishedFrom: "2001-03-15"')).toBe(4);
    const res = await gql(app, '{ enterprises(filter: { establishedFrom: "2011-01-01" }) { nodes { establishedOn industry city { code } } } }');
    expect(res.enterprises.nodes).toEqual([{ establishedOn: '2011-01-01', industry: '生物医药', city: { code: NANJING } }]);
  });

  it.each([
    ['ID_ASC', 'id'],
    ['NAME_ASC', 'name COLLATE registry_name, id'],
    ['CREDIT_CODE_ASC', 'credit_code, id'],
    ['EMPLOYEE_COUNT_DESC', 'coalesce(employee_count, -1) DESC, id DESC'],
  ])('orders Nanjing enterprises by %s as SQL does', async (orderBy, sqlOrder) => {
    const res = await gql(app, `{ enterprises(first: 60, orderBy: ${orderBy}, filter: { cityCode: "320100" }) { nodes { creditCode } } }`);
    const rows = await sqlRows(app, `SELECT credit_code AS "creditCode" FROM enterprise WHERE city_code = '320100' ORDER BY ${sqlOrder} LIMIT 60`);
    expect(rows).toHaveLength(7);
    expect(res.enterprises.nodes).toEqual(rows);
  });

  it('puts enterprises of unknown size last with EMPLOYEE_COUNT_DESC', async () => {
    const nanjing = await gql(app, '{ enterprises(last: 3, orderBy: EMPLOYEE_COUNT_DESC, filter: { cityCode: "320100" }) { nodes { employeeCount } } }');
    expect(nanjing.enterprises.nodes.map((e: any) => e.employeeCount)).toEqual([120, null, null]);
    const all = await gql(app, '{ first: enterprises(first: 3, orderBy: EMPLOYEE_COUNT_DESC) { nodes { employeeCount } } last: enterprises(last: 3, orderBy: EMPLOYEE_COUNT_DESC) { nodes { employeeCount } } }');
    expect(all.first.nodes.map((e: any) => e.employeeCount)).toEqual([8000, 6000, 5000]);
    expect(all.last.nodes.map((e: any) => e.employeeCount)).toEqual([null, null, null]);
  });
});

describe('enterprise(creditCode:)', () => {
  it('returns Zilong with its place, source and its collective contract (15 planned / 9 completed projects)', async () => {
    const res = await gql(app, `{ enterprise(creditCode: "${await codeOf(ZILONG)}") {
      name ownership industry employeeCount establishedOn province { code } city { code } source { publisher publishedOn }
      collectiveContracts { totalCount nodes { projectsPlanned projectsCompleted enterprise { name } } } } }`);
    // the report states Zilong's industry (医药) and province; not its ownership, size, founding date or city
    expect(res.enterprise).toEqual({
      name: ZILONG, ownership: null, industry: '医药', employeeCount: null, establishedOn: null,
      province: { code: '320000' }, city: null, source: { publisher: '新华日报', publishedOn: '2025-09-29' },
      collectiveContracts: { totalCount: 1, nodes: [{ projectsPlanned: PUBLISHED.zilongProjectsPlanned, projectsCompleted: PUBLISHED.zilongProjectsCompleted, enterprise: { name: ZILONG } }] },
    });
  });

  it("returns Wuhan Heavy Industry's studios (1 provincial + 2 municipal demonstration, 2 specialised technical) and craftsmen", async () => {
    const res = await gql(app, `{ enterprise(creditCode: "${await codeOf(WUHAN_HEAVY)}") {
      city { name } innovationStudios { totalCount nodes { kind demonstrationLevel enterprise { name } city { code } } }
      craftsmen { totalCount nodes { level enterprise { name } } } } }`);
    const e = res.enterprise;
    expect(e.city).toEqual({ name: '武汉' });
    expect(e.innovationStudios.totalCount).toBe(PUBLISHED.wuhanHeavyStudios);
    const levels = e.innovationStudios.nodes.map((s: any) => s.demonstrationLevel);
    expect(levels.filter((l: string) => l === 'PROVINCIAL')).toHaveLength(1);
    expect(levels.filter((l: string) => l === 'MUNICIPAL')).toHaveLength(2);
    expect(e.innovationStudios.nodes.filter((s: any) => s.kind === 'SPECIALISED_TECHNICAL')).toHaveLength(2);
    expect(e.innovationStudios.nodes.every((s: any) => s.enterprise.name === WUHAN_HEAVY && s.city.code === '420100')).toBe(true);
    expect(e.craftsmen.totalCount).toBe(PUBLISHED.wuhanHeavyCraftsmen);
    expect(e.craftsmen.nodes.every((c: any) => c.enterprise.name === WUHAN_HEAVY)).toBe(true);
  });

  it("lists the studios of the enterprise that hosts the most, matching SQL", async () => {
    const [host] = await sqlRows(app, `SELECT e.credit_code AS code, count(*)::int AS n FROM innovation_studio s JOIN enterprise e ON e.id = s.enterprise_id
      GROUP BY e.credit_code ORDER BY count(*) DESC, e.credit_code LIMIT 1`);
    const res = await gql(app, `{ enterprise(creditCode: "${host.code}") { innovationStudios(first: 100) { totalCount nodes { enterprise { creditCode } } } } }`);
    expect(res.enterprise.innovationStudios.totalCount).toBe(host.n);
    expect(res.enterprise.innovationStudios.nodes).toHaveLength(host.n);
    expect(res.enterprise.innovationStudios.nodes.every((s: any) => s.enterprise.creditCode === host.code)).toBe(true);
  });

  it('returns null for a valid credit code that is not registered', async () => {
    const res = await gql(app, `{ enterprise(creditCode: "${syntheticCreditCode('110000', 424242)}") { name } }`);
    expect(res.enterprise).toBeNull();
  });

  it('refuses a credit code whose check character is wrong, saying so (not a 500)', async () => {
    const valid = await codeOf(ZILONG);
    const wrong = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    const literal = await post(app, `{ enterprise(creditCode: "${wrong}") { name } }`);
    expect(literal.status).toBeLessThan(500);
    expect(literal.body.errors[0].message).toBe(`'${wrong}' is not a valid CreditCode: its last character does not match the GB 32100-2015 check`);
    expect(literal.body.errors[0].extensions).not.toHaveProperty('http');

    const error = await gqlError(app, 'query ($c: CreditCode!) { enterprise(creditCode: $c) { name } }', { c: wrong });
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.message).toContain('does not match the GB 32100-2015 check');
  });

  it('refuses credit codes of the wrong length or with letters outside the alphabet', async () => {
    const short = await gqlError(app, 'query ($c: CreditCode!) { enterprise(creditCode: $c) { name } }', { c: '9132' });
    expect(short.message).toContain('it must have 18 characters');
    const letters = await gqlError(app, 'query ($c: CreditCode!) { enterprise(creditCode: $c) { name } }', { c: '91320100000000014I' });
    expect(letters.message).toContain('may contain only digits and the capital letters');
  });
});

describe('name search with LIKE wildcards in the text', () => {
  it('matches % and _ literally', async () => {
    // the search texts would match sample names (江苏省示例签约企业 00001) if '_' or '%' were wildcards
    expect(await sqlNumber(app, "SELECT count(*) FROM enterprise WHERE name ILIKE '%示例_约%'")).toBeGreaterThan(0);
    expect(await sqlNumber(app, "SELECT count(*) FROM enterprise WHERE name ILIKE '%江苏%00001%'")).toBeGreaterThan(0);
    expect(await total('nameContains: "示例_约"')).toBe(0);
    expect(await total('nameContains: "江苏%00001"')).toBe(0);

    await app.dataSource.query(
      "INSERT INTO enterprise (credit_code, name, ownership, province_code, city_code) VALUES ($1, '测试100%_达标企业', 'PRIVATE', '320000', '320100')",
      [syntheticCreditCode('320100', 777)],
    );
    const res = await gql(app, '{ enterprises(filter: { nameContains: "100%_" }) { nodes { name isSample } } }');
    expect(res.enterprises.nodes).toEqual([{ name: '测试100%_达标企业', isSample: false }]);
  });
});
