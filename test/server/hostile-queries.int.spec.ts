/**
 * Hostile query documents: deep and wide queries, alias, field-duplication and fragment bombs,
 * directive overload, circular fragments, huge pages, too many tokens, batches. Each is refused
 * before anything runs (no SQL statement) with HTTP 400 and a stable code that names the limit and
 * its numbers, and carries the request id; an accepted query reports its cost. The server keeps serving.
 */
import request from 'supertest';
import { SCAN_PRICES } from '../../src/graphql/limits/query-cost';
import { DEFAULT_QUERY_LIMITS } from '../../src/graphql/limits/query-limits';
import { gql, sqlNumber } from '../setup/queries';
import { startTestApp, type TestApp } from '../setup/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

// As a client that takes application/graphql-response+json: a refusal is a 4xx (test/server/graphql-over-http.int.spec.ts has the application/json side).
const post = (body: unknown, target: TestApp = app) => request(target.app).post('/graphql').set('content-type', 'application/json').set('accept', 'application/graphql-response+json').send(body as object);

/** A refusal before execution: 400, one error with this code, the request id, and no SQL run. */
async function refused(query: string, code = 'QUERY_TOO_COMPLEX', variables?: Record<string, unknown>, target: TestApp = app) {
  const res = await post({ query, variables }, target);
  expect(res.status).toBe(400);
  expect(res.body.errors).toHaveLength(1);
  const [error] = res.body.errors;
  expect(error.extensions.code).toBe(code);
  expect(res.body.data).toBeUndefined();
  expect(res.headers['x-request-id']).toBeTruthy();
  expect(res.body.extensions.requestId).toBe(res.headers['x-request-id']);
  expect(res.body.extensions.sqlStatements ?? 0).toBe(0);
  return error as { message: string; extensions: Record<string, unknown> };
}

const nest = (levels: number) => {
  // enterprises → nodes → innovationStudios → nodes → enterprise → innovationStudios → …, as deep as asked
  const cycle = ['innovationStudios(first: 1)', 'nodes', 'enterprise'];
  const fields = ['enterprises(first: 1)', 'nodes', ...Array.from({ length: levels - 3 }, (_, i) => cycle[i % cycle.length])];
  return `{ ${fields.join(' { ')} { __typename }${' }'.repeat(levels - 2)} }`;
};

describe('depth', () => {
  it('10 levels are answered; 11 are refused, saying so', async () => {
    const ok = await post({ query: nest(10) });
    expect(ok.status).toBe(200);
    expect(ok.body.errors).toBeUndefined();
    const error = await refused(nest(11));
    expect(error.extensions).toMatchObject({ limit: 'depth', maximum: 10, actual: 11 });
    expect(error.message).toBe('The query is 11 fields deep; at most 10 are allowed (depth limit).');
  });

  it('a deep query hidden in fragments is refused as well', async () => {
    const error = await refused(`{ enterprises { nodes { ...E } } }
      fragment E on Enterprise { innovationStudios { nodes { enterprise { innovationStudios { nodes { ...S } } } } } }
      fragment S on InnovationStudio { enterprise { innovationStudios { nodes { name } } } }`);
    expect(error.extensions).toMatchObject({ limit: 'depth', actual: 11 });
  });
});

describe('cost', () => {
  it('is reported for an accepted query, in extensions.cost', async () => {
    const res = await post({ query: '{ innovationStudios { totalCount nodes { name enterprise { name } } } }' });
    expect(res.body.errors).toBeUndefined();
    // connection 1 + the COUNT's measured price + 20 studios × (studio 1 + enterprise 1)
    expect(res.body.extensions.cost).toBe(1 + SCAN_PRICES.count + 40);
  });

  it('a wide query, 30 aliases of a full page, is over the budget', async () => {
    const wide = Array.from({ length: 30 }, (_, i) => `a${i}: innovationStudios(first: 100, after: null) { nodes { name enterprise { name } } }`).join('\n');
    const error = await refused(`{ ${wide} }`);
    expect(error.extensions).toMatchObject({ limit: 'cost', maximum: DEFAULT_QUERY_LIMITS.maxCost, actual: 30 * (1 + 100 * 2) });
    expect(error.message).toMatch(/^The query costs 6030; at most 5000 is allowed \(cost limit\)/);
  });

  it('nested full pages are over the budget, even when the page size comes in a variable', async () => {
    const error = await refused('query ($n: Int) { cities(first: $n) { nodes { innovationStudios(first: $n) { nodes { id } } } } }', 'QUERY_TOO_COMPLEX', { n: 100 });
    expect(error.extensions).toMatchObject({ limit: 'cost', actual: 1 + 100 * (1 + 1 + 100) });
  });
});

