import { createHash } from 'node:crypto';
import request from 'supertest';
import { testEnterprises, testEnterpriseFamilies } from '../setup/fixtures';
import { gql, nodeId, sqlRows } from '../setup/queries';
import { startTestApp, type TestApp } from '../setup/test-app';

/**
 * Group-by aggregates beyond the module tests: enterprises, months, districts, the enterprise's
 * ownership and industry, and sums over values that are known for only some records (null when
 * none is known, with a count of the known ones); then how aggregate answers are cached
 * (Cache-Control, the response cache, APQ over GET).
 */
const NANJING = '320100';
const SUZHOU = '320500';

let app: TestApp;
let nanjingEnterpriseId: number;
beforeAll(async () => {
  app = await startTestApp();
  const query = (text: string, params?: unknown[]) => app.dataSource.query(text, params);
  // The published enterprises state neither ownership nor employees (and none is in Nanjing): test
  // enterprises that do, and some in the same groups whose employee count is unknown.
  await testEnterprises(query, NANJING, 3, { ownership: 'PRIVATE', employeeCount: 120 });
  await testEnterprises(query, NANJING, 2, { ownership: 'PRIVATE' });
  await testEnterprises(query, NANJING, 2, { ownership: 'STATE_OWNED', industry: '装备制造', employeeCount: 5000 });
  await testEnterprises(query, SUZHOU, 4, { ownership: 'FOREIGN_INVESTED', industry: '电子信息', employeeCount: 800 });
  await testEnterprises(query, SUZHOU, 1, { ownership: 'OTHER' });
  // Eleven more (PRIVATE, employees unknown), one in each Nanjing district, each with two studios
  // founded month by month from 2023-10 and a contract covering 100 + i workers (4 projects planned) …
  const families = await testEnterpriseFamilies(query, NANJING, 11, () => ({ studios: 2, contracts: 1 }));
  nanjingEnterpriseId = families[0].id;
  // … but the last contract states neither its workers nor its projects.
  await query(`UPDATE collective_innovation_contract SET workers_covered = NULL, projects_planned = NULL, projects_completed = NULL
    WHERE enterprise_id = $1`, [families[10].id]);
  // Two district academies in 玄武区 (the published ones are in no district).
  await query(`INSERT INTO craftsman_academy (name, level, province_code, city_code, district_code)
    VALUES ('测试区级工匠学院一', 'DISTRICT', '320000', $1, '320102'), ('测试区级工匠学院二', 'DISTRICT', '320000', $1, '320102')`, [NANJING]);
});
afterAll(() => app.close());

const sortRows = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();

