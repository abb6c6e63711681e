/**
 * How many SQL statements a request runs depends on the shape of the query, never on how many rows
 * it returns: a root list or lookup fetches the relations it selects in its own statement
 * (src/registry/fold-planner.ts); relations reached otherwise are batched per request (DataLoader), child
 * lists in one windowed query for all parents; `totalCount` runs a COUNT only when it is selected. Every response reports the
 * number in `extensions.sqlStatements`; here it is also checked against what actually reached the
 * pg pool, so that the reported number cannot drift from the truth.
 */
import { testEnterpriseFamilies } from '../setup/fixtures';
import { recordSentStatements } from '../setup/sent-statements';
import { startTestApp, type TestApp } from '../setup/test-app';

const NANJING = '320100';
const HUBEI = '420000';

let app: TestApp;
let recording: ReturnType<typeof recordSentStatements>;

beforeAll(async () => {
  app = await startTestApp();
  // The published data set names no enterprise in Nanjing and places no record in a district: twelve
  // test enterprises there, one in each of Nanjing's eleven districts and one more, each with one to
  // three studios, a contract and a craftsman of its own in its district. So every Nanjing district
  // holds studios with an enterprise, and the newest Nanjing studios are theirs.
  await testEnterpriseFamilies((t, p) => app.dataSource.query(t, p), NANJING, 12, (i) => ({ studios: 1 + (i % 3), contracts: 1, craftsmen: 1 }));
  // Every statement the request connections send: what reached PostgreSQL.
  recording = recordSentStatements();
});
afterAll(async () => {
  recording.stop();
  await app.close();
});

/** Runs a query that must succeed; returns its data, the reported statement count and the SQL sent. */
async function run(query: string): Promise<{ data: any; statements: number; sql: string[] }> {
  recording.clear();
  const res = await app.graphql(query);
  const sent = [...recording.sent];
  expect(res.errors).toBeUndefined();
  const statements = res.extensions?.sqlStatements;
  expect(typeof statements).toBe('number');
  // The reported count is the number of statements that went to PostgreSQL.
  expect(sent).toHaveLength(statements);
  return { data: res.data, statements, sql: sent };
}

