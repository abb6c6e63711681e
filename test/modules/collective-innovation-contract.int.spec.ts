import { PUBLISHED } from '../../seeds/published-data-set';
import { testEnterprises } from '../setup/fixtures';
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

  it("finds Zilong's contract by credit code: 15 projects planned, 9 completed; when it was signed, for how long and for how many workers is unknown", async () => {
    const res = await gql(app, `{ collectiveContracts(filter: { enterpriseCreditCode: "${await zilongCode()}" }) { nodes {
      signedOn termMonths expiresOn workersCovered projectsPlanned projectsCompleted isSample enterprise { name } province { code } city { code } source { title } } } }`);
    const [row] = await sqlRows(app, `SELECT s.title FROM collective_innovation_contract c JOIN enterprise e ON e.id = c.enterprise_id
      JOIN source s ON s.id = c.source_id WHERE e.name = $1`, [ZILONG]);
    expect(res.collectiveContracts.nodes).toEqual([{
      signedOn: null, termMonths: null, expiresOn: null, workersCovered: null,
      projectsPlanned: PUBLISHED.zilongProjectsPlanned, projectsCompleted: PUBLISHED.zilongProjectsCompleted, isSample: false,
      enterprise: { name: ZILONG }, province: { code: JIANGSU }, city: null, source: { title: row.title },
    }]);
    expect(row.title).toBe('一纸“创新合同”,引领万众革新');
  });

  it('leaves the published contracts, whose dates and workers are unknown, out of every date range and minimum', async () => {
    expect(await sqlNumber(app, 'SELECT count(*) FROM collective_innovation_contract WHERE signed_on IS NOT NULL OR workers_covered IS NOT NULL')).toBe(0);
    expect(await total('signedFrom: "1900-01-01"')).toBe(0);
    expect(await total('signedTo: "2100-12-31"')).toBe(0);
    expect(await total('minWorkersCovered: 0')).toBe(0);
  });

  it('filters by isSample', async () => {
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

  it("are listed under their enterprise and under the province", async () => {
    const res = await gql(app, `{ province(code: "${JIANGSU}") { collectiveContracts(first: 3) { totalCount nodes { enterprise { collectiveContracts { totalCount } } } } } }`);
    expect(res.province.collectiveContracts.totalCount).toBe(PUBLISHED.jiangsuContractEnterprises);
    expect(res.province.collectiveContracts.nodes).toEqual(Array(3).fill({ enterprise: { collectiveContracts: { totalCount: 1 } } }));
  });
});

interface ContractGroup {
  province: { code: string } | null; city: { code: string } | null; year: number | null;
  count: number; enterprises: number; workersCovered: number | null; withWorkersCovered: number;
  projectsPlanned: number | null; projectsCompleted: number | null; withProjectCounts: number;
}
const stats = async (groupBy: string, filter = '') =>
  (await gql<{ collectiveContractStats: ContractGroup[] }>(app, `{ collectiveContractStats(groupBy: [${groupBy}]${filter ? `, filter: { ${filter} }` : ''}) {
    province { code } city { code } year count enterprises workersCovered withWorkersCovered projectsPlanned projectsCompleted withProjectCounts } }`)).collectiveContractStats;

