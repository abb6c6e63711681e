/**
 * How many SQL statements a request runs depends on the shape of the query, never on how many rows
 * it returns: a root list or lookup fetches the relations it selects in its own statement
 * (src/graphql/fold.ts); relations reached otherwise are batched per request (DataLoader), child
 * lists in one windowed query for all parents; `totalCount` runs a COUNT only when it is selected. Every response reports the
 * number in `extensions.sqlStatements`; here it is also checked against what actually reached the
 * pg pool, so that the reported number cannot drift from the truth.
 */
import type { Pool } from 'pg';
import { startTestApp, type TestApp } from '../setup/test-app';

let app: TestApp;
let sent: string[] = [];

beforeAll(async () => {
  app = await startTestApp();
  // The app's reads all go through this pool's query(): record their SQL text.
  const pool: Pool = app.requestPool;
  const original = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  jest.spyOn(pool, 'query').mockImplementation(((...args: unknown[]) => {
    const first = args[0] as string | { text: string };
    sent.push(typeof first === 'string' ? first : first.text);
    return original(...args);
  }) as never);
});
afterAll(async () => {
  jest.restoreAllMocks();
  await app.close();
});

/** Runs a query that must succeed; returns its data, the reported statement count and the SQL sent. */
async function run(query: string): Promise<{ data: any; statements: number; sql: string[] }> {
  sent = [];
  const res = await app.graphql(query);
  expect(res.errors).toBeUndefined();
  const statements = res.extensions?.sqlStatements;
  expect(typeof statements).toBe('number');
  // The reported count is the number of statements that went to PostgreSQL.
  expect(sent).toHaveLength(statements);
  return { data: res.data, statements, sql: sent };
}

const SHAPES: Record<string, (n: number) => string> = {
  'studios with their enterprise, its city and contracts, their city, province and source': (n) => `{
    innovationStudios(first: ${n}, filter: { cityCode: "320100" }) {
      totalCount
      nodes {
        name
        enterprise { name city { name } collectiveContracts(first: 3) { nodes { workersCovered } } }
        city { name province { name } }
        source { title }
      }
    }
  }`,
  'enterprises with contracts, studio counts and craftsmen': (n) => `{
    enterprises(first: ${n}) {
      nodes {
        collectiveContracts(first: 2) { totalCount nodes { signedOn } }
        innovationStudios { totalCount }
        craftsmen(first: 2) { nodes { name } }
      }
    }
  }`,
  'cities with goal progress and studios': (n) => `{
    cities(first: ${n}) {
      nodes {
        goals { progress { current } }
        innovationStudios(first: 5) { totalCount nodes { name } }
      }
    }
  }`,
  'contracts with their enterprise, its studios and its craftsmen’s enterprise': (n) => `{
    collectiveContracts(first: ${n}, filter: { provinceCode: "320000" }) {
      nodes {
        workersCovered
        enterprise { creditCode innovationStudios(first: 2) { nodes { name } } craftsmen { nodes { enterprise { name } } } }
        province { name }
        source { title }
      }
    }
  }`,
};

/** How many rows the root list returned, to show that the sizes compared really differ. */
function rootRows(data: Record<string, { nodes: unknown[] }>): number {
  return Object.values(data)[0].nodes.length;
}

describe('statements per request follow the query shape, not the row count', () => {
  it.each(Object.entries(SHAPES))('%s: the same at page size 1, 10 and 100', async (_name, shape) => {
    const one = await run(shape(1));
    const ten = await run(shape(10));
    const hundred = await run(shape(100));
    expect(rootRows(one.data)).toBe(1);
    expect(rootRows(ten.data)).toBe(10);
    expect(rootRows(hundred.data)).toBeGreaterThan(10);
    expect(ten.statements).toBe(hundred.statements);
    expect(one.statements).toBe(hundred.statements);
  });

  it('goals with scope, progress and source: the same at page size 4, 9 and 100, and never more at 1', async () => {
    // `scope` is a union: a page of goals loads each member type that occurs in it (one statement
    // for cities, one for provinces), so a one-goal page of a city goal needs one statement fewer.
    const shape = (n: number) => `{ goals(first: ${n}) { nodes { scope { __typename } progress { ratio } source { title } } } }`;
    const counts: Record<number, number> = {};
    for (const n of [1, 4, 9, 100]) {
      const result = await run(shape(n));
      expect(rootRows(result.data)).toBe(Math.min(n, 9));
      counts[n] = result.statements;
    }
    // page (with each goal's source), cities, provinces, current values
    expect(counts[4]).toBe(4);
    expect(counts[9]).toBe(4);
    expect(counts[100]).toBe(4);
    expect(counts[1]).toBeLessThanOrEqual(4);
  });

  it('a whole page of child lists under a whole page of parents is fetched with the root list: one statement', async () => {
    const shape = (n: number) => `{
      provinces(first: ${n}) { nodes { cities(first: 20) { nodes { innovationStudios(first: 3) { nodes { enterprise { name } } } } } } }
    }`;
    const one = await run(shape(1));
    // 25 covers every province; 100 × 20 cities × 3 studios would be over the query cost budget.
    const all = await run(shape(25));
    expect(all.data.provinces.nodes.length).toBeGreaterThan(1);
    // provinces, with their cities, the cities' studios and the studios' enterprises folded in
    expect(one.statements).toBe(1);
    expect(all.statements).toBe(1);
  });

  it('child lists under records reached through nodes(ids:) are batched: one statement per list', async () => {
    const { data } = await run('{ provinces(first: 100) { nodes { id } } }');
    const ids: string[] = data.provinces.nodes.map((p: { id: string }) => p.id);
    expect(ids.length).toBeGreaterThan(1);
    const shape = (some: string[]) => `{
      nodes(ids: ${JSON.stringify(some)}) { ... on Province { cities(first: 20) { nodes { innovationStudios(first: 3) { nodes { enterprise { name } } } } } } }
    }`;
    // the provinces, their cities, the cities' studios, the studios' enterprises
    expect((await run(shape(ids.slice(0, 1)))).statements).toBe(4);
    expect((await run(shape(ids))).statements).toBe(4);
  });

  it('node lookups are batched: one statement, however many IDs of however many types are asked for', async () => {
    const { data } = await run('{ innovationStudios(first: 100) { nodes { id } } enterprises(first: 100) { nodes { id } } }');
    const studioIds: string[] = data.innovationStudios.nodes.map((n: { id: string }) => n.id);
    const enterpriseIds: string[] = data.enterprises.nodes.map((n: { id: string }) => n.id);
    const ask = (ids: string[]) => `{ nodes(ids: ${JSON.stringify(ids)}) { id } }`;
    const fewOfOne = await run(ask(studioIds.slice(0, 2)));
    const manyOfOne = await run(ask(studioIds));
    expect(manyOfOne.data.nodes).toHaveLength(100);
    expect(fewOfOne.statements).toBe(1);
    expect(manyOfOne.statements).toBe(1);
    const mixed = await run(ask([...studioIds.slice(0, 50), ...enterpriseIds.slice(0, 50)]));
    expect(mixed.data.nodes.map((n: { id: string }) => n.id)).toEqual([...studioIds.slice(0, 50), ...enterpriseIds.slice(0, 50)]);
    expect(mixed.statements).toBe(1);
  });
});

