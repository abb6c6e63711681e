import { createHash } from 'node:crypto';
import request from 'supertest';
import { gql, nodeId, sqlRows } from '../setup/queries';
import { startTestApp, type TestApp } from '../setup/test-app';

/**
 * Group-by aggregates beyond the module tests: enterprises, months, the enterprise's ownership and
 * industry; then how aggregate answers are cached (Cache-Control, the response cache, APQ over GET).
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const sortRows = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();

describe('group-by aggregates', () => {
  it('counts enterprises and sums their employees per city and ownership, as SQL on the base table does', async () => {
    const data = await gql(app, '{ enterpriseStats(groupBy: [CITY, OWNERSHIP]) { cityCode ownership count employees withEmployeeCount } }');
    const expected = await sqlRows(
      app,
      `SELECT city_code AS "cityCode", ownership, count(*)::int AS count, coalesce(sum(employee_count), 0)::int AS employees,
              count(employee_count)::int AS "withEmployeeCount"
       FROM enterprise WHERE archived_at IS NULL GROUP BY 1, 2`,
    );
    expect(expected.length).toBeGreaterThan(3);
    expect(sortRows(data.enterpriseStats)).toEqual(sortRows(expected));
  });

  it('groups studios by the month they were established, within a filter', async () => {
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

  it("groups contracts by their enterprise's ownership and industry with the sums, in one statement", async () => {
    const res = await app.graphql('{ collectiveContractStats(groupBy: [OWNERSHIP, INDUSTRY]) { ownership industry count workersCovered } }');
    expect(res.errors).toBeUndefined();
    const expected = await sqlRows(
      app,
      `SELECT e.ownership, e.industry, count(*)::int AS count, sum(c.workers_covered)::int AS "workersCovered"
       FROM collective_innovation_contract c JOIN enterprise e ON e.id = c.enterprise_id WHERE c.archived_at IS NULL GROUP BY 1, 2`,
    );
    expect(sortRows(res.data.collectiveContractStats)).toEqual(sortRows(expected));
    expect(res.extensions.sqlStatements).toBe(1);
  });

  it('gives place codes as flat columns next to the nested city', async () => {
    const data = await gql(app, '{ craftsmanAcademyStats(groupBy: [CITY]) { cityCode city { code } count } }');
    for (const row of data.craftsmanAcademyStats) expect(row.city?.code ?? null).toBe(row.cityCode);
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
    const [enterprise] = await sqlRows(app, "SELECT id FROM enterprise WHERE city_code = '320100' LIMIT 1");
    const created = await app.graphqlAs(key, `mutation { createInnovationStudio(input: { name: "缓存测试工作室", kind: MODEL_WORKER, enterpriseId: "${nodeId('Enterprise', enterprise.id)}" }) { userErrors { message } } }`);
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
  });

  it('refuses a mutation sent with GET', async () => {
    const res = await request(app.app).get('/graphql').query({ query: 'mutation { archiveInnovationStudio(input: { id: "x", version: 1 }) { userErrors { message } } }' });
    expect(res.status).toBe(405);
  });
});
