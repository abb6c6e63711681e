import { PUBLISHED } from '../../seeds/published-data-set';
import { gql, gqlError, keyed, sqlNumber, sqlRows } from '../setup/queries';
import { startTestApp, type TestApp } from '../setup/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const JIANGSU = '320000';
const ZILONG = '江苏紫龙药业股份有限公司';
const zilongCode = async () => (await sqlRows(app, 'SELECT credit_code AS code FROM enterprise WHERE name = $1', [ZILONG]))[0].code as string;
const total = async (filter: string) => (await gql(app, `{ collectiveContracts(filter: { ${filter} }) { totalCount } }`)).collectiveContracts.totalCount;

describe('collectiveContracts', () => {
  it("counts Jiangsu's 20,800 contracts", async () => {
    expect(await total('')).toBe(PUBLISHED.collectiveInnovationContracts);
    expect(await total(`provinceCode: "${JIANGSU}"`)).toBe(PUBLISHED.jiangsuContractEnterprises);
  });

  it("finds Zilong's contract by credit code: 15 projects planned, 9 completed", async () => {
    const res = await gql(app, `{ collectiveContracts(filter: { enterpriseCreditCode: "${await zilongCode()}" }) { nodes {
      signedOn termMonths expiresOn workersCovered projectsPlanned projectsCompleted isSample enterprise { name } province { code } city { code } source { title } } } }`);
    const [row] = await sqlRows(app, `SELECT c.signed_on AS "signedOn", c.term_months AS "termMonths",
      ((c.signed_on + make_interval(months => c.term_months))::date - 1)::text AS "expiresOn", c.workers_covered AS "workersCovered", s.title
      FROM collective_innovation_contract c JOIN enterprise e ON e.id = c.enterprise_id JOIN source s ON s.id = c.source_id WHERE e.name = $1`, [ZILONG]);
    expect(res.collectiveContracts.nodes).toEqual([{
      signedOn: row.signedOn, termMonths: row.termMonths, expiresOn: row.expiresOn, workersCovered: row.workersCovered,
      projectsPlanned: PUBLISHED.zilongProjectsPlanned, projectsCompleted: PUBLISHED.zilongProjectsCompleted, isSample: false,
      enterprise: { name: ZILONG }, province: { code: JIANGSU }, city: null, source: { title: row.title },
    }]);
    expect(row.expiresOn).toBe('2027-12-31'); // signed 2025-01-01 for 36 months
  });

  it('filters by signing date range, bounds included', async () => {
    const [from, to] = ['2023-01-01', '2023-12-31'];
    expect(await total(`signedFrom: "${from}", signedTo: "${to}"`)).toBe(
      await sqlNumber(app, 'SELECT count(*) FROM collective_innovation_contract WHERE signed_on BETWEEN $1 AND $2', [from, to]),
    );
    expect(await total('signedFrom: "2025-09-29"')).toBe(0); // the report's day: every contract was signed before it
  });

  it('filters by minimum workers covered and by isSample', async () => {
    expect(await total('minWorkersCovered: 1000')).toBe(await sqlNumber(app, 'SELECT count(*) FROM collective_innovation_contract WHERE workers_covered >= 1000'));
    expect(await total('isSample: false')).toBe(1);
    expect(await total('isSample: true')).toBe(PUBLISHED.collectiveInnovationContracts - 1);
  });

  it('returns empty results: none in Nanjing (the report gives no cities), none for an enterprise without a contract', async () => {
    expect(await total('cityCode: "320100"')).toBe(0);
    const [eagle] = await sqlRows(app, "SELECT credit_code AS code FROM enterprise WHERE name = '鹰普集团'");
    expect(await total(`enterpriseCreditCode: "${eagle.code}"`)).toBe(0);
  });

  it('refuses an invalid credit code in the filter', async () => {
    const error = await gqlError(app, 'query ($c: CreditCode) { collectiveContracts(filter: { enterpriseCreditCode: $c }) { totalCount } }', { c: '91320000000000019X' });
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.message).toContain('check');
  });

  it.each([
    ['WORKERS_COVERED_DESC', 'c.workers_covered DESC, c.id DESC'],
    ['SIGNED_ON_DESC', 'c.signed_on DESC, c.id DESC'],
    ['SIGNED_ON_ASC', 'c.signed_on, c.id'],
    ['ID_ASC', 'c.id'],
  ])('orders by %s as SQL does', async (orderBy, sqlOrder) => {
    const res = await gql(app, `{ collectiveContracts(first: 100, orderBy: ${orderBy}) { nodes { signedOn workersCovered enterprise { creditCode } } } }`);
    const rows = await sqlRows(app, `SELECT c.signed_on AS "signedOn", c.workers_covered AS "workersCovered", e.credit_code AS "creditCode"
      FROM collective_innovation_contract c JOIN enterprise e ON e.id = c.enterprise_id ORDER BY ${sqlOrder} LIMIT 100`);
    expect(res.collectiveContracts.nodes).toEqual(rows.map((r) => ({ signedOn: r.signedOn, workersCovered: r.workersCovered, enterprise: { creditCode: r.creditCode } })));
  });

  it("are listed under their enterprise and under the province", async () => {
    const res = await gql(app, `{ province(code: "${JIANGSU}") { collectiveContracts(first: 3) { totalCount nodes { enterprise { collectiveContracts { totalCount } } } } } }`);
    expect(res.province.collectiveContracts.totalCount).toBe(PUBLISHED.jiangsuContractEnterprises);
    expect(res.province.collectiveContracts.nodes).toEqual(Array(3).fill({ enterprise: { collectiveContracts: { totalCount: 1 } } }));
  });
});