describe('group-by aggregates', () => {
  it('counts enterprises and sums their known employees per city and ownership, as SQL on the base table does', async () => {
    const data = await gql(app, '{ enterpriseStats(groupBy: [CITY, OWNERSHIP]) { cityCode ownership count employees withEmployeeCount } }');
    // sum() skips unknown counts and is null when none is known: unknown is not zero.
    const expected = await sqlRows(
      app,
      `SELECT city_code AS "cityCode", ownership, count(*)::int AS count, sum(employee_count)::int AS employees,
              count(employee_count)::int AS "withEmployeeCount"
       FROM enterprise WHERE archived_at IS NULL GROUP BY 1, 2`,
    );
    expect(expected.length).toBeGreaterThan(6);
    expect(sortRows(data.enterpriseStats)).toEqual(sortRows(expected));
    // Nanjing's private firms: 3 × 120 known, 2 + 11 unknown; Suzhou's one OTHER firm: none known.
    expect(data.enterpriseStats).toContainEqual({ cityCode: NANJING, ownership: 'PRIVATE', count: 16, employees: 360, withEmployeeCount: 3 });
    expect(data.enterpriseStats).toContainEqual({ cityCode: SUZHOU, ownership: 'FOREIGN_INVESTED', count: 4, employees: 3200, withEmployeeCount: 4 });
    expect(data.enterpriseStats).toContainEqual({ cityCode: SUZHOU, ownership: 'OTHER', count: 1, employees: null, withEmployeeCount: 0 });
    // The published sample enterprises (and Zilong): no city, no ownership, no employee count.
    expect(data.enterpriseStats).toContainEqual({ cityCode: null, ownership: null, count: 20_800, employees: null, withEmployeeCount: 0 });
  });

  it('groups studios by the month they were established, within a filter', async () => {
    // The published studios are undated; the test studios were founded month by month from 2023-10 on.
    const data = await gql(app, '{ innovationStudioStats(groupBy: [MONTH_ESTABLISHED], filter: { cityCode: "320100", establishedFrom: "2024-01-01" }) { month count } }');
    const expected = await sqlRows(
      app,
      `SELECT to_char(date_trunc('month', established_on), 'YYYY-MM-DD') AS month, count(*)::int AS count
       FROM innovation_studio WHERE city_code = '320100' AND established_on >= '2024-01-01' AND archived_at IS NULL GROUP BY 1`,
    );
    expect(expected.length).toBeGreaterThan(6);
    expect(sortRows(data.innovationStudioStats)).toEqual(sortRows(expected));
    expect(data.innovationStudioStats.every((r: { month: string }) => /^\d{4}-\d{2}-01$/.test(r.month))).toBe(true);
  });

  it("groups contracts by their enterprise's ownership and industry with the sums over known values and how many are known, in one statement", async () => {
    const res = await app.graphql(`{ collectiveContractStats(groupBy: [OWNERSHIP, INDUSTRY]) {
      ownership industry count workersCovered withWorkersCovered projectsPlanned withProjectCounts } }`);
    expect(res.errors).toBeUndefined();
    const expected = await sqlRows(
      app,
      `SELECT e.ownership, e.industry, count(*)::int AS count, sum(c.workers_covered)::int AS "workersCovered",
              count(c.workers_covered)::int AS "withWorkersCovered", sum(c.projects_planned)::int AS "projectsPlanned",
              count(c.projects_planned)::int AS "withProjectCounts"
       FROM collective_innovation_contract c JOIN enterprise e ON e.id = c.enterprise_id WHERE c.archived_at IS NULL GROUP BY 1, 2`,
    );
    expect(sortRows(res.data.collectiveContractStats)).toEqual(sortRows(expected));
    // The test contracts: ten state 100 … 109 workers and 4 projects planned; the eleventh states neither.
    expect(res.data.collectiveContractStats).toContainEqual({
      ownership: 'PRIVATE', industry: null, count: 11, workersCovered: 1045, withWorkersCovered: 10, projectsPlanned: 40, withProjectCounts: 10,
    });
    // The published contracts state no workers; of their project counts only Zilong's (15 planned).
    const published = res.data.collectiveContractStats.filter((r: { ownership: string | null }) => r.ownership === null);
    expect(published.reduce((n: number, r: { count: number }) => n + r.count, 0)).toBe(20_800);
    expect(published.every((r: { workersCovered: number | null; withWorkersCovered: number }) => r.workersCovered === null && r.withWorkersCovered === 0)).toBe(true);
    expect(published.filter((r: { withProjectCounts: number }) => r.withProjectCounts > 0)).toEqual([
      expect.objectContaining({ count: 1, projectsPlanned: 15, withProjectCounts: 1 }),
    ]);
    expect(res.extensions.sqlStatements).toBe(1);
  });

  it('sums projects completed over the contracts that state them: null, not 0, for a group where none does', async () => {
    const data = await gql(app, '{ collectiveContractStats(groupBy: [OWNERSHIP, INDUSTRY]) { ownership industry count projectsCompleted withProjectCounts } }');
    const expected = await sqlRows(
      app,
      `SELECT e.ownership, e.industry, count(*)::int AS count, sum(c.projects_completed)::int AS "projectsCompleted", count(c.projects_planned)::int AS "withProjectCounts"
       FROM collective_innovation_contract c JOIN enterprise e ON e.id = c.enterprise_id WHERE c.archived_at IS NULL GROUP BY 1, 2`,
    );
    expect(sortRows(data.collectiveContractStats)).toEqual(sortRows(expected));
    // Ten test contracts with 1 completed each; Zilong's 9; the 20,799 sample contracts state none.
    expect(data.collectiveContractStats).toContainEqual({ ownership: 'PRIVATE', industry: null, count: 11, projectsCompleted: 10, withProjectCounts: 10 });
    expect(data.collectiveContractStats).toContainEqual(expect.objectContaining({ ownership: null, count: 1, projectsCompleted: 9, withProjectCounts: 1 }));
    expect(data.collectiveContractStats).toContainEqual({ ownership: null, industry: null, count: 20_799, projectsCompleted: null, withProjectCounts: 0 });
  });

  it('groups records by district within a city, records in no district in one null group', async () => {
    const data = await gql(app, `{
      innovationStudioStats(groupBy: [DISTRICT], filter: { cityCode: "${NANJING}" }) { districtCode district { code city { code } } count }
      collectiveContractStats(groupBy: [DISTRICT], filter: { cityCode: "${NANJING}" }) { districtCode count workersCovered withWorkersCovered }
    }`);
    const studios = await sqlRows(app, `SELECT district_code AS "districtCode", count(*)::int AS count
      FROM innovation_studio WHERE city_code = $1 AND archived_at IS NULL GROUP BY 1`, [NANJING]);
    expect(sortRows(data.innovationStudioStats.map(({ districtCode, count }: { districtCode: string | null; count: number }) => ({ districtCode, count })))).toEqual(sortRows(studios));
    // Two test studios in each of Nanjing's eleven districts; the 598 published ones in none.
    expect(data.innovationStudioStats).toHaveLength(12);
    expect(data.innovationStudioStats).toContainEqual({ districtCode: null, district: null, count: 598 });
    for (const row of data.innovationStudioStats.filter((r: { districtCode: string | null }) => r.districtCode !== null)) {
      expect(row).toEqual({ districtCode: row.districtCode, district: { code: row.districtCode, city: { code: NANJING } }, count: 2 });
    }
    const contracts = await sqlRows(app, `SELECT district_code AS "districtCode", count(*)::int AS count, sum(workers_covered)::int AS "workersCovered",
      count(workers_covered)::int AS "withWorkersCovered" FROM collective_innovation_contract WHERE city_code = $1 AND archived_at IS NULL GROUP BY 1`, [NANJING]);
    expect(contracts).toHaveLength(11);
    expect(sortRows(data.collectiveContractStats)).toEqual(sortRows(contracts));
    // The last district's one contract states no workers.
    expect(data.collectiveContractStats).toContainEqual({ districtCode: '320118', count: 1, workersCovered: null, withWorkersCovered: 0 });
  });

  it('gives place codes as flat columns next to the nested city and district', async () => {
    const data = await gql(app, '{ craftsmanAcademyStats(groupBy: [CITY, DISTRICT]) { cityCode city { code } districtCode district { code cityCode } count } }');
    for (const row of data.craftsmanAcademyStats) {
      expect(row.city?.code ?? null).toBe(row.cityCode);
      expect(row.district?.code ?? null).toBe(row.districtCode);
      if (row.district) expect(row.district.cityCode).toBe(row.cityCode);
    }
    // Nanjing's 35 published academies (in no district) and the two test ones in 玄武区
    expect(sortRows(data.craftsmanAcademyStats)).toEqual(sortRows([
      { cityCode: NANJING, city: { code: NANJING }, districtCode: null, district: null, count: 35 },
      { cityCode: NANJING, city: { code: NANJING }, districtCode: '320102', district: { code: '320102', cityCode: NANJING }, count: 2 },
    ]));
  });
});

