import { PUBLISHED } from '../../seeds/published-data-set';
import { gql, gqlError, nodeId, sqlNumber, sqlRows } from '../setup/queries';
import { startTestApp, type TestApp } from '../setup/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const NANJING = '320100';

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  nodes: { id: string }[];
}

const STUDIOS = `query ($first: Int, $after: String, $last: Int, $before: String, $orderBy: InnovationStudioOrderBy) {
  innovationStudios(first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy, filter: { cityCode: "${NANJING}" }) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { id }
  }
}`;

async function studioPage(args: Record<string, unknown>): Promise<Page> {
  return (await gql<{ innovationStudios: Page }>(app, STUDIOS, args)).innovationStudios;
}

/** Every Nanjing studio id, walking forward with first/after, and the pages seen on the way. */
async function walkForward(orderBy: string, size = 100): Promise<{ ids: string[]; pages: Page[] }> {
  const ids: string[] = [];
  const pages: Page[] = [];
  let after: string | null = null;
  do {
    const page = await studioPage({ first: size, after, orderBy });
    pages.push(page);
    ids.push(...page.nodes.map((n) => n.id));
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after && pages.length < 50);
  return { ids, pages };
}

/** The same walk backward with last/before, returned in list order. */
async function walkBackward(orderBy: string, size = 100): Promise<{ ids: string[]; pages: Page[] }> {
  const ids: string[] = [];
  const pages: Page[] = [];
  let before: string | null = null;
  do {
    const page = await studioPage({ last: size, before, orderBy });
    pages.push(page);
    ids.unshift(...page.nodes.map((n) => n.id));
    before = page.pageInfo.hasPreviousPage ? page.pageInfo.startCursor : null;
  } while (before && pages.length < 50);
  return { ids, pages };
}

const SQL_ORDER: Record<string, string> = {
  ID_ASC: 'id ASC',
  ESTABLISHED_ON_DESC: "coalesce(established_on, date '0001-01-01') DESC, id DESC",
};

async function sqlStudioIds(orderBy: string): Promise<string[]> {
  const rows = await sqlRows<{ id: number }>(app, `SELECT id FROM innovation_studio WHERE city_code = $1 ORDER BY ${SQL_ORDER[orderBy]}`, [NANJING]);
  return rows.map((r) => nodeId('InnovationStudio', r.id));
}

describe.each(['ID_ASC', 'ESTABLISHED_ON_DESC'])('walking all Nanjing studios ordered by %s', (orderBy) => {
  it('forward with first/after visits every studio exactly once, in the SQL order', async () => {
    const expected = await sqlStudioIds(orderBy);
    const { ids, pages } = await walkForward(orderBy, 100);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expected);
    expect(pages).toHaveLength(Math.ceil(expected.length / 100));
    expect(pages.every((p) => p.totalCount === expected.length)).toBe(true);
  });

  it('backward with last/before gives the same studios in the same order', async () => {
    const expected = await sqlStudioIds(orderBy);
    const { ids } = await walkBackward(orderBy, 100);
    expect(ids).toEqual(expected);
  });

  it('an odd page size does not skip or repeat studios at page boundaries', async () => {
    const { ids } = await walkForward(orderBy, 37);
    expect(ids).toEqual(await sqlStudioIds(orderBy));
  });
});

describe('pageInfo at both ends of the list', () => {
  it('the first page forward has a next page and no previous page; the last one the reverse', async () => {
    const { pages } = await walkForward('ID_ASC', 100);
    const [first, last] = [pages[0], pages[pages.length - 1]];
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false, startCursor: expect.any(String) });
    expect(last.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(last.nodes).toHaveLength(PUBLISHED.nanjingStudios % 100);
  });

  it('paging backward from the end starts with no next page and ends with no previous page', async () => {
    const { pages } = await walkBackward('ID_ASC', 100);
    expect(pages[0].pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(pages[pages.length - 1].pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
  });

  it('a page holding the whole list has neither next nor previous page', async () => {
    const res = await gql(app, '{ craftsmanAcademies(first: 100) { totalCount pageInfo { hasNextPage hasPreviousPage } nodes { id } } }');
    expect(res.craftsmanAcademies.nodes).toHaveLength(await sqlNumber(app, 'SELECT count(*) FROM craftsman_academy'));
    expect(res.craftsmanAcademies.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: false });
  });

  it('first: 0 returns no edges but still the totalCount', async () => {
    const res = await gql(app, `{ innovationStudios(first: 0, filter: { cityCode: "${NANJING}" }) { totalCount edges { cursor } nodes { id } } }`);
    expect(res.innovationStudios).toEqual({ totalCount: await sqlNumber(app, 'SELECT count(*) FROM innovation_studio WHERE city_code = $1', [NANJING]), edges: [], nodes: [] });
  });

  it('without first or last a page holds 20 records', async () => {
    const page = await studioPage({});
    expect(page.nodes).toHaveLength(20);
  });
});

