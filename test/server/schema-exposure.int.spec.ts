/**
 * What a caller may learn about the schema and the server from its answers. In production,
 * introspection and "Did you mean" suggestions are for ADMIN and ANALYST keys only (src/auth/policy.ts);
 * in local development for anyone. No answer carries a stack trace.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getIntrospectionQuery } from 'graphql';
import request from 'supertest';
import { startTestApp, type TestApp } from '../setup/test-app';

const TYPO = '{ cites { totalCount } }';
const ENUM_TYPO = 'query ($k: [InnovationStudioKind!]) { innovationStudios(filter: { kinds: $k }) { totalCount } }';
const ENUM_LITERAL_TYPO = '{ innovationStudios(filter: { kinds: [MODEL] }) { totalCount } }';

const send = (app: TestApp, key: string | null, query: string, variables?: Record<string, unknown>) => {
  const req = request(app.app).post('/graphql').set('content-type', 'application/json');
  if (key) req.set('authorization', `Bearer ${key}`);
  return req.send({ query, variables });
};

describe('in production', () => {
  let app: TestApp;
  const keys: Record<string, string> = {};
  beforeAll(async () => {
    app = await startTestApp({ production: true, requireKey: true });
    keys.ADMIN = (await app.createKey('ADMIN')).key;
    keys.ANALYST = (await app.createKey('ANALYST')).key;
    keys.CITY_EDITOR = (await app.createKey('CITY_EDITOR', '320100')).key;
  });
  afterAll(() => app.close());

  describe.each(['ADMIN', 'ANALYST'])('%s keys', (role) => {
    it('introspect the whole schema, as GraphiQL asks for it', async () => {
      const res = await send(app, keys[role], getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }));
      expect(res.status).toBe(200);
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.__schema.types.map((t: { name: string }) => t.name)).toContain('InnovationStudio');
    });

    it('get suggestions', async () => {
      const res = await send(app, keys[role], TYPO);
      expect(res.body.errors[0].message).toBe('Cannot query field "cites" on type "Query". Did you mean "cities", "city", or "nodes"?');
    });
  });

  describe('CITY_EDITOR keys', () => {
    it.each([
      ['__schema', '{ __schema { queryType { name } } }'],
      ['__type', '{ __type(name: "Craftsman") { fields { name } } }'],
      ['__type in a fragment', '{ ...T } fragment T on Query { __type(name: "Craftsman") { name } }'],
    ])('may not introspect (%s): FORBIDDEN before anything runs (403 for application/graphql-response+json, 200 for application/json)', async (_label, query) => {
      expect((await send(app, keys.CITY_EDITOR, query)).status).toBe(200);
      const res = await send(app, keys.CITY_EDITOR, query).set('accept', 'application/graphql-response+json');
      expect(res.status).toBe(403);
      expect(res.body.data).toBeUndefined();
      expect(res.body.errors).toEqual([
        { message: 'Introspection (__schema, __type) is open to ADMIN and ANALYST keys only.', extensions: { code: 'FORBIDDEN' } },
      ]);
      expect(res.body.extensions.requestId).toBe(res.headers['x-request-id']);
    });

    it('still ask for __typename', async () => {
      const res = await send(app, keys.CITY_EDITOR, '{ __typename city(code: "320100") { __typename name } }');
      expect(res.body).toMatchObject({ data: { __typename: 'Query', city: { __typename: 'City', name: '南京' } } });
    });

    it('get no suggestions: not for fields, nor enum values in the query or in variables', async () => {
      const typo = await send(app, keys.CITY_EDITOR, TYPO);
      expect(typo.status).toBe(200); // a request error, to an application/json client (GraphQL over HTTP)
      expect(typo.body.data).toBeUndefined();
      expect(typo.body.errors[0]).toMatchObject({ message: 'Cannot query field "cites" on type "Query".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
      const literal = await send(app, keys.CITY_EDITOR, ENUM_LITERAL_TYPO);
      expect(literal.body.errors[0].message).toBe('Value "MODEL" does not exist in "InnovationStudioKind" enum.');
      const variable = await send(app, keys.CITY_EDITOR, ENUM_TYPO, { k: ['MODEL'] });
      expect(variable.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(variable.body.errors[0].message).toMatch(/Value "MODEL" does not exist in "InnovationStudioKind" enum\.$/);
      expect(JSON.stringify([typo.body, literal.body, variable.body])).not.toMatch(/Did you mean/);
    });

    it('run every dashboard query (the dashboard needs no introspection)', async () => {
      const dashboard = readFileSync(path.resolve(__dirname, '../../src/server/dashboard/dashboard.js'), 'utf8');
      const queries = [...dashboard.matchAll(/`(query \w+[\s\S]*?)`/g)].map((m) => m[1]);
      expect(queries).toHaveLength(7); // goals, studio series, the activities in three, the drill-down in two
      for (const query of queries) {
        const res = await send(app, keys.CITY_EDITOR, query, { after: null, from: '2016-01-01', to: '2025-12-31', monthsFrom: '2024-01-01' });
        expect(res.body.errors).toBeUndefined();
        expect(res.body.extensions.cost).toBeGreaterThan(0);
      }
    });
  });
});

describe('in local development', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ production: false });
  });
  afterAll(() => app.close());

  it('anyone may introspect and gets suggestions', async () => {
    const schema = await send(app, null, getIntrospectionQuery());
    expect(schema.body.data.__schema.queryType.name).toBe('Query');
    expect((await send(app, null, TYPO)).body.errors[0].message).toMatch(/Did you mean "cities", "city", or "nodes"\?$/);
  });
});

describe.each(['production', 'development'])('with NODE_ENV=%s', (nodeEnv) => {
  let app: TestApp;
  const previous = process.env.NODE_ENV;
  beforeAll(async () => {
    process.env.NODE_ENV = nodeEnv; // Apollo reads it when the server is built
    app = await startTestApp({ production: nodeEnv === 'production' });
  });
  afterAll(async () => {
    process.env.NODE_ENV = previous;
    await app.close();
  });

  it('no answer carries a stack trace', async () => {
    const answers = await Promise.all([
      send(app, null, '{ provinces {'),
      send(app, null, '{ nothing }'),
      send(app, null, '{ innovationStudios(after: "garbage") { totalCount } }'),
      send(app, null, 'query ($n: Int) { innovationStudios(first: $n) { totalCount } }', { n: 'many' }),
      send(app, null, '{ auditLog { totalCount } }'),
      send(app, null, `{ ${'a: __typename '.repeat(40)} }`),
      send(app, 'not-a-key', '{ __typename }'),
      request(app.app).post('/graphql').set('content-type', 'application/json').send('{"query":'),
      request(app.app).post('/graphql').set('content-type', 'text/plain').send('{ __typename }'),
      request(app.app).get('/nowhere'),
    ]);
    for (const res of answers) {
      expect(res.status).toBeLessThan(500);
      const body = JSON.parse(res.text);
      expect(body.errors[0].extensions.code).toEqual(expect.any(String));
      expect(res.text).not.toMatch(/stacktrace|\bat .*\.(ts|js):\d+/);
    }
  });
});
