/**
 * Hostile values through every argument: SQL-injection payloads and odd Unicode through every text
 * leaf (String, ID, custom scalars) of every root field's arguments and filters, numbers at and past
 * their limits through every number leaf, forged and garbage global IDs. Whatever the value, the
 * answer is data or an error with a stable code: never a 5xx, never INTERNAL; nothing the payloads
 * say is run as SQL; the server keeps serving.
 */
import request from 'supertest';
import { buildRegistrySchema } from '../../src/modules/schema';
import { numberArgumentCases, textArgumentCases, type ArgumentCase } from '../setup/argument-cases';
import { gql, nodeId, sqlNumber } from '../setup/queries';
import { startTestApp, type TestApp } from '../setup/test-app';

let app: TestApp;
let admin: string;
let studiosBefore: number;
beforeAll(async () => {
  app = await startTestApp();
  admin = (await app.createKey('ADMIN')).key;
  studiosBefore = await sqlNumber(app, 'SELECT count(*) FROM innovation_studio');
});
afterAll(() => app.close());

const TEXT_PAYLOADS: Record<string, string> = {
  // Quotes that would close a string, statements that would be stacked, a sleep that would show in the timing.
  injection: "x' OR '1'='1'); DROP TABLE innovation_studio; UPDATE api_key SET revoked_at = now(); SELECT pg_sleep(5); --",
  // LIKE wildcards, placeholders, comments and the other quotes.
  sqlSyntax: '%_\\% $1 ? :name /* */ -- " ` \\',
  nul: 'a\u0000b',
  loneSurrogate: 'a\ud800b',
  unicode: '\u202eevil\u202c\u200f e\u0301\u0336 😀 工匠',
  long: 'x'.repeat(100_000),
  longChinese: '工'.repeat(30_000),
  empty: '',
};

const NUMBER_PAYLOADS: Record<string, unknown> = {
  int32Max: 2_147_483_647,
  int32MaxPlusOne: 2_147_483_648,
  minusOne: -1,
  int32MinMinusOne: -2_147_483_649,
  float: 1.5,
  huge: 1e300,
  nanString: 'NaN',
  numericString: '12',
  boolean: true,
};

/** What is wrong with an answer: a 5xx, an error without a code, or INTERNAL. */
function problemsOf(res: { status: number; body: any }): string[] {
  const problems: string[] = [];
  if (res.status >= 500) problems.push(`HTTP ${res.status}`);
  for (const error of res.body?.errors ?? []) {
    const code = error.extensions?.code;
    if (!code) problems.push(`no code: ${error.message}`);
    if (code === 'INTERNAL' || code === 'INTERNAL_SERVER_ERROR') problems.push(`INTERNAL at ${JSON.stringify(error.path)}: ${error.message}`);
  }
  if (!res.body?.errors && !res.body?.data) problems.push(`neither data nor errors (HTTP ${res.status})`);
  return problems;
}

async function send(c: ArgumentCase, value: unknown): Promise<{ status: number; body: any }> {
  const res = await request(app.app)
    .post('/graphql')
    .set('content-type', 'application/json')
    .set('authorization', `Bearer ${admin}`)
    .send({ query: c.query, variables: c.variablesWith(value) });
  return { status: res.status, body: res.body };
}

async function problemsFor(c: ArgumentCase, payloads: Record<string, unknown>): Promise<string[]> {
  const answers = await Promise.all(Object.entries(payloads).map(async ([label, value]) => ({ label, res: await send(c, value) })));
  return answers.flatMap(({ label, res }) => problemsOf(res).map((p) => `${label}: ${p}`));
}

const schema = buildRegistrySchema();
const textCases = textArgumentCases(schema);
const numberCases = numberArgumentCases(schema);