interface ContractGroup {
  province: { code: string } | null; city: { code: string } | null; year: number | null;
  count: number; enterprises: number; workersCovered: number; projectsPlanned: number; projectsCompleted: number;
}
const stats = async (groupBy: string, filter = '') =>
  (await gql<{ collectiveContractStats: ContractGroup[] }>(app, `{ collectiveContractStats(groupBy: [${groupBy}]${filter ? `, filter: { ${filter} }` : ''}) {
    province { code } city { code } year count enterprises workersCovered projectsPlanned projectsCompleted } }`)).collectiveContractStats;

describe('collectiveContractStats', () => {
  it('grouped by PROVINCE: Jiangsu has 20,800 contracting enterprises covering 2,000,000 workers', async () => {
    const [row] = await stats('PROVINCE');
    const [sql] = await sqlRows(app, 'SELECT sum(projects_planned)::int AS planned, sum(projects_completed)::int AS completed FROM collective_innovation_contract');
    expect(row).toEqual({
      province: { code: JIANGSU }, city: null, year: null,
      count: PUBLISHED.jiangsuContractEnterprises, enterprises: PUBLISHED.jiangsuContractEnterprises,
      workersCovered: PUBLISHED.jiangsuWorkersCovered, projectsPlanned: sql.planned, projectsCompleted: sql.completed,
    });
  });

  it('grouped by YEAR_SIGNED equals SQL GROUP BY with all sums', async () => {
    const rows = await stats('YEAR_SIGNED');
    const sql = await sqlRows(app, `SELECT extract(year FROM signed_on)::int AS y, count(*)::int AS n, count(DISTINCT enterprise_id)::int AS e,
      sum(workers_covered)::int AS w, sum(projects_planned)::int AS p, sum(projects_completed)::int AS c FROM collective_innovation_contract GROUP BY 1`);
    expect(keyed(rows, (r) => [r.year, r.count, r.enterprises, r.workersCovered, r.projectsPlanned, r.projectsCompleted]))
      .toEqual(keyed(sql, (r) => [r.y, r.n, r.e, r.w, r.p, r.c]));
  });

  it('grouped by [PROVINCE, CITY, YEAR_SIGNED] sums back to the published totals', async () => {
    const rows = await stats('PROVINCE, CITY, YEAR_SIGNED');
    expect(rows.every((r) => r.province?.code === JIANGSU && r.city === null && r.year !== null)).toBe(true);
    expect(rows.reduce((s, r) => s + r.workersCovered, 0)).toBe(PUBLISHED.jiangsuWorkersCovered);
    expect(rows.reduce((s, r) => s + r.count, 0)).toBe(PUBLISHED.jiangsuContractEnterprises);
  });

  it('with groupBy [] gives one total row; a repeated dimension is grouped once', async () => {
    const [totalRow] = await stats('');
    expect(totalRow).toMatchObject({ province: null, city: null, year: null, count: PUBLISHED.collectiveInnovationContracts, workersCovered: PUBLISHED.jiangsuWorkersCovered });
    expect(await stats('YEAR_SIGNED, YEAR_SIGNED')).toEqual(await stats('YEAR_SIGNED'));
  });

  it('applies the filter before summing', async () => {
    const [row] = await stats('', `enterpriseCreditCode: "${await zilongCode()}"`);
    expect(row).toMatchObject({ count: 1, enterprises: 1, projectsPlanned: PUBLISHED.zilongProjectsPlanned, projectsCompleted: PUBLISHED.zilongProjectsCompleted });
    const [since] = await stats('PROVINCE', 'signedFrom: "2025-01-01"');
    expect(since.workersCovered).toBe(await sqlNumber(app, "SELECT sum(workers_covered) FROM collective_innovation_contract WHERE signed_on >= '2025-01-01'"));
    expect(await stats('CITY', 'cityCode: "320100"')).toEqual([]);
  });
});