describe('exact statement counts for simple shapes', () => {
  it('a root list with nodes only runs one statement: the page', async () => {
    const { statements, sql } = await run('{ enterprises(first: 50) { nodes { name creditCode } } }');
    expect(statements).toBe(1);
    expect(sql[0]).toMatch(/\bLIMIT\b/);
    expect(sql[0]).not.toMatch(/count\(\*\)/i);
  });

  it('nodes, edges and pageInfo together still share that one page statement', async () => {
    const { statements } = await run('{ enterprises(first: 50) { nodes { name } edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }');
    expect(statements).toBe(1);
  });

  it('adding totalCount adds exactly one COUNT', async () => {
    const { statements, sql } = await run('{ enterprises(first: 50) { totalCount nodes { name } } }');
    expect(statements).toBe(2);
    expect(sql.filter((s) => /count\(\*\)/i.test(s))).toHaveLength(1);
  });

  it('totalCount alone runs the COUNT and no page query', async () => {
    const { data, statements, sql } = await run('{ innovationStudios(filter: { cityCode: "320100" }) { totalCount } }');
    expect(data.innovationStudios.totalCount).toBe(598);
    expect(statements).toBe(1);
    expect(sql[0]).toMatch(/count\(\*\)/i);
    expect(sql[0]).not.toMatch(/\bLIMIT\b/);
  });

  it('a child list with totalCount alone under a root list is a COUNT in the page statement, with no page query', async () => {
    const { data, statements, sql } = await run('{ cities(first: 100) { nodes { code innovationStudios { totalCount } } } }');
    const nanjing = data.cities.nodes.find((c: { code: string }) => c.code === '320100');
    expect(nanjing.innovationStudios.totalCount).toBe(598);
    expect(statements).toBe(1);
    expect(sql[0]).toMatch(/count\(\*\)/i);
    expect(sql[0]).not.toMatch(/json_agg|row_number/i);
  });

  it('a child list with totalCount alone under records reached through nodes(ids:) runs one grouped COUNT for all parents', async () => {
    const { data } = await run('{ cities(first: 100) { nodes { id } } }');
    const { statements, sql } = await run(`{ nodes(ids: ${JSON.stringify(data.cities.nodes.map((c: { id: string }) => c.id))}) { ... on City { innovationStudios { totalCount } } } }`);
    expect(statements).toBe(2);
    expect(sql[1]).toMatch(/count\(\*\)/i);
    expect(sql[1]).toMatch(/GROUP BY/i);
    expect(sql[1]).not.toMatch(/row_number/i);
  });

  it('nested lists: enterprises with contracts (page + COUNT), studio counts and craftsmen run one statement', async () => {
    const { statements } = await run(SHAPES['enterprises with contracts, studio counts and craftsmen'](100));
    // the enterprises page, with the contracts page and COUNT, the studios COUNT and the craftsmen page folded in
    expect(statements).toBe(1);
  });

  it('cities with goal progress and studios run three statements', async () => {
    const { statements } = await run(SHAPES['cities with goal progress and studios'](100));
    // the cities page (with the studios page and COUNT folded in), goals by city, goal current values
    expect(statements).toBe(3);
  });

  it('a query that needs no table runs no statement', async () => {
    const { statements } = await run('{ __typename }');
    expect(statements).toBe(0);
  });
});