describe('collectiveContractStats', () => {
  it('grouped by PROVINCE: Jiangsu has 20,800 contracting enterprises; the 2,000,000 workers covered are a published figure, unknown per contract', async () => {
    const [row] = await stats('PROVINCE');
    expect(row).toEqual({
      province: { code: JIANGSU }, city: null, year: null,
      count: PUBLISHED.jiangsuContractEnterprises, enterprises: PUBLISHED.jiangsuContractEnterprises,
      workersCovered: null, withWorkersCovered: 0,
      projectsPlanned: PUBLISHED.zilongProjectsPlanned, projectsCompleted: PUBLISHED.zilongProjectsCompleted, withProjectCounts: 1, // Zilong's alone
    });
    const figure = await gql(app, `{ reportedFigures(filter: { provinceCode: "${JIANGSU}", metrics: [WORKERS_COVERED_BY_COLLECTIVE_CONTRACTS] }) { nodes { value } } }`);
    expect(figure.reportedFigures.nodes).toEqual([{ value: PUBLISHED.jiangsuWorkersCovered }]);
  });

  it('grouped by YEAR_SIGNED equals SQL GROUP BY with all sums and counts of known values', async () => {
    const rows = await stats('YEAR_SIGNED');
    const sql = await sqlRows(app, `SELECT extract(year FROM signed_on)::int AS y, count(*)::int AS n, count(DISTINCT enterprise_id)::int AS e,
      sum(workers_covered)::int AS w, count(workers_covered)::int AS kw, sum(projects_planned)::int AS p, sum(projects_completed)::int AS c, count(projects_planned)::int AS kp
      FROM collective_innovation_contract GROUP BY 1`);
    expect(keyed(rows, (r) => [r.year, r.count, r.enterprises, r.workersCovered, r.withWorkersCovered, r.projectsPlanned, r.projectsCompleted, r.withProjectCounts]))
      .toEqual(keyed(sql, (r) => [r.y, r.n, r.e, r.w, r.kw, r.p, r.c, r.kp]));
  });

  it('grouped by [PROVINCE, CITY, YEAR_SIGNED]: every published contract in one group of Jiangsu, no city, no year', async () => {
    const rows = await stats('PROVINCE, CITY, YEAR_SIGNED');
    expect(rows).toEqual([{
      province: { code: JIANGSU }, city: null, year: null, count: PUBLISHED.jiangsuContractEnterprises, enterprises: PUBLISHED.jiangsuContractEnterprises,
      workersCovered: null, withWorkersCovered: 0, projectsPlanned: PUBLISHED.zilongProjectsPlanned, projectsCompleted: PUBLISHED.zilongProjectsCompleted, withProjectCounts: 1,
    }]);
  });

  it('with groupBy [] gives one total row; a repeated dimension is grouped once', async () => {
    const [totalRow] = await stats('');
    expect(totalRow).toMatchObject({ province: null, city: null, year: null, count: PUBLISHED.collectiveInnovationContracts, workersCovered: null, withWorkersCovered: 0 });
    expect(await stats('YEAR_SIGNED, YEAR_SIGNED')).toEqual(await stats('YEAR_SIGNED'));
  });

  it('applies the filter before summing', async () => {
    const [row] = await stats('', `enterpriseCreditCode: "${await zilongCode()}"`);
    expect(row).toMatchObject({ count: 1, enterprises: 1, projectsPlanned: PUBLISHED.zilongProjectsPlanned, projectsCompleted: PUBLISHED.zilongProjectsCompleted });
    expect(await stats('PROVINCE', 'signedFrom: "1900-01-01"')).toEqual([]); // no published contract has a signing date
    expect(await stats('CITY', 'cityCode: "320100"')).toEqual([]);
  });

  it('sums values no contract of the group states to null, not 0, and counts the contracts that state them', async () => {
    const [samples] = await stats('', 'isSample: true'); // the 20,799 contracts the report counts but does not describe
    expect(samples).toEqual({
      province: null, city: null, year: null, count: PUBLISHED.jiangsuContractEnterprises - 1, enterprises: PUBLISHED.jiangsuContractEnterprises - 1,
      workersCovered: null, withWorkersCovered: 0, projectsPlanned: null, projectsCompleted: null, withProjectCounts: 0,
    });
  });
});

/**
 * The published contracts state no signing date, term or workers covered, so the filters, orderings
 * and sums on them are tested on contracts entered here, in Zhejiang (Hangzhou and Ningbo). Last,
 * as they add to the counts the tests above expect.
 */
