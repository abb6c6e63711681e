/**
 * A root list or lookup fetches the relations its rows select (to-one records, child lists, their
 * counts) in its own SQL statement (src/registry/fold-planner.ts). The same relations reached another way,
 * here through `nodes(ids:)`, are answered by their own resolvers and DataLoader batches. Both
 * must answer exactly alike: values, dates and times, cursors, page info, filters, orderings.
 */
import { testEnterpriseFamilies } from '../setup/fixtures';
import { gql } from '../setup/queries';
import { startTestApp, type TestApp } from '../setup/test-app';

const NANJING = '320100';
const XUANWU = '320102';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  const query = (text: string, params?: unknown[]) => app.dataSource.query(text, params);
  // The published data set names no enterprise in Nanjing and places no record in a district: twelve
  // test enterprises there, in Nanjing's eleven districts in turn (the first and the twelfth in 玄武区),
  // with 3, 0, 1 or 4 studios, 0 to 2 contracts and 0 to 2 craftsmen of their own in their district.
  const families = await testEnterpriseFamilies(query, NANJING, 12, (i) => ({ studios: [3, 0, 1, 4][i % 4], contracts: i % 3, craftsmen: (i + 1) % 3 }));
  // The twelfth in no district (its records stay in 玄武区), so that a missing district folds too.
  await query('UPDATE enterprise SET district_code = NULL WHERE id = $1', [families[11].id]);
  // A district academy, a published figure and a goal in 玄武区: every placed type has records in a district.
  await query(`INSERT INTO craftsman_academy (name, level, host_institution, established_on, province_code, city_code, district_code)
    VALUES ('测试区级工匠学院', 'DISTRICT', '测试单位', '2024-05-01', '320000', $1, $2)`, [NANJING, XUANWU]);
  await query(`INSERT INTO reported_figure (province_code, city_code, district_code, metric, value, unit, qualifier, kind, as_of, source_id)
    SELECT '320000', $1, $2, 'INNOVATION_STUDIOS', 40, 'ORGANISATIONS', 'AT_LEAST', 'ACHIEVEMENT', '2025-06-30', min(id) FROM source`, [NANJING, XUANWU]);
  await query(`INSERT INTO goal (province_code, city_code, district_code, metric, target, target_qualifier, deadline, description, source_id)
    SELECT '320000', $1, $2, 'INNOVATION_STUDIOS', 60, 'ABOUT', '2027-12-31', '测试目标', min(id) FROM source`, [NANJING, XUANWU]);
});
afterAll(() => app.close());

const DISTRICT = 'district { id code name fullName pinyin cityCode city { code name } province { code } }';

const STUDIO = `id name kind establishedOn createdAt updatedAt archivedAt version
  enterprise { id creditCode } leadCraftsman { id } city { code name } province { code } ${DISTRICT} source { title publishedOn }`;

const ENTERPRISE = `id name creditCode createdAt updatedAt archivedAt version
  city { code name province { name } } province { code name } ${DISTRICT} source { title publishedOn }
  innovationStudios(first: 2, orderBy: NAME_ASC) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { ${STUDIO} } }
  }
  lastStudios: innovationStudios(last: 2) { nodes { id } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } }
  modelWorkerStudios: innovationStudios(filter: { kinds: [MODEL_WORKER] }) { totalCount nodes { kind } }
  collectiveContracts(first: 1) { totalCount pageInfo { hasNextPage } nodes { id signedOn expiresOn workersCovered createdAt enterprise { name } } }
  craftsmen { totalCount nodes { id name } }`;

async function asNodes(ids: string[], type: string, selection: string): Promise<unknown[]> {
  const data = await gql(app, `query ($ids: [ID!]!) { nodes(ids: $ids) { ... on ${type} { ${selection} } } }`, { ids });
  return data.nodes;
}

async function statementsOf(query: string): Promise<number> {
  const res = await app.graphql(query);
  expect(res.errors).toBeUndefined();
  return res.extensions.sqlStatements;
}