describe('text arguments', () => {
  it('cover every text leaf of the arguments of queries and mutations, filters included', () => {
    const names = textCases.map((c) => c.name);
    expect(names).toContain('Query.innovationStudios(filter.nameContains: String)');
    expect(names).toContain('Query.node(id: ID)');
    expect(names).toContain('Mutation.upsertInnovationStudios(input.records[0].name: String)');
    expect(textCases.filter((c) => c.operation === 'mutation').length).toBeGreaterThan(100);
  });

  it.each(textCases.map((c) => [c.name, c] as const))('%s: data or a coded error, never a 5xx or INTERNAL', async (_name, c) => {
    expect(await problemsFor(c, TEXT_PAYLOADS)).toEqual([]);
  });

  it('NUL and lone surrogates are refused as BAD_USER_INPUT naming the argument, before any SQL', async () => {
    const res = await app.graphql('query ($f: InnovationStudioFilter) { innovationStudios(filter: $f) { totalCount } }', { f: { nameContains: TEXT_PAYLOADS.nul } });
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'filter.nameContains' });
    expect(res.errors![0].message).toMatch(/NUL/);
    expect(res.extensions.sqlStatements).toBe(0);
    const surrogate = await app.graphqlAs(admin, 'mutation ($i: CreateSourceInput!) { createSource(input: $i) { userErrors { code } } }', {
      i: { title: TEXT_PAYLOADS.loneSurrogate, publisher: 'x', publishedOn: '2024-01-01' },
    });
    expect(surrogate.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.title' });
  });

  it('a search text longer than anything searched is refused before it reaches SQL', async () => {
    const res = await app.graphql('query ($s: String) { enterpriseStats(groupBy: [CITY], filter: { nameContains: $s }) { count } }', { s: TEXT_PAYLOADS.long });
    expect(res.errors![0]).toMatchObject({
      message: "'filter.nameContains' is 100000 characters long; a search takes at most 500.",
      extensions: { code: 'BAD_USER_INPUT', argument: 'filter.nameContains' },
    });
    expect(res.extensions.sqlStatements).toBe(0);
  });

  it('injection payloads are searched for literally, and every table is still there', async () => {
    const found = await gql(
      app,
      'query ($s: String) { innovationStudios(filter: { nameContains: $s }) { totalCount } wildcard: innovationStudios(filter: { nameContains: "%" }) { totalCount } all: innovationStudios { totalCount } }',
      { s: TEXT_PAYLOADS.injection },
    );
    expect(found.innovationStudios.totalCount).toBe(0);
    expect(found.wildcard.totalCount).toBe(0);
    expect(found.all.totalCount).toBeGreaterThan(0);
    expect(await sqlNumber(app, 'SELECT count(*) FROM innovation_studio')).toBeGreaterThanOrEqual(studiosBefore);
    expect(await sqlNumber(app, 'SELECT count(*) FROM api_key WHERE revoked_at IS NOT NULL')).toBe(0);
  });
});

describe('number arguments', () => {
  it.each(numberCases.map((c) => [c.name, c] as const))('%s: data or a coded error, never a 5xx or INTERNAL', async (_name, c) => {
    expect(await problemsFor(c, NUMBER_PAYLOADS)).toEqual([]);
  });

  it.each([
    ['2^31 as a literal', '{ innovationStudios(first: 2147483648) { totalCount } }', 'GRAPHQL_VALIDATION_FAILED'],
    ['a float for an Int', '{ innovationStudios(first: 1.5) { totalCount } }', 'GRAPHQL_VALIDATION_FAILED'],
    ['a page over 100', '{ innovationStudios(first: 101) { totalCount } }', 'BAD_USER_INPUT'],
    ['a negative page', '{ innovationStudios(last: -1) { totalCount } }', 'BAD_USER_INPUT'],
    ['a string for an Int', '{ innovationStudios(first: "10") { totalCount } }', 'GRAPHQL_VALIDATION_FAILED'],
  ])('%s is refused before execution with %s (400 for application/graphql-response+json)', async (_label, query, code) => {
    const res = await request(app.app).post('/graphql').set('accept', 'application/graphql-response+json').send({ query });
    expect(res.status).toBe(400);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors[0].extensions.code).toBe(code);
  });
});

describe('global IDs', () => {
  const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
  const FORGED: Record<string, string> = {
    'garbage': '!!!not-an-id!!!',
    'base64 garbage': base64('\u0000\u0001\u00ff'),
    'a type that is no Node': base64('ApiKey:1'),
    'an unknown type': base64('Widget:1'),
    'SQL in the key': base64("InnovationStudio:1' OR '1'='1"),
    'a key past int4': base64('InnovationStudio:99999999999'),
    'a negative key': base64('InnovationStudio:-1'),
    'a city key for a studio': base64('InnovationStudio:320100'),
    'a studio key for a city': base64('City:1'),
    'standard base64 with padding': Buffer.from('InnovationStudio:12').toString('base64'),
    'very long': 'A'.repeat(10_000),
  };

  it.each(Object.entries(FORGED))('node(id:) with %s is null or BAD_USER_INPUT, never INTERNAL', async (_label, id) => {
    const res = await app.graphql('query ($id: ID!) { node(id: $id) { id } }', { id });
    expect(problemsOf({ status: 200, body: res })).toEqual([]);
    if (res.errors) expect(res.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'id' });
    else expect(res.data.node).toBeNull();
  });

  it('an ID of another type does not reach a record of this type', async () => {
    const city = nodeId('City', '320100');
    const res = await app.graphqlAs(admin, 'mutation ($id: ID!) { archiveInnovationStudio(input: { id: $id }) { innovationStudio { id } userErrors { field code } } }', { id: city });
    expect(problemsOf({ status: 200, body: res })).toEqual([]);
    const refused = res.errors?.[0]?.extensions?.code ?? res.data.archiveInnovationStudio.userErrors[0]?.code;
    expect(['BAD_USER_INPUT', 'NOT_FOUND', 'INVALID']).toContain(refused);
  });
});

describe('afterwards', () => {
  it('the server still answers a normal query', async () => {
    const data = await gql(app, '{ city(code: "320100") { name innovationStudios { totalCount } } }');
    expect(data.city.name).toBe('南京');
    expect(data.city.innovationStudios.totalCount).toBeGreaterThan(0);
  });
});