const SHAPES: Record<string, (n: number) => string> = {
  // Newest first: the test enterprises' studios (dated, with an enterprise and a district) lead; the
  // published ones (undated, no enterprise, no district) follow in the page of 100.
  'studios with their enterprise, its city, district and contracts, their city, district, province and source': (n) => `{
    innovationStudios(first: ${n}, orderBy: ESTABLISHED_ON_DESC, filter: { cityCode: "${NANJING}" }) {
      totalCount
      nodes {
        name
        enterprise { name city { name } district { name } collectiveContracts(first: 3) { nodes { workersCovered } } }
        city { name province { name } }
        district { name city { name } province { name } }
        source { title }
      }
    }
  }`,
  'enterprises with contracts, studio counts, craftsmen and district': (n) => `{
    enterprises(first: ${n}) {
      nodes {
        collectiveContracts(first: 2) { totalCount nodes { signedOn } }
        innovationStudios { totalCount }
        craftsmen(first: 2) { nodes { name } }
        district { name }
      }
    }
  }`,
  // Jiangsu's cities, Nanjing (with its goals) first: every page has goals whose progress is counted.
  'cities with goal progress and studios': (n) => `{
    cities(first: ${n}, filter: { provinceCode: "320000" }) {
      nodes {
        goals { progress { current } }
        innovationStudios(first: 5) { totalCount nodes { name } }
      }
    }
  }`,
  'contracts with their enterprise, its studios and its craftsmen’s enterprise, and their district': (n) => `{
    collectiveContracts(first: ${n}, filter: { provinceCode: "320000" }) {
      nodes {
        workersCovered
        enterprise { creditCode innovationStudios(first: 2) { nodes { name } } craftsmen { nodes { enterprise { name } } } }
        province { name }
        district { name }
        source { title }
      }
    }
  }`,
  // Nanjing's eleven districts, each with every list of records a district has.
  'districts with their city and province and every list of records': (n) => `{
    districts(first: ${n}, filter: { cityCode: "${NANJING}" }) {
      totalCount
      nodes {
        name
        city { name province { name } }
        province { name }
        innovationStudios(first: 3) { totalCount nodes { name district { name } enterprise { name district { name } } } }
        enterprises(first: 2) { nodes { name innovationStudios { totalCount } } }
        collectiveContracts(first: 2) { nodes { workersCovered district { code } } }
        craftsmen(first: 2) { nodes { name district { code } enterprise { name } } }
        craftsmanAcademies { totalCount }
        reportedFigures(first: 2) { nodes { value } }
      }
    }
  }`,
  // The reform's activities (issue 18): Wuhan Heavy Industry's 60 competitions, and the Zhenjiang park's 47 requests.
  'skill competitions with their enterprise, its demonstrations and unions, their city and source': (n) => `{
    skillCompetitions(first: ${n}, filter: { provinceCode: "${HUBEI}" }) {
      totalCount
      nodes {
        name
        enterprise { name reformDemonstrations { nodes { level } } grassrootsOrganisations { totalCount } }
        city { name province { name } }
        source { title }
      }
    }
  }`,
  'enterprise requests with their alliance and its requests, their enterprise and district': (n) => `{
    enterpriseServiceRequests(first: ${n}, filter: { cityCode: "321100" }) {
      nodes {
        subject
        reformAlliance { name enterpriseServiceRequests(first: 2) { totalCount nodes { subject } } }
        enterprise { name }
        district { name }
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
    // 25 of the 34 provinces, Jiangsu and Hubei (with their studios' enterprises) among them; all 34 × 20
    // cities × 3 studios would be over the query cost budget.
    const many = await run(shape(25));
    expect(many.data.provinces.nodes).toHaveLength(25);
    const enterprises = many.data.provinces.nodes.flatMap((p: any) => p.cities.nodes.flatMap((c: any) => c.innovationStudios.nodes.map((s: any) => s.enterprise)));
    expect(enterprises.filter((e: unknown) => e !== null).length).toBeGreaterThan(1);
    // provinces, with their cities, the cities' studios and the studios' enterprises folded in
    expect(one.statements).toBe(1);
    expect(many.statements).toBe(1);
  });

  it("the same through districts: a page of cities with their districts' studios, their enterprises and districts, is one statement", async () => {
    const shape = (n: number) => `{
      cities(first: ${n}, filter: { provinceCode: "320000" }) { nodes { districts(first: 20) { nodes {
        innovationStudios(first: 3) { nodes { enterprise { name } district { name } } } } } } }
    }`;
    const one = await run(shape(1));
    const all = await run(shape(13));
    expect(all.data.cities.nodes).toHaveLength(13);
    // Nanjing comes first, and each of its districts holds test studios with an enterprise.
    const nanjing = one.data.cities.nodes[0].districts.nodes;
    expect(nanjing).toHaveLength(11);
    expect(nanjing.every((d: any) => d.innovationStudios.nodes.length > 0 && d.innovationStudios.nodes.every((s: any) => s.enterprise && s.district))).toBe(true);
    // cities, with their districts, the districts' studios and the studios' enterprises and districts folded in
    expect(one.statements).toBe(1);
    expect(all.statements).toBe(1);
  });

  it('child lists under records reached through nodes(ids:) are batched: one statement per list', async () => {
    const { data } = await run('{ provinces(first: 100) { nodes { id code } } }');
    const provinces: { id: string; code: string }[] = data.provinces.nodes;
    expect(provinces).toHaveLength(34);
    const ids = provinces.map((p) => p.id);
    const shape = (some: string[]) => `{
      nodes(ids: ${JSON.stringify(some)}) { ... on Province { cities(first: 20) { nodes { innovationStudios(first: 3) { nodes { enterprise { name } } } } } } }
    }`;
    // Hubei alone: Wuhan's studios have their enterprise (武汉重工), so every list below it has rows.
    const hubei = await run(shape([provinces.find((p) => p.code === HUBEI)!.id]));
    const wuhanStudios = hubei.data.nodes[0].cities.nodes.flatMap((c: any) => c.innovationStudios.nodes);
    expect(wuhanStudios.length).toBeGreaterThan(0);
    expect(wuhanStudios.every((s: any) => s.enterprise !== null)).toBe(true);
    // the provinces, their cities, the cities' studios, the studios' enterprises
    expect(hubei.statements).toBe(4);
    // 25 provinces (all 34 × 20 cities × 3 studios would be over the query cost budget)
    expect((await run(shape(ids.slice(0, 25)))).statements).toBe(4);
  });

  it('lists under cities and districts reached through nodes(ids:) are batched the same way', async () => {
    const { data } = await run(`{ cities(first: 20, filter: { provinceCode: "320000" }) { nodes { id } } districts(first: 20, filter: { cityCode: "${NANJING}" }) { nodes { id } } }`);
    const cityIds: string[] = data.cities.nodes.map((c: { id: string }) => c.id);
    const districtIds: string[] = data.districts.nodes.map((d: { id: string }) => d.id);
    expect(cityIds).toHaveLength(13);
    expect(districtIds).toHaveLength(11);
    const underCities = (some: string[]) => `{
      nodes(ids: ${JSON.stringify(some)}) { ... on City { districts(first: 20) { nodes { innovationStudios(first: 3) { nodes { enterprise { name } } } } } } }
    }`;
    // Nanjing (the first) alone, then all of Jiangsu's cities: the cities, their districts, the districts' studios, the studios' enterprises
    const nanjing = await run(underCities(cityIds.slice(0, 1)));
    expect(nanjing.data.nodes[0].districts.nodes.every((d: any) => d.innovationStudios.nodes.some((s: any) => s.enterprise !== null))).toBe(true);
    expect(nanjing.statements).toBe(4);
    expect((await run(underCities(cityIds))).statements).toBe(4);
    const underDistricts = (some: string[]) => `{
      nodes(ids: ${JSON.stringify(some)}) { ... on District { city { name } innovationStudios(first: 3) { totalCount nodes { enterprise { name } district { name } } } enterprises { totalCount } } }
    }`;
    // the districts, their cities, the studios' COUNT and page, the enterprises' COUNT, the studios' enterprises and districts
    const one = await run(underDistricts(districtIds.slice(0, 1)));
    expect(one.data.nodes[0].innovationStudios.nodes[0]).toEqual({ enterprise: { name: expect.stringMatching(/^测试企业/) }, district: { name: expect.any(String) } });
    expect(one.statements).toBe(7);
    expect((await run(underDistricts(districtIds))).statements).toBe(7);
  });

  it('node lookups are batched: one statement, however many IDs of however many types are asked for', async () => {
    const { data } = await run('{ innovationStudios(first: 100) { nodes { id } } enterprises(first: 100) { nodes { id } } districts(first: 20) { nodes { id } } }');
    const studioIds: string[] = data.innovationStudios.nodes.map((n: { id: string }) => n.id);
    const enterpriseIds: string[] = data.enterprises.nodes.map((n: { id: string }) => n.id);
    const districtIds: string[] = data.districts.nodes.map((n: { id: string }) => n.id);
    const ask = (ids: string[]) => `{ nodes(ids: ${JSON.stringify(ids)}) { id } }`;
    const fewOfOne = await run(ask(studioIds.slice(0, 2)));
    const manyOfOne = await run(ask(studioIds));
    expect(manyOfOne.data.nodes).toHaveLength(100);
    expect(fewOfOne.statements).toBe(1);
    expect(manyOfOne.statements).toBe(1);
    const mixedIds = [...studioIds.slice(0, 40), ...enterpriseIds.slice(0, 40), ...districtIds];
    expect(districtIds).toHaveLength(20);
    const mixed = await run(ask(mixedIds));
    expect(mixed.data.nodes.map((n: { id: string }) => n.id)).toEqual(mixedIds);
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
    // the 598 published and the 24 of the test enterprises
    expect(data.innovationStudios.totalCount).toBe(598 + 24);
    expect(statements).toBe(1);
    expect(sql[0]).toMatch(/count\(\*\)/i);
    expect(sql[0]).not.toMatch(/\bLIMIT\b/);
  });

  it('a child list with totalCount alone under a root list is a COUNT in the page statement, with no page query', async () => {
    const { data, statements, sql } = await run('{ cities(first: 100) { nodes { code innovationStudios { totalCount } } } }');
    const nanjing = data.cities.nodes.find((c: { code: string }) => c.code === '320100');
    expect(nanjing.innovationStudios.totalCount).toBe(598 + 24);
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

  it('nested lists: enterprises with contracts (page + COUNT), studio counts, craftsmen and district run one statement', async () => {
    const { statements } = await run(SHAPES['enterprises with contracts, studio counts, craftsmen and district'](100));
    // the enterprises page, with the contracts page and COUNT, the studios COUNT, the craftsmen page and the district folded in
    expect(statements).toBe(1);
  });

  it('cities with goal progress and studios run three statements', async () => {
    const { statements } = await run(SHAPES['cities with goal progress and studios'](100));
    // the cities page (with the studios page and COUNT folded in), goals by city, goal current values
    expect(statements).toBe(3);
  });

  it("the goal ranking with each entry's city and progress runs one statement", async () => {
    const { data, statements, sql } = await run(`{ goalRanking(metric: INNOVATION_STUDIOS, provinceCode: "320000") { rank city { code name province { name } } progress { current ratio } } }`);
    expect(data.goalRanking.length).toBeGreaterThan(0);
    expect(data.goalRanking[0].city).toMatchObject({ code: expect.stringMatching(/^32/), name: expect.any(String) });
    // the ranking, with the goals' counts and their cities; the cities' province is one more
    expect(statements).toBe(2);
    expect(sql[0]).toContain('goal_tally');
  });

  it('districts with their city, province and every list of records run two statements', async () => {
    const { data, statements } = await run(SHAPES['districts with their city and province and every list of records'](100));
    expect(data.districts.totalCount).toBe(11);
    // the districts page, with their places, lists and the lists' relations folded in; the COUNT of districts
    expect(statements).toBe(2);
  });

  it('a query that needs no table runs no statement', async () => {
    const { statements } = await run('{ __typename }');
    expect(statements).toBe(0);
  });
});