describe('caching aggregate answers', () => {
  const STATS = '{ innovationStudioStats(groupBy: [CITY]) { cityCode city { name } count } }';

  it('marks an aggregate-only answer cacheable for a minute, and an answer with a record list not', async () => {
    const aggregate = await request(app.app).post('/graphql').send({ query: STATS });
    expect(aggregate.headers['cache-control']).toBe('max-age=60, public');
    const withList = await request(app.app).post('/graphql').send({ query: '{ innovationStudioStats(groupBy: []) { count } innovationStudios(first: 1) { totalCount } }' });
    expect(withList.headers['cache-control']).toBe('no-store');
  });

  it('answers a repeated aggregate query from memory until a write changes the registry', async () => {
    const query = '{ innovationStudioStats(groupBy: [KIND], filter: { cityCode: "320500" }) { kind count } }';
    const first = await app.graphql(query);
    expect(first.extensions.sqlStatements).toBeGreaterThan(0);
    const again = await app.graphql(query);
    expect(again.extensions.sqlStatements).toBe(0);
    expect(again.data).toEqual(first.data);

    const { key } = await app.createKey('ADMIN');
    const created = await app.graphqlAs(key, `mutation { createInnovationStudio(input: { name: "缓存测试工作室", kind: MODEL_WORKER, enterpriseId: "${nodeId('Enterprise', nanjingEnterpriseId)}" }) { userErrors { message } } }`);
    expect(created.data.createInnovationStudio.userErrors).toEqual([]);

    const after = await app.graphql(query);
    expect(after.extensions.sqlStatements).toBeGreaterThan(0);
  });

  it('serves persisted queries over GET, so that proxies and BI tools can cache them by URL', async () => {
    const hash = createHash('sha256').update(STATS).digest('hex');
    const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } });

    const unknown = await request(app.app).get('/graphql').query({ extensions });
    expect(unknown.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');

    const registered = await request(app.app).get('/graphql').query({ query: STATS, extensions });
    expect(registered.status).toBe(200);
    const byHash = await request(app.app).get('/graphql').query({ extensions });
    expect(byHash.status).toBe(200);
    expect(byHash.body.data).toEqual(registered.body.data);
    expect(byHash.headers['cache-control']).toBe('max-age=60, public');
    expect(byHash.headers.vary).toMatch(/\bAuthorization\b/);

    // Answered for a key: no shared cache may keep it, and none may give it to another caller.
    const { key } = await app.createKey('ANALYST');
    const keyed = await request(app.app).get('/graphql').set('authorization', `Bearer ${key}`).query({ extensions });
    expect(keyed.status).toBe(200);
    expect(keyed.headers['cache-control']).toBe('max-age=60, private');
    expect(keyed.headers.vary).toMatch(/\bAuthorization\b/);
  });

  it('tags a GET answer by its data, not its request id, so that a client revalidates it with 304 until the registry changes', async () => {
    const query = `{ innovationStudioStats(groupBy: [CITY], filter: { cityCode: "${NANJING}" }) { count } }`;
    const first = await request(app.app).get('/graphql').query({ query });
    const second = await request(app.app).get('/graphql').query({ query });
    expect(second.body.extensions.requestId).not.toBe(first.body.extensions.requestId);
    expect(first.headers.etag).toMatch(/^W\/"[\w-]+"$/);
    expect(second.headers.etag).toBe(first.headers.etag);

    const revalidated = await request(app.app).get('/graphql').query({ query }).set('if-none-match', first.headers.etag);
    expect(revalidated.status).toBe(304);
    expect(revalidated.text).toBe('');

    const { key } = await app.createKey('ADMIN');
    const created = await app.graphqlAs(key, `mutation { createInnovationStudio(input: { name: "标签测试工作室", kind: MODEL_WORKER, enterpriseId: "${nodeId('Enterprise', nanjingEnterpriseId)}" }) { userErrors { message } } }`);
    expect(created.data.createInnovationStudio.userErrors).toEqual([]);
    const changed = await request(app.app).get('/graphql').query({ query }).set('if-none-match', first.headers.etag);
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(first.headers.etag);
    expect(changed.body.data.innovationStudioStats[0].count).toBe(first.body.data.innovationStudioStats[0].count + 1);
  });

  it('refuses a mutation sent with GET', async () => {
    const res = await request(app.app).get('/graphql').query({ query: 'mutation { archiveInnovationStudio(input: { id: "x", version: 1 }) { userErrors { message } } }' });
    expect(res.status).toBe(405);
  });
});