describe('contracts entered with their dates and workers', () => {
  const [ZHEJIANG, HANGZHOU, NINGBO] = ['330000', '330100', '330200'];
  let codes: string[];
  beforeAll(async () => {
    const query = (t: string, p?: unknown[]) => app.dataSource.query(t, p);
    const hangzhou = await testEnterprises(query, HANGZHOU, 3, { employeeCount: 5000 });
    const [ningbo] = await testEnterprises(query, NINGBO, 1, { employeeCount: 5000 });
    codes = [...hangzhou, ningbo].map((e) => e.credit_code);
    // [enterprise, city, signed_on, term_months, workers_covered, projects_planned, projects_completed]
    const CONTRACTS: Array<[number, string, string | null, number | null, number | null, number | null, number | null]> = [
      [hangzhou[0].id, HANGZHOU, '2023-01-01', 36, 1200, 10, 4],
      [hangzhou[1].id, HANGZHOU, '2023-12-31', 12, 800, 5, 5],
      [ningbo.id, NINGBO, '2025-01-01', 36, 3000, 3, 1],
      [hangzhou[2].id, HANGZHOU, '2025-06-30', 24, null, 2, 0],
      [hangzhou[0].id, HANGZHOU, null, null, 500, null, null], // a second contract of the first enterprise, undated
    ];
    for (const [enterprise, city, signedOn, term, workers, planned, completed] of CONTRACTS) {
      await query(
        `INSERT INTO collective_innovation_contract (enterprise_id, province_code, city_code, signed_on, term_months, workers_covered, projects_planned, projects_completed)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [enterprise, ZHEJIANG, city, signedOn, term, workers, planned, completed],
      );
    }
  });

  it('gives each its expiry: the day before the term, counted from the signing day, ends', async () => {
    const res = await gql(app, `{ a: collectiveContracts(filter: { enterpriseCreditCode: "${codes[3]}" }) { nodes { signedOn termMonths expiresOn workersCovered } }
      b: collectiveContracts(filter: { enterpriseCreditCode: "${codes[0]}" }) { nodes { signedOn termMonths expiresOn workersCovered } } }`);
    expect(res.a.nodes).toEqual([{ signedOn: '2025-01-01', termMonths: 36, expiresOn: '2027-12-31', workersCovered: 3000 }]);
    expect(res.b.nodes).toEqual([
      { signedOn: '2023-01-01', termMonths: 36, expiresOn: '2025-12-31', workersCovered: 1200 },
      { signedOn: null, termMonths: null, expiresOn: null, workersCovered: 500 },
    ]);
  });

  it('filters by signing date range, bounds included', async () => {
    const [from, to] = ['2023-01-01', '2023-12-31'];
    expect(await total(`signedFrom: "${from}", signedTo: "${to}"`)).toBe(2);
    expect(await total(`signedFrom: "${from}", signedTo: "${to}"`)).toBe(
      await sqlNumber(app, 'SELECT count(*) FROM collective_innovation_contract WHERE signed_on BETWEEN $1 AND $2', [from, to]),
    );
    expect(await total('signedFrom: "2025-01-01"')).toBe(2);
    expect(await total('signedFrom: "2025-07-01"')).toBe(0);
    expect(await total(`provinceCode: "${ZHEJIANG}", signedFrom: "1900-01-01"`)).toBe(4); // all but the undated one
  });

  it('filters by minimum workers covered', async () => {
    expect(await total('minWorkersCovered: 1000')).toBe(2);
    expect(await total('minWorkersCovered: 1000')).toBe(await sqlNumber(app, 'SELECT count(*) FROM collective_innovation_contract WHERE workers_covered >= 1000'));
    expect(await total('minWorkersCovered: 500')).toBe(4);
  });

  it.each([
    ['WORKERS_COVERED_DESC', 'coalesce(c.workers_covered, -1) DESC, c.id DESC'],
    ['SIGNED_ON_DESC', "coalesce(c.signed_on, date '0001-01-01') DESC, c.id DESC"],
    ['SIGNED_ON_ASC', "coalesce(c.signed_on, date '0001-01-01'), c.id"],
    ['ID_ASC', 'c.id'],
  ])('orders by %s as SQL does, unknown values as the least', async (orderBy, sqlOrder) => {
    const selection = 'nodes { signedOn workersCovered enterprise { creditCode } }';
    const res = await gql(app, `{ all: collectiveContracts(first: 100, orderBy: ${orderBy}) { ${selection} }
      zhejiang: collectiveContracts(first: 100, orderBy: ${orderBy}, filter: { provinceCode: "${ZHEJIANG}" }) { ${selection} } }`);
    const rows = (where: string) => sqlRows(app, `SELECT c.signed_on AS "signedOn", c.workers_covered AS "workersCovered", e.credit_code AS "creditCode"
      FROM collective_innovation_contract c JOIN enterprise e ON e.id = c.enterprise_id ${where} ORDER BY ${sqlOrder} LIMIT 100`);
    const shaped = (list: any[]) => list.map((r) => ({ signedOn: r.signedOn, workersCovered: r.workersCovered, enterprise: { creditCode: r.creditCode } }));
    expect(res.all.nodes).toEqual(shaped(await rows('')));
    expect(res.zhejiang.nodes).toEqual(shaped(await rows(`WHERE c.province_code = '${ZHEJIANG}'`)));
  });

  it('puts unknown workers last with WORKERS_COVERED_DESC and unknown dates first with SIGNED_ON_ASC', async () => {
    const res = await gql(app, `{ w: collectiveContracts(orderBy: WORKERS_COVERED_DESC, filter: { provinceCode: "${ZHEJIANG}" }) { nodes { workersCovered } }
      s: collectiveContracts(orderBy: SIGNED_ON_ASC, filter: { provinceCode: "${ZHEJIANG}" }) { nodes { signedOn } } }`);
    expect(res.w.nodes.map((n: any) => n.workersCovered)).toEqual([3000, 1200, 800, 500, null]);
    expect(res.s.nodes.map((n: any) => n.signedOn)).toEqual([null, '2023-01-01', '2023-12-31', '2025-01-01', '2025-06-30']);
  });

  it('grouped by CITY sums what the contracts state and counts how many state it', async () => {
    const rows = await stats('CITY', `provinceCode: "${ZHEJIANG}"`);
    expect(rows).toEqual([
      { province: null, city: { code: HANGZHOU }, year: null, count: 4, enterprises: 3, workersCovered: 2500, withWorkersCovered: 3, projectsPlanned: 17, projectsCompleted: 9, withProjectCounts: 3 },
      { province: null, city: { code: NINGBO }, year: null, count: 1, enterprises: 1, workersCovered: 3000, withWorkersCovered: 1, projectsPlanned: 3, projectsCompleted: 1, withProjectCounts: 1 },
    ]);
  });

  it('grouped by YEAR_SIGNED, filtered before summing', async () => {
    const rows = await stats('YEAR_SIGNED', `provinceCode: "${ZHEJIANG}", signedFrom: "2020-01-01"`);
    expect(rows).toEqual([
      { province: null, city: null, year: 2023, count: 2, enterprises: 2, workersCovered: 2000, withWorkersCovered: 2, projectsPlanned: 15, projectsCompleted: 9, withProjectCounts: 2 },
      { province: null, city: null, year: 2025, count: 2, enterprises: 2, workersCovered: 3000, withWorkersCovered: 1, projectsPlanned: 5, projectsCompleted: 1, withProjectCounts: 2 },
    ]);
    const [since] = await stats('PROVINCE', 'signedFrom: "2025-01-01"');
    expect(since.workersCovered).toBe(await sqlNumber(app, "SELECT sum(workers_covered) FROM collective_innovation_contract WHERE signed_on >= '2025-01-01'"));
    expect(since).toMatchObject({ province: { code: ZHEJIANG }, workersCovered: 3000 });
  });

  it('a group whose contracts state no project counts sums them to null', async () => {
    const rows = await stats('YEAR_SIGNED', `provinceCode: "${ZHEJIANG}"`);
    expect(rows.find((r) => r.year === null)).toEqual({
      province: null, city: null, year: null, count: 1, enterprises: 1, workersCovered: 500, withWorkersCovered: 1, projectsPlanned: null, projectsCompleted: null, withProjectCounts: 0,
    });
  });
});
