/**
 * How PostgreSQL plans the statements of pages and lookups (src/registry/table.ts, pageStatement and keysStatement). A
 * page chosen by no value but its cursor (or, inside its parent's statement, by the parent's key), and a lookup of one
 * record, are planned a few times per connection and then run on one generic plan, where they were planned again on
 * every request. A filtered page keeps its count a parameter, so that PostgreSQL goes on choosing between planning
 * for the values and a generic plan as before
 * (at scale, costing a bound count as a tenth of the table, it plans for the values: a skewed filter, one city
 * holding most rows and another a handful, gets the plan its values need). Read from PostgreSQL's own counters for
 * the request connection's prepared statements (pg_prepared_statements: generic_plans, custom_plans), on a request
 * pool of one connection.
 */
import { gql } from '../setup/queries';
import { startTestApp, type TestApp } from '../setup/test-app';

const NANJING = '320100';
const REQUESTS = 8;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ pool: { max: 1 } });
});
afterAll(() => app.close());

interface Plans {
  statement: string;
  generic: number;
  custom: number;
}

/** The request connection's prepared statements that read innovation_studio, with how each was planned. */
async function studioPlans(): Promise<Plans[]> {
  const { rows } = await app.requestPool.query<Plans>(
    `SELECT statement, generic_plans::int AS generic, custom_plans::int AS custom FROM pg_prepared_statements WHERE statement LIKE '%FROM innovation_studio t%'`,
  );
  return rows;
}

/** The one prepared statement that matches `match`. */
async function plansOf(match: RegExp): Promise<Plans> {
  const plans = (await studioPlans()).filter((p) => match.test(p.statement));
  expect(plans).toHaveLength(1);
  return plans[0];
}

/** Runs `query` REQUESTS times, each page after the last one's end (the first page, without a cursor, is a statement of its own); returns how its statement was planned. */
async function planned(query: string, match: RegExp): Promise<Plans> {
  let after: string | null = null;
  for (let i = 0; i < REQUESTS; i += 1) {
    const data: { innovationStudios: { pageInfo: { endCursor: string | null } } } = await gql(app, query, { after });
    after = data.innovationStudios.pageInfo.endCursor;
  }
  // The pages after the first: those with a cursor's condition.
  return plansOf(new RegExp(`^(?=.*\\) > \\().*${match.source}`));
}

it('runs a page chosen by its cursor alone on one generic plan, after PostgreSQL\'s first few', async () => {
  const plans = await planned(
    `query ($after: String) { innovationStudios(first: 3, after: $after) { nodes { id name } pageInfo { endCursor } } }`,
    /LIMIT 4$/,
  );
  // PostgreSQL makes custom plans for a prepared statement's first executions, then keeps the generic one.
  expect(plans.generic + plans.custom).toBe(REQUESTS - 1);
  expect(plans.generic).toBeGreaterThan(0);
  expect(plans.custom).toBeLessThan(REQUESTS);
});

it('keeps a filtered page\'s count a parameter, for PostgreSQL to weigh planning for its values', async () => {
  const plans = await planned(
    `query ($after: String) { innovationStudios(first: 3, after: $after, filter: { cityCode: "${NANJING}" }) { nodes { id name } pageInfo { endCursor } } }`,
    /city_code = \$1 /,
  );
  expect(plans.statement).toMatch(/LIMIT \$\d+$/);
  expect(plans.generic + plans.custom).toBe(REQUESTS - 1);
});

it('runs a lookup of one record on one generic plan, after PostgreSQL\'s first few', async () => {
  const ids = (await gql<{ innovationStudios: { nodes: { id: string }[] } }>(app, `{ innovationStudios(first: ${REQUESTS}) { nodes { id } } }`)).innovationStudios.nodes.map((n) => n.id);
  expect(ids).toHaveLength(REQUESTS);
  for (const id of ids) {
    const data = await gql<{ node: { id: string; establishedOn: string | null } }>(app, `query ($id: ID!) { node(id: $id) { id ... on InnovationStudio { establishedOn } } }`, { id });
    expect(data.node.id).toBe(id);
  }
  const plans = await plansOf(/established_on.*WHERE t\.id = \$1 /);
  expect(plans.generic + plans.custom).toBe(REQUESTS);
  expect(plans.generic).toBeGreaterThan(0);
});

it("runs a city's studios with their enterprises, one statement, on one generic plan after PostgreSQL's first few", async () => {
  for (let i = 0; i < REQUESTS; i += 1) {
    const data = await gql<{ city: { innovationStudios: { nodes: unknown[] } } }>(
      app,
      `query ($code: DivisionCode!) { city(code: $code) { name innovationStudios(first: 3) { nodes { id name enterprise { id name } } } } }`,
      { code: NANJING },
    );
    expect(data.city.innovationStudios.nodes).toHaveLength(3);
  }
  // The city's statement, its page of studios (their count written in) and their enterprises joined in.
  const plans = await plansOf(/LIMIT 4\) p\d+ LEFT JOIN \(SELECT true .* FROM enterprise t\).* FROM city t WHERE t\.code = \$1 /s);
  expect(plans.generic + plans.custom).toBe(REQUESTS);
  expect(plans.generic).toBeGreaterThan(0);
});