describe('bombs', () => {
  it('more than 30 aliases are refused', async () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    expect((await post({ query: aliases(30) })).status).toBe(200);
    expect((await refused(aliases(31))).extensions).toMatchObject({ limit: 'aliases', maximum: 30, actual: 31 });
  });

  it('a fragment that doubles at every level is refused at once, not expanded', async () => {
    const chain = Array.from({ length: 60 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join('\n');
    const error = await refused(`{ ...F0 }\n${chain}\nfragment F60 on Query { a: __typename }`);
    expect(error.extensions).toMatchObject({ limit: 'aliases', actual: 2 ** 60 });
  });

  it('a field repeated thousands of times is refused before validation compares the copies', async () => {
    const error = await refused(`{ provinces { ${'totalCount '.repeat(2000)} } }`);
    expect(error.extensions).toMatchObject({ limit: 'fields', maximum: 500, actual: 2001 });
  });

  it('more than 50 directives are refused', async () => {
    const error = await refused(`{ ${'__typename @include(if: true) '.repeat(51)} }`);
    expect(error.extensions).toMatchObject({ limit: 'directives', maximum: 50, actual: 51 });
  });

  it('more than 5,000 tokens stop the parser', async () => {
    const error = await refused(`{ ${'__typename '.repeat(5000)} }`);
    expect(error.extensions).toMatchObject({ limit: 'tokens', maximum: 5000 });
    expect(error.message).toBe('The query has more than 5000 tokens; at most 5000 are allowed (token limit).');
  });

  it('circular fragments are refused by validation', async () => {
    const error = await refused('{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }', 'GRAPHQL_VALIDATION_FAILED');
    expect(error.message).toMatch(/Cannot spread fragment "A" within itself/);
  });

  it('introspection nested past three lists is refused', async () => {
    const error = await refused('{ __type(name: "Query") { fields { type { fields { type { fields { type { fields { name } } } } } } } } }');
    expect(error.extensions).toMatchObject({ limit: 'introspectionLists', maximum: 3, actual: 4 });
  });
});

describe('page sizes', () => {
  it.each([
    ['first', '{ innovationStudios(first: 1000000) { totalCount } }'],
    ['last', 'query ($n: Int) { provinces { nodes { cities(last: $n) { totalCount } } } }'],
  ])('a huge %s is BAD_USER_INPUT naming it, before any SQL', async (argument, query) => {
    const error = await refused(query, 'BAD_USER_INPUT', { n: 5000 });
    expect(error.extensions.argument).toBe(argument);
    expect(error.message).toMatch(new RegExp(`^'${argument}' must be between 0 and 100`));
  });
});

describe('batched requests', () => {
  const one = { query: '{ provinces { totalCount } }' };

  it('are refused unless enabled, with the request id', async () => {
    const res = await post([one, one]);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(res.body.errors[0].message).toMatch(/Batched requests .* are not accepted/);
    expect(res.body.extensions.requestId).toBe(res.headers['x-request-id']);
  });

  describe('with QUERY_MAX_BATCH=2', () => {
    let batching: TestApp;
    beforeAll(async () => {
      batching = await startTestApp({ queryLimits: { ...DEFAULT_QUERY_LIMITS, maxBatch: 2 } });
    });
    afterAll(() => batching.close());

    it('two operations are answered, each with its cost', async () => {
      const res = await post([one, { query: '{ innovationStudios(first: 3) { nodes { id } } }' }], batching);
      expect(res.status).toBe(200);
      expect(res.body).toHaveLength(2);
      expect(res.body[0].data.provinces.totalCount).toBeGreaterThan(0);
      expect(res.body[0].extensions.cost).toBe(1 + SCAN_PRICES.count);
      expect(res.body[1].data.innovationStudios.nodes).toHaveLength(3);
      expect(res.body[1].extensions.cost).toBe(4);
    });

    it('each operation keeps every limit on its own', async () => {
      const res = await post([one, { query: nest(11) }], batching);
      expect(res.status).toBe(400);
      expect(res.body.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'depth' });
      expect(res.body.errors[0].message).toMatch(/^Operation 2 of the batch: The query is 11 fields deep/);
      const costly = await post([one, { query: '{ cities(first: 100) { nodes { innovationStudios(first: 100) { nodes { id } } } } }' }], batching);
      expect(costly.body[0].data.provinces.totalCount).toBeGreaterThan(0);
      expect(costly.body[1].errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'cost' });
    });

    it('three are refused', async () => {
      const res = await post([one, one, one], batching);
      expect(res.status).toBe(400);
      expect(res.body.errors[0].message).toBe('A batch may hold at most 2 operations; this one has 3.');
    });
  });
});

describe('limits from the configuration', () => {
  let strict: TestApp;
  beforeAll(async () => {
    strict = await startTestApp({ queryLimits: { ...DEFAULT_QUERY_LIMITS, maxDepth: 5, maxCost: 50, maxAliases: 1 } });
  });
  afterAll(() => strict.close());

  it('a mutation over the budget writes nothing', async () => {
    const before = await sqlNumber(strict, 'SELECT count(*) FROM source');
    const { key } = await strict.createKey('ADMIN');
    const res = await request(strict.app)
      .post('/graphql')
      .set('authorization', `Bearer ${key}`)
      .set('accept', 'application/graphql-response+json')
      .send({ query: 'mutation { createSource(input: { title: "t", publisher: "p", publishedOn: "2024-01-01" }) { source { history { actor { label } } h: history { operation } } } }' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'cost', actual: 1 + 1 + 20 * 2 + 20 });
    expect(await sqlNumber(strict, 'SELECT count(*) FROM source')).toBe(before);
  });

  it('are the ones enforced', async () => {
    expect((await refused('{ provinces { nodes { cities { nodes { province { name } } } } } }', 'QUERY_TOO_COMPLEX', undefined, strict)).extensions).toMatchObject({ limit: 'depth', maximum: 5, actual: 6 });
    expect((await refused('{ innovationStudios(first: 50) { nodes { id } } }', 'QUERY_TOO_COMPLEX', undefined, strict)).extensions).toMatchObject({ limit: 'cost', maximum: 50, actual: 51 });
    expect((await refused('{ a: __typename b: __typename }', 'QUERY_TOO_COMPLEX', undefined, strict)).extensions).toMatchObject({ limit: 'aliases', maximum: 1 });
  });
});

describe('afterwards', () => {
  it('the server still answers a normal query', async () => {
    const data = await gql(app, '{ city(code: "320100") { name innovationStudios { totalCount } } }');
    expect(data.city).toEqual({ name: '南京', innovationStudios: { totalCount: expect.any(Number) } });
  });
});