describe('a nested connection (cities → innovationStudios)', () => {
  const NESTED = `query ($after: String) { cities(first: 100, filter: { provinceCode: "320000" }) {
    nodes { code innovationStudios(first: 5, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } } } }`;

  it('gives each city its own first page and totalCount, from SQL', async () => {
    const res = await gql(app, NESTED);
    const counts = await sqlRows<{ code: string; n: number }>(app,
      `SELECT c.code, count(s.id)::int AS n FROM city c LEFT JOIN innovation_studio s ON s.city_code = c.code WHERE c.province_code = '320000' GROUP BY c.code ORDER BY c.code`);
    const firstFive = (await sqlStudioIds('ID_ASC')).slice(0, 5);
    expect(res.cities.nodes.map((c: any) => [c.code, c.innovationStudios.totalCount])).toEqual(counts.map((c) => [c.code, c.n]));
    const nanjing = res.cities.nodes.find((c: any) => c.code === NANJING).innovationStudios;
    expect(nanjing.nodes.map((n: any) => n.id)).toEqual(firstFive);
    expect(nanjing.pageInfo.hasNextPage).toBe(true);
    const wuxi = res.cities.nodes.find((c: any) => c.code === '320200').innovationStudios;
    expect(wuxi).toEqual({ totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] });
  });

  it('pages on with the nested endCursor', async () => {
    const first = await gql(app, NESTED);
    const cursor = first.cities.nodes.find((c: any) => c.code === NANJING).innovationStudios.pageInfo.endCursor;
    const second = await gql(app, NESTED, { after: cursor });
    const nanjing = second.cities.nodes.find((c: any) => c.code === NANJING).innovationStudios;
    expect(nanjing.nodes.map((n: any) => n.id)).toEqual((await sqlStudioIds('ID_ASC')).slice(5, 10));
  });

  it('runs as many SQL statements for 13 cities as for 1', async () => {
    const one = await app.graphql(NESTED.replace('provinceCode: "320000"', 'nameContains: "南京"'));
    const all = await app.graphql(NESTED);
    expect(all.extensions.sqlStatements).toBe(one.extensions.sqlStatements);
  });
});

describe('bad paging arguments are refused with BAD_USER_INPUT, naming the argument', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['first: 101', { first: 101 }, 'first'],
    ['first: -1', { first: -1 }, 'first'],
    ['last: 101', { last: 101 }, 'last'],
    ['first and last together', { first: 5, last: 5 }, 'last'],
    ['after and before together', { after: 'x', before: 'y' }, 'before'],
    ['a garbage cursor', { first: 5, after: 'not-a-cursor' }, 'after'],
    ['a garbage cursor in before', { last: 5, before: '%%%' }, 'before'],
  ];
  it.each(cases)('%s', async (_label, args, argument) => {
    const error = await gqlError(app, STUDIOS, args);
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.argument).toBe(argument);
    expect(error.message).toContain(`'${argument}'`);
  });

  it('a cursor from another orderBy is refused instead of skipping rows', async () => {
    const page = await studioPage({ first: 3, orderBy: 'ID_ASC' });
    const error = await gqlError(app, STUDIOS, { first: 3, after: page.pageInfo.endCursor, orderBy: 'ESTABLISHED_ON_DESC' });
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    expect(error.message).toContain("'after'");
    expect(error.message).toContain('ID_ASC');
  });

  it('a forged cursor of the right shape but the wrong value type is refused, not an internal error', async () => {
    const forged = Buffer.from(JSON.stringify(['ESTABLISHED_ON_DESC', 'not a date', 'x']), 'utf8').toString('base64url');
    const error = await gqlError(app, STUDIOS, { first: 3, after: forged, orderBy: 'ESTABLISHED_ON_DESC' });
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
  });
});
