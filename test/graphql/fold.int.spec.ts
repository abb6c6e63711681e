/**
 * A root list or lookup fetches the relations its rows select (to-one records, child lists, their
 * counts) in its own SQL statement (src/graphql/fold.ts). The same relations reached another way,
 * here through `nodes(ids:)`, are answered by their own resolvers and DataLoader batches. Both
 * must answer exactly alike: values, dates and times, cursors, page info, filters, orderings.
 */
import { gql } from '../setup/queries';
import { startTestApp, type TestApp } from '../setup/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const STUDIO = `id name kind establishedOn createdAt updatedAt archivedAt version
  enterprise { id creditCode } leadCraftsman { id } city { code name } province { code } source { title publishedOn }`;

const ENTERPRISE = `id name creditCode createdAt updatedAt archivedAt version
  city { code name province { name } } province { code name } source { title publishedOn }
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
    const query = `{ enterprises(first: 60, filter: { cityCode: "320100" }) { nodes { ${ENTERPRISE} } } }`;
    const folded = (await gql(app, query)).enterprises.nodes;
    const separately = await asNodes(folded.map((e: { id: string }) => e.id), 'Enterprise', ENTERPRISE);
    expect(folded).toEqual(separately);
    // The comparison covered real pages: enterprises with more studios than the page, and dates.
    expect(folded.some((e: any) => e.innovationStudios.totalCount > 2 && e.innovationStudios.pageInfo.hasNextPage)).toBe(true);
    expect(folded.some((e: any) => e.lastStudios.pageInfo.hasPreviousPage)).toBe(true);
    expect(folded[0].innovationStudios.edges[0].node.establishedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await statementsOf(query)).toBe(1);
  });

  it("contracts with their enterprise, and the enterprise's own lists", async () => {
    const selection = `id signedOn enterprise { ${ENTERPRISE} }`;
    const query = `{ collectiveContracts(first: 30) { nodes { ${selection} } } }`;
    const folded = (await gql(app, query)).collectiveContracts.nodes;
    expect(folded.every((c: any) => c.enterprise.collectiveContracts.totalCount >= 1)).toBe(true);
    expect(folded).toEqual(await asNodes(folded.map((c: { id: string }) => c.id), 'CollectiveInnovationContract', selection));
    expect(await statementsOf(query)).toBe(1);
  });

  it('a city looked up by code, with its studios and their enterprises, and its province with its cities', async () => {
    const selection = `code name innovationStudios(first: 100) { totalCount nodes { ${STUDIO} } }
      province { code cities(first: 5) { totalCount nodes { code } } }`;
    const folded = (await gql(app, `{ city(code: "320100") { id ${selection} } }`)).city;
    expect(folded.innovationStudios.nodes).toHaveLength(100);
    const [separately] = await asNodes([folded.id], 'City', `id ${selection}`);
    expect(folded).toEqual(separately);
    expect(await statementsOf(`{ city(code: "320100") { ${selection} } }`)).toBe(1);
  });

  it("a city's and a province's published figures (every place list folds, reported figures too)", async () => {
    const figures = 'totalCount nodes { id metric value unit asOf createdAt city { code } source { title } } pageInfo { hasNextPage endCursor }';
    const selection = `code reportedFigures(first: 5) { ${figures} } province { code reportedFigures(first: 3, orderBy: AS_OF_DESC) { ${figures} } }`;
    const folded = (await gql(app, `{ city(code: "320100") { id ${selection} } }`)).city;
    expect(folded.reportedFigures.nodes.length).toBeGreaterThan(0);
    const [separately] = await asNodes([folded.id], 'City', `id ${selection}`);
    expect(folded).toEqual(separately);
    expect(await statementsOf(`{ city(code: "320100") { ${selection} } }`)).toBe(1);
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