describe('relations fetched with their parent answer as their own resolvers do', () => {
  it("a city's enterprises with their studios (paged, backward, filtered), contracts, craftsmen, places and sources", async () => {
    const query = `{ enterprises(first: 20, filter: { cityCode: "320100" }) { nodes { ${ENTERPRISE} } } }`;
    const folded = (await gql(app, query)).enterprises.nodes;
    expect(folded).toHaveLength(12);
    const separately = await asNodes(folded.map((e: { id: string }) => e.id), 'Enterprise', ENTERPRISE);
    expect(folded).toEqual(separately);
    // The comparison covered real pages: enterprises with more studios than the page, and dates.
    expect(folded.some((e: any) => e.innovationStudios.totalCount > 2 && e.innovationStudios.pageInfo.hasNextPage)).toBe(true);
    expect(folded.some((e: any) => e.lastStudios.pageInfo.hasPreviousPage)).toBe(true);
    expect(folded[0].innovationStudios.edges[0].node.establishedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // … and districts, present and missing.
    expect(folded.filter((e: any) => e.district === null)).toHaveLength(1);
    expect(folded.filter((e: any) => e.district?.city.code === NANJING)).toHaveLength(11);
    expect(await statementsOf(query)).toBe(1);
  });

  it("contracts with their enterprise, and the enterprise's own lists", async () => {
    const selection = `id signedOn ${DISTRICT} enterprise { ${ENTERPRISE} }`;
    // The test contracts (signed, in districts, of enterprises with studios) first, then published ones (date unknown).
    const query = `{ collectiveContracts(first: 30, orderBy: SIGNED_ON_DESC) { nodes { ${selection} } } }`;
    const folded = (await gql(app, query)).collectiveContracts.nodes;
    expect(folded.every((c: any) => c.enterprise.collectiveContracts.totalCount >= 1)).toBe(true);
    expect(folded.filter((c: any) => c.signedOn !== null && c.district !== null)).toHaveLength(12);
    expect(folded.filter((c: any) => c.signedOn === null && c.district === null)).toHaveLength(18);
    expect(folded.some((c: any) => c.enterprise.innovationStudios.totalCount > 0)).toBe(true);
    expect(folded).toEqual(await asNodes(folded.map((c: { id: string }) => c.id), 'CollectiveInnovationContract', selection));
    expect(await statementsOf(query)).toBe(1);
  });

  it('a city looked up by code, with its studios and their enterprises, its districts, and its province with its cities and districts', async () => {
    const selection = `code name innovationStudios(first: 100, orderBy: ESTABLISHED_ON_DESC) { totalCount nodes { ${STUDIO} } }
      districts(first: 5) { totalCount pageInfo { hasNextPage endCursor } nodes { code name innovationStudios(first: 2) { totalCount nodes { id } } } }
      province { code cities(first: 5) { totalCount nodes { code } } districts(first: 3, orderBy: NAME_ASC) { totalCount nodes { code cityCode } } }`;
    const folded = (await gql(app, `{ city(code: "320100") { id ${selection} } }`)).city;
    expect(folded.innovationStudios.nodes).toHaveLength(100);
    // The test studios (dated, in districts) first, then published ones.
    expect(folded.innovationStudios.nodes.filter((s: any) => s.district !== null)).toHaveLength(24);
    expect(folded.districts).toMatchObject({ totalCount: 11, pageInfo: { hasNextPage: true } });
    expect(folded.districts.nodes[0].innovationStudios.totalCount).toBe(7);
    const [separately] = await asNodes([folded.id], 'City', `id ${selection}`);
    expect(folded).toEqual(separately);
    expect(await statementsOf(`{ city(code: "320100") { ${selection} } }`)).toBe(1);
  });

  it("a city's and a province's published figures (every place list folds, reported figures too)", async () => {
    const figures = `totalCount nodes { id metric value unit qualifier kind asOf createdAt city { code } ${DISTRICT} source { title } } pageInfo { hasNextPage endCursor }`;
    const selection = `code reportedFigures(first: 5) { ${figures} } province { code reportedFigures(first: 3, orderBy: AS_OF_DESC) { ${figures} } }`;
    const folded = (await gql(app, `{ city(code: "320100") { id ${selection} } }`)).city;
    expect(folded.reportedFigures.nodes.length).toBeGreaterThan(0);
    const [separately] = await asNodes([folded.id], 'City', `id ${selection}`);
    expect(folded).toEqual(separately);
    expect(await statementsOf(`{ city(code: "320100") { ${selection} } }`)).toBe(1);
  });

  it('a district looked up by code, with every list of records it has, and those records with their relations', async () => {
    const selection = `code name fullName pinyin city { code name province { name } } province { code name }
      innovationStudios(first: 2, orderBy: NAME_ASC) {
        totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { ${STUDIO} } }
      }
      lastStudios: innovationStudios(last: 2) { nodes { id } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } }
      modelWorkerStudios: innovationStudios(filter: { kinds: [MODEL_WORKER] }) { totalCount nodes { kind } }
      enterprises { totalCount nodes { id name district { code } innovationStudios(first: 1) { totalCount nodes { id } } } }
      collectiveContracts { totalCount nodes { id signedOn workersCovered ${DISTRICT} enterprise { name district { code } } } }
      craftsmen { totalCount nodes { id name level ${DISTRICT} enterprise { name } } }
      craftsmanAcademies { totalCount nodes { id name level establishedOn ${DISTRICT} } }
      reportedFigures { totalCount nodes { id metric value qualifier kind asOf ${DISTRICT} } }`;
    const folded = (await gql(app, `{ district(code: "${XUANWU}") { id ${selection} } }`)).district;
    const [separately] = await asNodes([folded.id], 'District', `id ${selection}`);
    expect(folded).toEqual(separately);
    // 玄武区 holds the first test enterprise (3 studios, 1 craftsman) and the twelfth's records
    // (4 studios, 2 contracts), though that enterprise itself is in no district; and one academy and figure.
    expect(folded.innovationStudios).toMatchObject({ totalCount: 7, pageInfo: { hasNextPage: true } });
    expect(folded.lastStudios.pageInfo.hasPreviousPage).toBe(true);
    expect(folded.modelWorkerStudios.totalCount).toBe(4);
    expect(folded.enterprises.totalCount).toBe(1);
    expect(folded.collectiveContracts.nodes.map((c: any) => c.enterprise.district)).toEqual([null, null]);
    expect(folded.craftsmen.totalCount).toBe(1);
    expect(folded.craftsmanAcademies.totalCount).toBe(1);
    expect(folded.reportedFigures.nodes).toMatchObject([{ value: 40, qualifier: 'AT_LEAST', district: { code: XUANWU } }]);
    expect(await statementsOf(`{ district(code: "${XUANWU}") { ${selection} } }`)).toBe(1);
  });

  it("a page of a city's districts with their lists", async () => {
    const selection = `id code name city { code } province { code }
      innovationStudios(first: 2) { totalCount pageInfo { hasNextPage endCursor } nodes { id name establishedOn ${DISTRICT} enterprise { creditCode } } }
      enterprises(first: 2) { totalCount nodes { id creditCode } }
      collectiveContracts(first: 1) { totalCount pageInfo { hasNextPage } nodes { id workersCovered } }
      craftsmen { totalCount nodes { id } } craftsmanAcademies { totalCount } reportedFigures { totalCount }`;
    const query = `{ districts(first: 20, filter: { cityCode: "${NANJING}" }) { nodes { ${selection} } } }`;
    const folded = (await gql(app, query)).districts.nodes;
    expect(folded).toHaveLength(11);
    expect(folded).toEqual(await asNodes(folded.map((d: { id: string }) => d.id), 'District', selection));
    expect(folded.filter((d: any) => d.innovationStudios.totalCount > 0).length).toBeGreaterThan(5);
    expect(await statementsOf(query)).toBe(1);
  });

  it.each([
    ['innovationStudios', 'InnovationStudio'],
    ['enterprises', 'Enterprise'],
    ['collectiveContracts', 'CollectiveInnovationContract'],
    ['craftsmen', 'Craftsman'],
    ['craftsmanAcademies', 'CraftsmanAcademy'],
    ['goals', 'Goal'],
    ['reportedFigures', 'ReportedFigure'],
  ])('%s with their district, where they have one, and its city and province', async (field, type) => {
    const selection = `id ${DISTRICT} city { code } province { code }`;
    // The newest records of Nanjing: the test records (in districts) and, but for contracts, published ones (in none).
    const query = `{ ${field}(last: 100, filter: { cityCode: "${NANJING}" }) { nodes { ${selection} } } }`;
    const folded = (await gql(app, query))[field].nodes;
    expect(folded).toEqual(await asNodes(folded.map((r: { id: string }) => r.id), type, selection));
    expect(folded.some((r: any) => r.district?.code.startsWith('3201'))).toBe(true);
    if (field !== 'collectiveContracts') expect(folded.some((r: any) => r.district === null)).toBe(true);
    expect(await statementsOf(query)).toBe(1);
  });

  it('aliases of one relation with different arguments, under nodes and under edges, each get their own answer', async () => {
    const query = `{ enterprises(first: 5, filter: { cityCode: "320100" }) {
      nodes { id a: innovationStudios(first: 1) { nodes { id } } b: innovationStudios(first: 3, orderBy: NAME_ASC) { nodes { name } } }
      edges { node { a: innovationStudios(first: 2) { totalCount nodes { id } } } }
    } }`;
    const { enterprises } = await gql(app, query);
    const ids = enterprises.nodes.map((e: { id: string }) => e.id);
    const separately = await asNodes(ids, 'Enterprise', 'a: innovationStudios(first: 1) { nodes { id } } b: innovationStudios(first: 3, orderBy: NAME_ASC) { nodes { name } }');
    expect(enterprises.nodes.map(({ id: _id, ...rest }: { id: string }) => rest)).toEqual(separately);
    const underEdges = await asNodes(ids, 'Enterprise', 'a: innovationStudios(first: 2) { totalCount nodes { id } }');
    expect(enterprises.edges.map((e: { node: unknown }) => e.node)).toEqual(underEdges);
  });

  it('a child list whose arguments are refused reports the error at that field, not at the list that would fold it', async () => {
    const res = await app.graphql('{ enterprises(first: 2, filter: { cityCode: "320100" }) { nodes { name innovationStudios(after: "not-a-cursor") { totalCount } } } }');
    expect(res.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].path).toEqual(['enterprises', 'nodes', 0, 'innovationStudios']);
  });
});
