import { PUBLISHED } from '../../seeds/published-data-set';
import { gql, gqlError, nodeId, sqlNumber, sqlRows } from '../setup/queries';
import { startTestApp, type TestApp } from '../setup/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const ids = (rows: { id: number }[]) => rows.map((r) => ({ id: nodeId('Source', r.id) }));
const total = async (filter: string) => (await gql(app, `{ sources(filter: { ${filter} }) { totalCount } }`)).sources.totalCount;

describe('sources', () => {
  it('lists the ten reports, newest first by default (ties by id), as SQL orders them', async () => {
    const res = await gql(app, '{ sources(first: 100) { totalCount nodes { id } } }');
    expect(res.sources.totalCount).toBe(PUBLISHED.sources);
    expect(res.sources.nodes).toEqual(ids(await sqlRows(app, 'SELECT id FROM source ORDER BY published_on DESC, id DESC')));
  });

  it('orders oldest first with PUBLISHED_ON_ASC, and pages through them', async () => {
    const first = await gql(app, '{ sources(first: 4, orderBy: PUBLISHED_ON_ASC) { pageInfo { hasNextPage endCursor } nodes { id } } }');
    const rest = await gql(app, `{ sources(first: 100, after: "${first.sources.pageInfo.endCursor}", orderBy: PUBLISHED_ON_ASC) { pageInfo { hasNextPage } nodes { id } } }`);
    const expected = ids(await sqlRows(app, 'SELECT id FROM source ORDER BY published_on, id'));
    expect(first.sources.pageInfo.hasNextPage).toBe(true);
    expect([...first.sources.nodes, ...rest.sources.nodes]).toEqual(expected);
    expect(rest.sources.pageInfo.hasNextPage).toBe(false);
  });

  it('gives each source its publisher, English publisher, title and date', async () => {
    const res = await gql(app, '{ sources(first: 100, orderBy: PUBLISHED_ON_ASC) { nodes { publisher publisherEn title publishedOn url } } }');
    const rows = await sqlRows(app, 'SELECT publisher, publisher_en AS "publisherEn", title, published_on AS "publishedOn", url FROM source ORDER BY published_on, id');
    expect(res.sources.nodes).toEqual(rows);
  });

  it('searches publisher (Chinese or English, any case) and title', async () => {
    expect(await total('textContains: "新华日报"')).toBe(await sqlNumber(app, "SELECT count(*) FROM source WHERE publisher = '新华日报'"));
    expect(await total('textContains: "xinhua daily"')).toBe(await sqlNumber(app, "SELECT count(*) FROM source WHERE publisher_en = 'Xinhua Daily'"));
    const res = await gql(app, '{ sources(filter: { textContains: "工匠方阵" }) { nodes { publisher publishedOn } } }');
    expect(res.sources.nodes).toEqual([
      { publisher: '新华日报', publishedOn: '2025-10-20' },
      { publisher: '新华日报', publishedOn: '2025-10-19' },
    ]);
  });

  it('filters by publication date range, bounds included', async () => {
    expect(await total('publishedFrom: "2025-10-20", publishedTo: "2025-10-22"')).toBe(
      await sqlNumber(app, "SELECT count(*) FROM source WHERE published_on BETWEEN '2025-10-20' AND '2025-10-22'"),
    );
    expect(await total('publishedFrom: "2025-11-04"')).toBe(1);
  });

  it('returns empty results, and treats % and _ literally', async () => {
    expect(await total('publishedTo: "2025-01-01"')).toBe(0);
    expect(await total('textContains: "%"')).toBe(0);
    expect(await total('textContains: "新华_报"')).toBe(0);
  });

  it('refuses an invalid date in the filter', async () => {
    const error = await gqlError(app, 'query ($d: LocalDate) { sources(filter: { publishedFrom: $d }) { totalCount } }', { d: '2025-13-01' });
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('the source of a record', () => {
  it("is the report a goal, a figure, a studio and an enterprise cite", async () => {
    const res = await gql(app, `{
      goals(first: 1) { nodes { source { id title } } }
      reportedFigures(first: 1, filter: { cityCode: "440600" }) { nodes { source { publisher title } } }
      innovationStudios(first: 1) { nodes { source { publishedOn } } }
      enterprises(first: 1, filter: { cityCode: "420100" }) { nodes { source { publisherEn } } } }`);
    const [goal] = await sqlRows(app, 'SELECT s.id, s.title FROM goal g JOIN source s ON s.id = g.source_id ORDER BY g.id LIMIT 1');
    expect(res.goals.nodes[0].source).toEqual({ id: nodeId('Source', goal.id), title: goal.title });
    expect(res.reportedFigures.nodes[0].source.publisher).toBe('南方都市报');
    expect(res.innovationStudios.nodes[0].source.publishedOn).toBe('2025-10-23');
    expect(res.enterprises.nodes[0].source.publisherEn).toBe('Changjiang Daily');
  });

  it('is the same record through node(id:) as in the list', async () => {
    const res = await gql(app, '{ goals(first: 1) { nodes { source { id title } } } }');
    const { id, title } = res.goals.nodes[0].source;
    const node = await gql(app, `{ node(id: "${id}") { __typename ... on Source { id title } } }`);
    expect(node.node).toEqual({ __typename: 'Source', id, title });
  });
});
